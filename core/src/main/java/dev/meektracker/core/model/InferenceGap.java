package dev.meektracker.core.model;

/**
 * The inference gap (docs/MODEL.md §5): a user with a fixed per-token budget serves a model whose
 * training-equivalent effective compute is {@code C_eff(t) = (C_inf0·(g_h·g_inf)^t)^2·g_alg^t},
 * with {@code C_inf0 = B_inf·F}; the gap is {@code max(L(C_eff) − L(C_frontier), 0)}.
 *
 * @param budgetUsdPerToken B_inf, USD per token
 * @param inferenceGrowth   g_inf, fall of inference prices, times per year
 * @param algorithmicGrowth g_alg used here (the authors drew the figure with 3.6)
 */
public record InferenceGap(double budgetUsdPerToken, double inferenceGrowth, double algorithmicGrowth) {

    public static final double DEFAULT_BUDGET_USD_PER_TOKEN = 1e-8;
    public static final double DEFAULT_INFERENCE_GROWTH = 9.0;

    public InferenceGap {
        // A budget of zero or less buys no compute: log(0) made the loss infinite and the gap 0.
        GapScenario.positive("inference budget (USD per token)", budgetUsdPerToken);
        GapScenario.positive("inference price fall (per year)", inferenceGrowth);
        GapScenario.positive("algorithmic growth for inference (per year)", algorithmicGrowth);
    }

    /** Compute per token affordable at t = 0, FLOP/token. */
    public double initialFlopPerToken(GapScenario s) {
        return budgetUsdPerToken * s.flopPerDollar();
    }

    /** Training-equivalent effective compute at year t, FLOP. */
    public double effectiveCompute(GapScenario s, double t) {
        double perToken = initialFlopPerToken(s) * Math.pow(s.hardwareGrowth() * inferenceGrowth, t);
        return perToken * perToken * Math.pow(algorithmicGrowth, t);
    }

    /** The inference loss gap at year t, nats/token, never negative. */
    public double lossGap(GapScenario s, double t) {
        return Math.max(s.law().loss(effectiveCompute(s, t)) - s.frontierLoss(t), 0);
    }
}
