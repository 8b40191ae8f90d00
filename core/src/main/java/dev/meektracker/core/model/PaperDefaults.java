package dev.meektracker.core.model;

/**
 * The paper's values, in one place: every command, setting and default scenario takes them from
 * here. Gundlach, Lynch and Thompson, "Meek Models Shall Inherit the Earth" (MIT, 2025); the
 * equations and the sources of each value are in docs/MODEL.md.
 */
public final class PaperDefaults {

    /** A in L(C) = A·C^−α + E: the rounded compute-optimal reduction of Hoffmann et al. (2022). */
    public static final double LAW_COEFFICIENT = 1070;
    /** α in L(C); the paper's text quotes 0.155, its figures use 0.154. */
    public static final double LAW_ALPHA = 0.154;
    /** E, the irreducible loss, nats/token. */
    public static final double LAW_IRREDUCIBLE = 1.7;
    /** The meek budget B0, USD. */
    public static final double MEEK_BUDGET_USD = 1000;
    /** F, FLOP one USD buys at t = 0. */
    public static final double FLOP_PER_DOLLAR = 1e17;
    /** g_h, growth of FLOP per USD, times per year. */
    public static final double HARDWARE_GROWTH = 1.4;
    /** g_alg, algorithmic progress (effective compute per year), times per year (Ho et al. 2024). */
    public static final double ALGORITHMIC_GROWTH = 2.8;
    /** Published 90 % range of g_alg (Ho et al. 2024), times per year. */
    public static final double ALGORITHMIC_GROWTH_LOW = 1.8;

    public static final double ALGORITHMIC_GROWTH_HIGH = 5.3;
    /** Frontier physical training compute growth, times per year (Epoch AI). */
    public static final double FRONTIER_COMPUTE_GROWTH = 5.0;
    /** g_i, frontier spending growth: compute growth over hardware growth, times per year. */
    public static final double INVESTMENT_GROWTH = FRONTIER_COMPUTE_GROWTH / HARDWARE_GROWTH;
    /** Loss gap below which the gap counts as closed, nats/token. */
    public static final double THRESHOLD_NATS = 0.05;
    /** g_inf, fall of inference prices per year. */
    public static final double INFERENCE_GROWTH = 9;

    private PaperDefaults() {}

    /** The paper's law. */
    public static ComputeLaw law() {
        return new ComputeLaw(LAW_COEFFICIENT, LAW_ALPHA, LAW_IRREDUCIBLE);
    }
}
