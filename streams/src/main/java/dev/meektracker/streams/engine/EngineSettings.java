package dev.meektracker.streams.engine;

import dev.meektracker.core.config.Settings;
import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.core.event.Precision;
import dev.meektracker.core.model.ComputeLaw;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The settings the gap engine uses, read once from the configuration.
 *
 * @param law                 the loss law for projections
 * @param budgetTiersUsd      meek budgets projected, USD
 * @param thresholdNats       loss gap counted as closed, nats/token
 * @param frontierTopN        frontier = among the N largest computes released up to the model's date
 * @param fitStart            first release date the compute fits use
 * @param precision           FLOP/s format for price-performance, null for the best ML format
 * @param amortisationYears   years a chip's price buys compute over
 * @param utilisation         fraction of peak FLOP/s achieved
 * @param algorithmicGrowth   configured algorithmic progress, times per year
 * @param algorithmicMinPoints points before algorithmic progress is fitted
 * @param algorithmicBenchmark benchmark measuring algorithmic progress
 * @param sigmoidMinPoints    points before a benchmark sigmoid is fitted
 * @param sigmoidMaxPoints    points a sigmoid fits at most (beyond them, a sample by model-id hash)
 * @param computeConfidence   least confidence (0 any, 1 speculative, 2 likely, 3 confident) a compute estimate needs for the compute gap
 * @param hardwareConstantPrecision projections take g_h from the constant-precision hardware fit
 * @param algorithmicFitted   projections use the fitted algorithmic progress rather than the configured one
 * @param lags                how catch-up lags are measured
 */
public record EngineSettings(
        ComputeLaw law,
        List<Double> budgetTiersUsd,
        double thresholdNats,
        int frontierTopN,
        LocalDate fitStart,
        Precision precision,
        double amortisationYears,
        double utilisation,
        double algorithmicGrowth,
        int algorithmicMinPoints,
        String algorithmicBenchmark,
        int sigmoidMinPoints,
        int sigmoidMaxPoints,
        int computeConfidence,
        boolean hardwareConstantPrecision,
        boolean algorithmicFitted,
        LagSettings lags) {

    /**
     * @param windowDays       days averaged, up to the latest data date
     * @param tolerances       tolerance by score scale or benchmark id (a benchmark's own entry wins)
     * @param computeToleranceOom tolerance of the compute lag, orders of magnitude
     * @param bootstrapSamples resamples behind the 90 % interval
     * @param seed             the bootstrap's seed
     */
    public record LagSettings(
            int windowDays,
            Map<String, Double> tolerances,
            double computeToleranceOom,
            int bootstrapSamples,
            long seed) {

        /** The tolerance for a benchmark on a scale: the benchmark's own, else its scale's, else 0. */
        public double tolerance(String benchmark, String scale) {
            Double t = tolerances.get(benchmark);
            return t != null ? t : tolerances.getOrDefault(scale, 0.0);
        }
    }

    public static EngineSettings from(TrackerConfig c) {
        return new EngineSettings(
                c.law(),
                c.budgetTiers(),
                c.number(Settings.THRESHOLD_NATS),
                c.integer(Settings.FRONTIER_TOP_N),
                c.fitStart(),
                c.hardwarePrecision(),
                c.number(Settings.HARDWARE_AMORTISATION_YEARS),
                c.number(Settings.HARDWARE_UTILISATION),
                c.number(Settings.ALGORITHMIC_GROWTH),
                c.integer(Settings.ALGORITHMIC_MIN_POINTS),
                c.string(Settings.ALGORITHMIC_BENCHMARK),
                c.integer(Settings.SIGMOID_MIN_POINTS),
                c.integer(Settings.SIGMOID_MAX_POINTS),
                confidenceRank(c.string(Settings.GAP_COMPUTE_CONFIDENCE)),
                c.string(Settings.HARDWARE_TREND).equalsIgnoreCase("constant-precision"),
                c.string(Settings.ALGORITHMIC_SOURCE).equalsIgnoreCase("fitted"),
                new LagSettings(
                        c.integer(Settings.LAG_WINDOW_DAYS),
                        c.lagTolerances(),
                        c.number(Settings.LAG_COMPUTE_TOLERANCE_OOM),
                        c.integer(Settings.LAG_BOOTSTRAP_SAMPLES),
                        c.longValue(Settings.LAG_BOOTSTRAP_SEED)));
    }

    /** Epoch AI's confidence in a compute estimate as a rank: confident 3, likely 2, speculative 1, anything else 0. */
    public static int confidenceRank(String confidence) {
        if (confidence == null) {
            return 0;
        }
        return switch (confidence.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "confident" -> 3;
            case "likely" -> 2;
            case "speculative" -> 1;
            default -> 0;
        };
    }

    /** FLOP one USD buys: FLOP/s per USD × utilisation × the amortisation period in seconds. */
    public double flopPerDollar(double flopPerSecondPerUsd) {
        return flopPerSecondPerUsd * utilisation * amortisationYears * 365.25 * 86_400;
    }
}
