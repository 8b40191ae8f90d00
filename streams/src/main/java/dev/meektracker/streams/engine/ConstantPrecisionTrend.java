package dev.meektracker.streams.engine;

import dev.meektracker.core.event.Estimate;
import dev.meektracker.core.event.HardwarePrice;
import dev.meektracker.core.event.OutputIds;
import dev.meektracker.core.event.Precision;
import dev.meektracker.core.event.ScalingFit;
import dev.meektracker.core.stats.Growth;
import dev.meektracker.core.stats.OnlineRegression;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/**
 * Hardware progress at constant precision: log10(peak FLOP/s per USD) on the decimal year with a
 * fixed effect per number format, over every priced chip and every format it has. A chip's move from
 * FP16 to FP8 to FP4 then shifts its format's intercept, not the slope, so the year slope is what a
 * dollar buys in one and the same format. Hardware events are few (tens a year), so the fit is a
 * batch OLS (Commons Math) rebuilt when the chips change.
 */
final class ConstantPrecisionTrend {

    private ConstantPrecisionTrend() {}

    /**
     * @param perUsd FLOP/s per USD of a chip in a format, or null when the chip lacks the format or a price
     * @return the fit, or null with fewer points than parameters plus two or no spread in dates
     */
    static ScalingFit fit(
            Collection<HardwarePrice> chips, BiFunction<HardwarePrice, Precision, Double> perUsd, LocalDate asOf) {
        List<double[]> rows = new ArrayList<>();
        List<Precision> formats = new ArrayList<>();
        Map<Precision, Integer> counts = new EnumMap<>(Precision.class);
        TreeMap<LocalDate, Integer> dates = new TreeMap<>();
        // Chips by id and formats in their declared order: the sums of the fit then run in one order
        // whatever the maps' iteration order, so the same chips give the same digits in every process.
        List<HardwarePrice> byId = chips.stream()
                .sorted(java.util.Comparator.comparing(HardwarePrice::id))
                .toList();
        for (HardwarePrice h : byId) {
            for (Precision p : new java.util.TreeSet<>(h.flopPerSecond().keySet())) {
                Double v = perUsd.apply(h, p);
                if (v != null && v > 0 && Double.isFinite(v)) {
                    rows.add(new double[] {Dates.decimalYear(h.date()), Math.log10(v), p.ordinal()});
                    formats.add(p);
                    counts.merge(p, 1, Integer::sum);
                    dates.merge(h.date(), 1, Integer::sum);
                }
            }
        }
        // The most common format is the reference; every other format present gets its own offset.
        Precision reference = counts.entrySet().stream()
                .max(Map.Entry.<Precision, Integer>comparingByValue()
                        .thenComparing(e -> -e.getKey().ordinal()))
                .map(Map.Entry::getKey)
                .orElse(null);
        List<Precision> others =
                counts.keySet().stream().filter(p -> p != reference).toList();
        int predictors = 1 + others.size();
        if (reference == null || rows.size() < predictors + 3 || dates.size() < 2) {
            return null;
        }
        double[] y = new double[rows.size()];
        double[][] x = new double[rows.size()][predictors];
        for (int i = 0; i < rows.size(); i++) {
            y[i] = rows.get(i)[1];
            x[i][0] = rows.get(i)[0];
            int k = others.indexOf(formats.get(i));
            if (k >= 0) {
                x[i][1 + k] = 1;
            }
        }
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.newSampleData(y, x);
        double[] beta;
        double[] se;
        double r2;
        try {
            beta = ols.estimateRegressionParameters();
            se = ols.estimateRegressionParametersStandardErrors();
            r2 = ols.calculateRSquared();
        } catch (SingularMatrixException singular) {
            return null;
        }
        int df = rows.size() - predictors - 1;
        double t = OnlineRegression.studentQuantile(TrendFit.CONFIDENCE, df);
        double slope = beta[1];
        Growth.Rate g = new Growth.Rate(slope, slope - t * se[1], slope + t * se[1]);
        Map<String, Estimate> params = new LinkedHashMap<>();
        params.put("slope", new Estimate(slope, "OOM/year", se[1], g.oomLow(), g.oomHigh()));
        params.put("referenceFormat", Estimate.of(reference.ordinal(), reference.wire()));
        for (int k = 0; k < others.size(); k++) {
            double b = beta[2 + k];
            params.put(
                    "offset." + others.get(k).wire(),
                    new Estimate(b, "OOM vs " + reference.wire(), se[2 + k], b - t * se[2 + k], b + t * se[2 + k]));
        }
        return new ScalingFit(
                OutputIds.HARDWARE_CONSTANT_PRECISION,
                "ols-fixed-effects",
                asOf,
                dates.firstKey(),
                dates.lastKey(),
                rows.size(),
                Numbers.finiteOrNull(r2),
                TrendFit.growthPerYear(g),
                TrendFit.doublingTime(g),
                params,
                "log10(peak FLOP/s per USD) = b0 + b1*year + an offset per number format (reference " + reference.wire()
                        + "), over " + counts.size()
                        + " formats of every priced chip: b1 is progress at constant precision");
    }
}
