package dev.meektracker.streams.engine;

import dev.meektracker.core.event.BenchmarkResult;
import dev.meektracker.core.event.Estimate;
import dev.meektracker.core.event.OutputIds;
import dev.meektracker.core.event.ScalingFit;
import dev.meektracker.core.model.PaperDefaults;
import dev.meektracker.core.stats.Growth;
import dev.meektracker.core.stats.OnlineMultipleRegression;
import dev.meektracker.core.stats.OnlineRegression;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Algorithmic progress: the configured rate until enough scored models with known compute arrive on
 * the algorithmic benchmark, then the regression score = b0 + b1·log10(compute) + b2·year, whose
 * ratio b2/b1 is the compute-equivalent gain per year (OOM/year).
 */
final class AlgorithmicProgress {

    private final EngineSettings settings;
    private final OnlineMultipleRegression regression = new OnlineMultipleRegression(2);
    /** The point each result contributes, by result key, so a correction removes exactly it. */
    private final Map<String, double[]> points = new HashMap<>();

    private boolean dirty;

    AlgorithmicProgress(EngineSettings settings) {
        this.settings = settings;
    }

    /** Whether results of this benchmark feed the regression. */
    boolean measures(String benchmark) {
        return benchmark.equals(settings.algorithmicBenchmark());
    }

    /** Replaces the point of {@code resultKey} with the one {@code current} gives (none when null or without compute). */
    void update(String resultKey, BenchmarkResult current) {
        double[] previous = points.remove(resultKey);
        if (previous != null) {
            regression.remove(new double[] {previous[0], previous[1]}, previous[2]);
        }
        if (current != null && current.trainingComputeFlop() != null) {
            double[] p = {Math.log10(current.trainingComputeFlop()), Dates.decimalYear(current.date()), current.score()
            };
            regression.add(new double[] {p[0], p[1]}, p[2]);
            points.put(resultKey, p);
        }
        dirty = true;
    }

    boolean dirty() {
        return dirty;
    }

    void emit(Outputs out, LocalDate asOf) {
        dirty = false;
        long n = regression.n();
        String configured = "configured value " + settings.algorithmicGrowth() + "/year used: ";
        if (n < settings.algorithmicMinPoints()) {
            out.emit(configured(
                    asOf,
                    n,
                    configured + n + " scored models with known compute on " + settings.algorithmicBenchmark()
                            + ", fewer than the " + settings.algorithmicMinPoints() + " needed"));
            return;
        }
        OnlineMultipleRegression.Solution s;
        try {
            s = regression.solve();
        } catch (RuntimeException singular) {
            out.emit(configured(asOf, n, configured + "score against compute and year is singular"));
            return;
        }
        double perOom = s.coefficients()[1];
        double perYear = s.coefficients()[2];
        if (!(perOom > 0)) {
            out.emit(configured(
                    asOf, n, configured + "score does not rise with compute in the data (slope " + perOom + ")"));
            return;
        }
        // A year of progress is worth as much score as 10^(perYear/perOom) times more compute.
        double ratio = perYear / perOom;
        double[][] cov = s.slopeCovariance();
        double var = ratio
                * ratio
                * (cov[1][1] / (perYear * perYear)
                        + cov[0][0] / (perOom * perOom)
                        - 2 * cov[0][1] / (perOom * perYear));
        double half = OnlineRegression.studentQuantile(0.9, s.degreesOfFreedom()) * Math.sqrt(Math.max(var, 0));
        Growth.Rate g = new Growth.Rate(ratio, ratio - half, ratio + half);
        Map<String, Estimate> params = new LinkedHashMap<>();
        double[] ci1 = s.interval(1, TrendFit.CONFIDENCE);
        double[] ci2 = s.interval(2, TrendFit.CONFIDENCE);
        params.put("scorePerOomCompute", new Estimate(perOom, "score/OOM", s.stdErr()[1], ci1[0], ci1[1]));
        params.put("scorePerYear", new Estimate(perYear, "score/year", s.stdErr()[2], ci2[0], ci2[1]));
        params.put("intercept", new Estimate(s.coefficients()[0], "score", s.stdErr()[0], null, null));
        params.put(
                "computeEquivalentOomPerYear",
                new Estimate(ratio, "OOM/year", Math.sqrt(Math.max(var, 0)), ratio - half, ratio + half));
        out.emit(new ScalingFit(
                OutputIds.ALGORITHMIC,
                "multiple-ols",
                asOf,
                null,
                null,
                n,
                Numbers.finiteOrNull(s.rSquared()),
                TrendFit.growthPerYear(g),
                TrendFit.doublingTime(g),
                params,
                settings.algorithmicBenchmark()
                        + " score = b0 + b1*log10(compute) + b2*year; compute-equivalent gain per year = 10^(b2/b1)"));
    }

    private ScalingFit configured(LocalDate asOf, long n, String note) {
        double g = settings.algorithmicGrowth();
        return new ScalingFit(
                OutputIds.ALGORITHMIC,
                "configured",
                asOf,
                null,
                null,
                n,
                null,
                Estimate.of(g, "times/year"),
                Estimate.of(Growth.doublingTimeYears(Math.log10(g)), "years"),
                Map.of(),
                note);
    }

    /**
     * The configured rate, with the published 90 % range of Ho et al. (2024), 1.8 to 5.3 times a year
     * around 2.8, kept in proportion when another rate is configured.
     */
    Growth.Rate configuredRate() {
        double g = settings.algorithmicGrowth();
        double scale = g / PaperDefaults.ALGORITHMIC_GROWTH;
        return new Growth.Rate(
                Math.log10(g),
                Math.log10(PaperDefaults.ALGORITHMIC_GROWTH_LOW * scale),
                Math.log10(PaperDefaults.ALGORITHMIC_GROWTH_HIGH * scale));
    }

    /** The fitted rate as published in {@code fit}, or null while the fit uses the configured value. */
    Growth.Rate fittedRate(ScalingFit fit) {
        if (fit == null || !"multiple-ols".equals(fit.method()) || fit.growthPerYear() == null) {
            return null;
        }
        Estimate g = fit.growthPerYear();
        return new Growth.Rate(
                Math.log10(g.value()),
                Math.log10(g.low() == null ? g.value() : g.low()),
                Math.log10(g.high() == null ? g.value() : g.high()));
    }
}
