package dev.meektracker.core.model;

import java.util.OptionalDouble;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.apache.commons.math3.optim.univariate.UnivariatePointValuePair;

/**
 * The paper's training gap between a frontier and a meek model (docs/MODEL.md §2). Time t is in years;
 * t = 0 is when both spend their starting budgets. Effective compute includes algorithmic progress.
 *
 * @param law               loss law L(C)
 * @param meekBudgetUsd     meek model's fixed budget B0, USD
 * @param frontierBudgetUsd frontier's budget at t = 0, USD (the paper's default: the same as B0)
 * @param flopPerDollar     F, FLOP per USD at t = 0
 * @param hardwareGrowth    g_h, FLOP per dollar growth, times per year
 * @param algorithmicGrowth g_alg, effective-compute gain from algorithms, times per year
 * @param spending          the frontier's spending schedule (g_i and its changes)
 */
public record GapScenario(
        ComputeLaw law,
        double meekBudgetUsd,
        double frontierBudgetUsd,
        double flopPerDollar,
        double hardwareGrowth,
        double algorithmicGrowth,
        SpendingSchedule spending) {

    /** How far ahead numeric searches look, years. */
    public static final double SEARCH_HORIZON_YEARS = 200;

    public GapScenario {
        positive("meek budget (USD)", meekBudgetUsd);
        positive("frontier budget (USD)", frontierBudgetUsd);
        positive("FLOP per dollar", flopPerDollar);
        positive("hardware growth (per year)", hardwareGrowth);
        positive("algorithmic growth (per year)", algorithmicGrowth);
    }

    /** All of the paper's defaults. */
    public static GapScenario paperDefaults() {
        return new GapScenario(
                ComputeLaw.PAPER,
                PaperDefaults.MEEK_BUDGET_USD,
                PaperDefaults.MEEK_BUDGET_USD,
                PaperDefaults.FLOP_PER_DOLLAR,
                PaperDefaults.HARDWARE_GROWTH,
                PaperDefaults.ALGORITHMIC_GROWTH,
                SpendingSchedule.exponential(PaperDefaults.INVESTMENT_GROWTH));
    }

    public GapScenario withLaw(ComputeLaw l) {
        return new GapScenario(
                l, meekBudgetUsd, frontierBudgetUsd, flopPerDollar, hardwareGrowth, algorithmicGrowth, spending);
    }

    public GapScenario withSpending(SpendingSchedule s) {
        return new GapScenario(
                law, meekBudgetUsd, frontierBudgetUsd, flopPerDollar, hardwareGrowth, algorithmicGrowth, s);
    }

    public GapScenario withBudgets(double meek, double frontier) {
        return new GapScenario(law, meek, frontier, flopPerDollar, hardwareGrowth, algorithmicGrowth, spending);
    }

    /** Shared progress per year: hardware times algorithms. */
    public double sharedGrowth() {
        return hardwareGrowth * algorithmicGrowth;
    }

    /** Meek effective compute at year t: {@code B0·F·(g_h·g_alg)^t}, FLOP. */
    public double meekCompute(double t) {
        return meekComputeWith(progress(t));
    }

    private double meekComputeWith(double progress) {
        return meekBudgetUsd * flopPerDollar * progress;
    }

    /** {@code (g_h·g_alg)^t}: what both sides gain from shared progress by year t. */
    private double progress(double t) {
        return Math.pow(sharedGrowth(), t);
    }

    /** Frontier effective compute at year t: {@code F·I(t)·(g_h·g_alg)^t}, FLOP. */
    public double frontierCompute(double t) {
        return frontierComputeWith(t, progress(t));
    }

    private double frontierComputeWith(double t, double progress) {
        return frontierBudgetUsd * spending.multiple(t) * flopPerDollar * progress;
    }

    /** Frontier-to-meek effective compute ratio at year t. */
    public double computeRatio(double t) {
        return frontierCompute(t) / meekCompute(t);
    }

    public double meekLoss(double t) {
        return law.loss(meekCompute(t));
    }

    public double frontierLoss(double t) {
        return law.loss(frontierCompute(t));
    }

    /** ΔL(t) = L(C_meek) − L(C_frontier), nats/token; never negative while the frontier outspends. */
    public double lossGap(double t) {
        // meekLoss(t) − frontierLoss(t) with the shared progress computed once for both sides:
        // projections evaluate the gap some ten thousand times each.
        double progress = progress(t);
        return law.loss(meekComputeWith(progress)) - law.loss(frontierComputeWith(t, progress));
    }

    /**
     * The closed-form peak {@code t* = ln(ln(g·g_i)/ln g)/(α·ln g_i)}, valid when both start at the same
     * budget and spending grows at one constant rate; empty otherwise.
     */
    public OptionalDouble analyticPeakYears() {
        double g = sharedGrowth();
        double gi = spending.growth();
        if (meekBudgetUsd != frontierBudgetUsd || !spending.constantGrowth() || gi <= 1 || g <= 1) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Math.log(Math.log(g * gi) / Math.log(g)) / (law.alpha() * Math.log(gi)));
    }

    /**
     * The year of the gap's one maximum in closed form, where the gap has exactly one: spending grows
     * at one constant rate {@code g_i > 1} and shared progress {@code g = g_h·g_alg > 1}, at any two
     * budgets. Writing {@code a = α·ln g}, {@code b = α·ln g_i} and {@code r = (B_f/B_m)^(−α)},
     * {@code ΔL(t) = A·(B_m·F)^(−α)·e^(−a·t)·(1 − r·e^(−b·t))}, whose derivative has the sign of
     * {@code r·(a+b)·e^(−b·t) − a}: positive before {@code t* = ln(r·(a+b)/a)/b}, negative after.
     * With equal budgets (r = 1) this is {@link #analyticPeakYears}. Empty for every other scenario.
     */
    public OptionalDouble unimodalPeakYears() {
        double g = sharedGrowth();
        double gi = spending.growth();
        if (!spending.constantGrowth() || !(g > 1) || !(gi > 1)) {
            return OptionalDouble.empty();
        }
        double a = law.alpha() * Math.log(g);
        double b = law.alpha() * Math.log(gi);
        double r = Math.pow(frontierBudgetUsd / meekBudgetUsd, -law.alpha());
        double t = Math.log(r * (a + b) / a) / b;
        return Double.isFinite(t) && r > 0 ? OptionalDouble.of(t) : OptionalDouble.empty();
    }

    /** The year of the largest gap in the next {@link #SEARCH_HORIZON_YEARS} (valid for every variant). */
    public double peakYears() {
        return peakYears(0, SEARCH_HORIZON_YEARS);
    }

    /**
     * The year of the largest gap within [from, to]: a negative year is a peak that already passed.
     * Where the gap has one maximum ({@link #unimodalPeakYears}) it is that year, held to the interval
     * (the gap rises up to it and falls after it); otherwise it is found numerically. The projections
     * solve a dozen scenarios at each month end of a replay, and the numeric search (some 290
     * evaluations of the gap each) was most of their time.
     */
    public double peakYears(double from, double to) {
        OptionalDouble peak = unimodalPeakYears();
        if (peak.isPresent()) {
            return Math.max(from, Math.min(to, peak.getAsDouble()));
        }
        return argmax(this::lossGap, from, to);
    }

    public double peakLossGap() {
        return lossGap(peakYears());
    }

    /**
     * Years until ΔL stays at or below {@code thresholdNats} for good: 0 when the gap never exceeds it,
     * otherwise the crossing after the peak; empty if that lies beyond the search horizon.
     */
    public OptionalDouble yearsBelowThreshold(double thresholdNats) {
        double peak = peakYears();
        if (lossGap(peak) <= thresholdNats) {
            return OptionalDouble.of(0);
        }
        return crossingAfterPeak(t -> lossGap(t) - thresholdNats, peak);
    }

    /** Years until ΔL falls below {@code fraction} of its peak, after the peak. */
    public OptionalDouble yearsBelowFractionOfPeak(double fraction) {
        double peak = peakYears();
        double level = fraction * lossGap(peak);
        return crossingAfterPeak(t -> lossGap(t) - level, peak);
    }

    /**
     * The first root of f after the peak. Where the gap has one maximum it only falls after it, so the
     * root is bracketed by steps that double from 0.05 years (a dozen evaluations instead of a scan
     * of hundreds) and solved by Brent to the same 1e-12 years; otherwise the scan looks for it.
     */
    private OptionalDouble crossingAfterPeak(DoubleUnaryOperator f, double peak) {
        if (unimodalPeakYears().isEmpty()) {
            return firstCrossingAfter(f, peak, SEARCH_HORIZON_YEARS);
        }
        double prev = peak;
        for (double h = 0.05; prev < SEARCH_HORIZON_YEARS; h *= 2) {
            double t = Math.min(prev + h, SEARCH_HORIZON_YEARS);
            if (f.applyAsDouble(t) <= 0) {
                return OptionalDouble.of(new BrentSolver(1e-12).solve(500, f::applyAsDouble, prev, t));
            }
            prev = t;
        }
        return OptionalDouble.empty();
    }

    /** Maximises f on [lo, hi]: a coarse scan brackets the maximum, then Brent refines it. */
    static double argmax(DoubleUnaryOperator f, double lo, double hi) {
        // The gap is unimodal in t: a coarse scan brackets the peak and Brent finds it to 1e-12 years,
        // so a finer scan buys nothing but time (projections solve several scenarios per tier).
        int steps = 250;
        double h = (hi - lo) / steps;
        int best = 0;
        double bestValue = f.applyAsDouble(lo);
        for (int i = 1; i <= steps; i++) {
            double v = f.applyAsDouble(lo + i * h);
            if (v > bestValue) {
                bestValue = v;
                best = i;
            }
        }
        double a = Math.max(lo, lo + (best - 1) * h);
        double b = Math.min(hi, lo + (best + 1) * h);
        if (b <= a) {
            return lo + best * h;
        }
        BrentOptimizer optimizer = new BrentOptimizer(1e-12, 1e-14);
        UnivariatePointValuePair p = optimizer.optimize(
                new MaxEval(500),
                new UnivariateObjectiveFunction(f::applyAsDouble),
                GoalType.MAXIMIZE,
                new SearchInterval(a, b, lo + best * h));
        return p.getValue() >= bestValue ? p.getPoint() : lo + best * h;
    }

    /** The first root of f after {@code from} (where f &gt; 0), or empty if f stays positive to {@code hi}. */
    static OptionalDouble firstCrossingAfter(DoubleUnaryOperator f, double from, double hi) {
        // Brent solves the root to 1e-12 inside the bracketing step: the step only has to be shorter than
        // any dip below the level, which the gap's smooth shape never has within a tenth of a year.
        double h = 0.05;
        double prev = from;
        for (double t = from + h; t <= hi; t += h) {
            if (f.applyAsDouble(t) <= 0) {
                double root = new BrentSolver(1e-12).solve(500, f::applyAsDouble, prev, t);
                return OptionalDouble.of(root);
            }
            prev = t;
            // Coarser steps far out keep the scan cheap; the gap changes slowly there.
            if (t - from > 20) {
                h = 0.1;
            }
        }
        return OptionalDouble.empty();
    }

    /** Refuses what is not a finite positive number, naming it: for the models' parameters here and in InferenceGap. */
    static void positive(String what, double v) {
        if (!Double.isFinite(v) || v <= 0) {
            throw new IllegalArgumentException(what + " must be a finite positive number, not " + v);
        }
    }
}
