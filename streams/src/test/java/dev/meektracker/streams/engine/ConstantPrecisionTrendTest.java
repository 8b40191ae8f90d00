package dev.meektracker.streams.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.meektracker.core.event.HardwarePrice;
import dev.meektracker.core.event.Precision;
import dev.meektracker.core.event.ScalingFit;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.junit.jupiter.api.Test;

/** The incremental fixed-effects fit against a batch OLS with one dummy per non-reference format. */
class ConstantPrecisionTrendTest {

    private static final Precision[] FORMATS = {
        Precision.FP32, Precision.FP16, Precision.FP8, Precision.BF16_FP16_TENSOR
    };

    private static Double perUsd(HardwarePrice h, Precision p) {
        return h.flopPerSecondPerUsd(p, 3).orElse(null);
    }

    private static HardwarePrice chip(Random r, int i) {
        LocalDate date = LocalDate.of(2010, 1, 1).plusDays(r.nextInt(15 * 365));
        double years = (date.toEpochDay() - LocalDate.of(2010, 1, 1).toEpochDay()) / 365.25;
        Map<Precision, Double> f = new EnumMap<>(Precision.class);
        for (int k = 0; k < FORMATS.length; k++) {
            if (k == 0 || r.nextInt(3) > 0) {
                f.put(FORMATS[k], Math.pow(10, 12 + 0.15 * years + 0.7 * k + 0.3 * r.nextGaussian()));
            }
        }
        return new HardwarePrice("chip-" + i, "Chip " + i, "v", date, 500.0 + r.nextInt(20_000), null, f, "t", "t");
    }

    /** The batch reference: Commons Math OLS on the year and a dummy per format other than the most common. */
    private static double[] batch(Iterable<HardwarePrice> chips, Precision reference, List<Precision> others) {
        List<double[]> rows = new ArrayList<>();
        for (HardwarePrice h : chips) {
            for (Precision p : h.flopPerSecond().keySet()) {
                double[] row = new double[2 + others.size()];
                row[0] = Math.log10(perUsd(h, p));
                row[1] = Dates.decimalYear(h.date());
                int k = others.indexOf(p);
                if (k >= 0) {
                    row[2 + k] = 1;
                }
                rows.add(row);
            }
        }
        double[] y = new double[rows.size()];
        double[][] x = new double[rows.size()][];
        for (int i = 0; i < y.length; i++) {
            y[i] = rows.get(i)[0];
            x[i] = java.util.Arrays.copyOfRange(rows.get(i), 1, rows.get(i).length);
        }
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.newSampleData(y, x);
        double[] beta = ols.estimateRegressionParameters();
        double[] se = ols.estimateRegressionParametersStandardErrors();
        double[] out = new double[2 * beta.length + 1];
        System.arraycopy(beta, 0, out, 0, beta.length);
        System.arraycopy(se, 0, out, beta.length, se.length);
        out[out.length - 1] = ols.calculateRSquared();
        return out;
    }

    private static void assertAgrees(ScalingFit fit, Map<String, HardwarePrice> chips) {
        Precision reference =
                Precision.fromWire(fit.parameters().get("referenceFormat").unit());
        List<Precision> others = new ArrayList<>();
        for (String key : fit.parameters().keySet()) {
            if (key.startsWith("offset.")) {
                String wire = key.substring("offset.".length());
                others.add(Precision.fromWire(wire));
            }
        }
        double[] b = batch(chips.values(), reference, others);
        int k = 2 + others.size();
        assertThat(fit.parameters().get("slope").value()).isCloseTo(b[1], within(1e-9));
        assertThat(fit.parameters().get("slope").stdErr()).isCloseTo(b[k + 1], within(1e-9));
        for (int i = 0; i < others.size(); i++) {
            var offset = fit.parameters().get("offset." + others.get(i).wire());
            assertThat(offset.value()).isCloseTo(b[2 + i], within(1e-9));
            assertThat(offset.stdErr()).isCloseTo(b[k + 2 + i], within(1e-9));
        }
        assertThat(fit.rSquared()).isCloseTo(b[b.length - 1], within(1e-9));
        long points =
                chips.values().stream().mapToLong(h -> h.flopPerSecond().size()).sum();
        assertThat(fit.n()).isEqualTo(points);
    }

    @Test
    void equalsTheBatchFitThroughAddsCorrectionsAndRemovals() {
        Random r = new Random(7);
        ConstantPrecisionTrend trend = new ConstantPrecisionTrend(ConstantPrecisionTrendTest::perUsd);
        Map<String, HardwarePrice> chips = new LinkedHashMap<>();
        for (int i = 0; i < 400; i++) {
            HardwarePrice h = chip(r, i);
            chips.put(h.id(), h);
            trend.add(h);
        }
        assertAgrees(trend.fit(LocalDate.of(2026, 1, 1)), chips);
        for (int step = 0; step < 300; step++) {
            String id = "chip-" + r.nextInt(400);
            HardwarePrice old = chips.get(id);
            if (old != null) {
                trend.remove(old);
                chips.remove(id);
            }
            if (r.nextBoolean()) {
                // A correction: the same id with other facts.
                HardwarePrice neu = chip(r, Integer.parseInt(id.substring(5)));
                trend.add(neu);
                chips.put(id, neu);
            }
        }
        assertAgrees(trend.fit(LocalDate.of(2026, 1, 1)), chips);
    }

    /** A chip priced to buy with one format. */
    private static HardwarePrice priced(String id, LocalDate date, double usd, Precision format, double flops) {
        return new HardwarePrice(id, id, "v", date, usd, null, Map.of(format, flops), "t", "t");
    }

    @Test
    void noFitWithoutASpreadOfDatesWithinAFormat() {
        ConstantPrecisionTrend trend = new ConstantPrecisionTrend(ConstantPrecisionTrendTest::perUsd);
        // FP32 chips all from 2020, FP8 chips all from 2024: the year is confounded with the format.
        for (int i = 0; i < 4; i++) {
            trend.add(priced("a" + i, LocalDate.of(2020, 1, 1), 1000.0 + i, Precision.FP32, 1e13 * (1 + i)));
            trend.add(priced("b" + i, LocalDate.of(2024, 1, 1), 1000.0 + i, Precision.FP8, 1e15 * (1 + i)));
        }
        assertThat(trend.fit(LocalDate.of(2024, 1, 1))).isNull();
        HardwarePrice late = priced("c", LocalDate.of(2022, 1, 1), 1000.0, Precision.FP32, 5e13);
        trend.add(late);
        assertThat(trend.fit(LocalDate.of(2024, 1, 1))).isNotNull();
        trend.remove(late);
        assertThat(trend.fit(LocalDate.of(2024, 1, 1)))
                .as("back to no spread after the removal")
                .isNull();
    }
}
