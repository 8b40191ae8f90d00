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
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Hardware progress at constant precision: log10(peak FLOP/s per USD) on the decimal year with a
 * fixed effect per number format, over every priced chip and every format it has. A chip's move from
 * FP16 to FP8 to FP4 then shifts its format's intercept, not the slope, so the year slope is what a
 * dollar buys in one and the same format.
 *
 * <p>Kept incrementally: a fixed-effects least-squares fit is the within-format regression (Frisch,
 * Waugh and Lovell), so it needs only each format's count, means and centred co-moments, which an
 * {@link OnlineRegression} per format keeps with O(1) add and remove. A chip's change costs its
 * formats' updates, and a refit costs O(formats) whatever the number of chips: a batch refit over a
 * long synthetic history took a quarter of the engine's periodic work. The estimates equal the batch
 * ordinary least squares with dummy variables (the tests compare it with Commons Math's).
 */
final class ConstantPrecisionTrend {

    /**
     * Below this within-format spread of years (years², summed) the slope is not identified: every
     * format's chips share one date. Two chips a day apart give 3.7e-6; rounding left by removals is
     * orders of magnitude smaller.
     */
    private static final double SINGULAR_SXX = 1e-9;

    private final BiFunction<HardwarePrice, Precision, Double> perUsd;
    private final Map<Precision, OnlineRegression> byFormat = new EnumMap<>(Precision.class);
    private final DateCounts dates = new DateCounts();

    /** @param perUsd FLOP/s per USD of a chip in a format, or null when the chip lacks the format or a price */
    ConstantPrecisionTrend(BiFunction<HardwarePrice, Precision, Double> perUsd) {
        this.perUsd = perUsd;
    }

    /** Adds a chip's points: one per format it has a positive price-performance in. */
    void add(HardwarePrice h) {
        change(h, true);
    }

    /** Removes the points {@link #add} added for this version of a chip. */
    void remove(HardwarePrice h) {
        change(h, false);
    }

    private void change(HardwarePrice h, boolean add) {
        double x = Dates.decimalYear(h.date());
        // forEach, not keySet(): the map would keep the key view it hands out for as long as the chip is held.
        h.flopPerSecond().forEach((p, flops) -> {
            Double v = perUsd.apply(h, p);
            if (v == null || !(v > 0) || !Double.isFinite(v)) {
                return;
            }
            double y = Math.log10(v);
            if (add) {
                byFormat.computeIfAbsent(p, k -> new OnlineRegression()).add(x, y);
                dates.add(h.date());
            } else {
                OnlineRegression r = byFormat.get(p);
                r.remove(x, y);
                if (r.n() == 0) {
                    byFormat.remove(p);
                }
                dates.remove(h.date());
            }
        });
    }

    /** The fit as of {@code asOf}, or null with fewer points than parameters plus two, no spread in dates, or no slope identified. */
    ScalingFit fit(LocalDate asOf) {
        // The most common format is the reference (the earliest declared on a tie); every other format
        // present gets its own offset, in declared order.
        Precision reference = null;
        long n = 0;
        for (Map.Entry<Precision, OnlineRegression> e : byFormat.entrySet()) {
            n += e.getValue().n();
            if (reference == null || e.getValue().n() > byFormat.get(reference).n()) {
                reference = e.getKey();
            }
        }
        List<Precision> others = new ArrayList<>();
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        double sumY = 0;
        for (Map.Entry<Precision, OnlineRegression> e : byFormat.entrySet()) {
            if (e.getKey() != reference) {
                others.add(e.getKey());
            }
            OnlineRegression r = e.getValue();
            sxx += r.sxx();
            sxy += r.sxy();
            syy += r.syy();
            sumY += r.n() * r.meanY();
        }
        int predictors = 1 + others.size();
        if (reference == null || n < predictors + 3 || dates.distinct() < 2 || sxx < SINGULAR_SXX) {
            return null;
        }
        double slope = sxy / sxx;
        double residual = Math.max(0, syy - slope * sxy);
        // The total sum of squares about the grand mean: the within-format part and the formats' means.
        double grand = sumY / n;
        double total = syy;
        for (OnlineRegression r : byFormat.values()) {
            total += r.n() * (r.meanY() - grand) * (r.meanY() - grand);
        }
        long df = n - predictors - 1;
        double variance = residual / df;
        double seSlope = Math.sqrt(variance / sxx);
        double t = OnlineRegression.studentQuantile(TrendFit.CONFIDENCE, df);
        Growth.Rate g = new Growth.Rate(slope, slope - t * seSlope, slope + t * seSlope);
        Map<String, Estimate> params = new LinkedHashMap<>();
        params.put("slope", new Estimate(slope, "OOM/year", seSlope, g.oomLow(), g.oomHigh()));
        params.put("referenceFormat", Estimate.of(reference.ordinal(), reference.wire()));
        OnlineRegression ref = byFormat.get(reference);
        for (Precision p : others) {
            OnlineRegression r = byFormat.get(p);
            // The format's intercept less the reference's: the gap between their means at one year.
            double dx = r.meanX() - ref.meanX();
            double b = r.meanY() - ref.meanY() - slope * dx;
            double se = Math.sqrt(variance * (1.0 / r.n() + 1.0 / ref.n() + dx * dx / sxx));
            params.put("offset." + p.wire(), new Estimate(b, "OOM vs " + reference.wire(), se, b - t * se, b + t * se));
        }
        return new ScalingFit(
                OutputIds.HARDWARE_CONSTANT_PRECISION,
                "ols-fixed-effects",
                asOf,
                dates.first(),
                dates.last(),
                n,
                Numbers.finiteOrNull(total > 0 ? 1 - residual / total : Double.NaN),
                TrendFit.growthPerYear(g),
                TrendFit.doublingTime(g),
                params,
                "log10(peak FLOP/s per USD) = b0 + b1*year + an offset per number format (reference " + reference.wire()
                        + "), over " + byFormat.size()
                        + " formats of every priced chip: b1 is progress at constant precision");
    }
}
