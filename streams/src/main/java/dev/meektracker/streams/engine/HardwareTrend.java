package dev.meektracker.streams.engine;

import dev.meektracker.core.event.Estimate;
import dev.meektracker.core.event.HardwarePrice;
import dev.meektracker.core.event.OutputIds;
import dev.meektracker.core.event.ScalingFit;
import dev.meektracker.core.stats.Growth;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hardware prices: the current version of each item and the trend of log10(peak FLOP/s per USD)
 * against the date, in the configured number format, with the FLOP one USD buys today under the
 * configured utilisation and amortisation.
 */
final class HardwareTrend {

    private final EngineSettings settings;
    private final CurrentItems<HardwarePrice> items = new CurrentItems<>(HardwarePrice::id, HardwarePrice::date);
    private final TrendFit trend = new TrendFit();
    private final ConstantPrecisionTrend constant;
    private boolean dirty;
    private boolean constantDirty;

    HardwareTrend(EngineSettings settings) {
        this.settings = settings;
        this.constant = new ConstantPrecisionTrend(
                (h, p) -> h.flopPerSecondPerUsd(p, settings.amortisationYears()).orElse(null));
    }

    boolean isCurrent(HardwarePrice h) {
        return items.isCurrent(h.id(), h);
    }

    boolean upsert(HardwarePrice h) {
        return items.put(h.id(), h, (old, neu) -> {
            if (old != null) {
                constant.remove(old);
            }
            constant.add(neu);
            Double before = old == null ? null : log10PerUsd(old);
            Double after = log10PerUsd(neu);
            // A version that moves no point (a new name, a rental price beside the purchase price)
            // leaves the regression's sums as they were, to the bit.
            if (before == null
                    || after == null
                    || !old.date().equals(neu.date())
                    || Double.compare(before, after) != 0) {
                if (before != null) {
                    trend.remove(old.date(), before);
                }
                if (after != null) {
                    trend.add(neu.date(), after);
                }
            }
            changed();
        });
    }

    boolean delete(String id) {
        return items.remove(id, old -> {
            constant.remove(old);
            Double before = log10PerUsd(old);
            if (before != null) {
                trend.remove(old.date(), before);
            }
            changed();
        });
    }

    /** The chip's point on the trend, log10 of its FLOP/s per USD; null for a chip without one. */
    private Double log10PerUsd(HardwarePrice h) {
        Double perUsd = flopPerSecondPerUsd(h);
        return perUsd == null ? null : Math.log10(perUsd);
    }

    private void changed() {
        dirty = true;
        constantDirty = true;
    }

    boolean constantPrecisionDirty() {
        return constantDirty;
    }

    /** Refits the constant-precision trend when the chips changed (on the longer interval of the deferred outputs). */
    void emitConstantPrecision(Outputs out) {
        if (!constantDirty) {
            return;
        }
        constantDirty = false;
        LocalDate asOf = items.last();
        ScalingFit fit = asOf == null ? null : constant.fit(asOf);
        if (fit == null) {
            out.retract(OutputIds.HARDWARE_CONSTANT_PRECISION);
        } else {
            out.emit(fit);
        }
    }

    boolean dirty() {
        return dirty;
    }

    LocalDate asOf() {
        return items.last();
    }

    TrendFit fit() {
        return trend;
    }

    void emit(Outputs out) {
        dirty = false;
        LocalDate asOf = items.last();

        if (!trend.ready() || asOf == null) {
            out.retract(OutputIds.HARDWARE);
            return;
        }
        double[] level = trend.levelAt(asOf);
        Map<String, Estimate> extra = new LinkedHashMap<>();
        extra.put(
                "flopPerDollarToday",
                new Estimate(
                        settings.flopPerDollar(Math.pow(10, level[0])),
                        "FLOP/USD",
                        null,
                        settings.flopPerDollar(Math.pow(10, level[0] - level[1])),
                        settings.flopPerDollar(Math.pow(10, level[0] + level[1]))));
        extra.put("amortisationYears", Estimate.of(settings.amortisationYears(), "years"));
        extra.put("utilisation", Estimate.of(settings.utilisation(), "ratio"));
        out.emit(trend.toScalingFit(
                OutputIds.HARDWARE,
                asOf,
                "flopPerSecondPerUsdToday",
                "FLOP/s/USD",
                extra,
                "peak FLOP/s ("
                        + (settings.precision() == null
                                ? "best ML format of each chip"
                                : settings.precision().wire())
                        + ") per USD of purchase price; FLOP per USD assumes " + settings.utilisation()
                        + " utilisation over "
                        + settings.amortisationYears() + " years"));
    }

    private Double flopPerSecondPerUsd(HardwarePrice h) {
        return h.flopPerSecondPerUsd(settings.precision(), settings.amortisationYears())
                .orElse(null);
    }

    /**
     * The growth of FLOP per USD the projections use: the best-format trend's, or the constant-precision
     * fit's when meek.hardware.trend asks for it and it exists.
     */
    Growth.Rate growthForProjections(Outputs out) {
        ScalingFit constant = out.fit(OutputIds.HARDWARE_CONSTANT_PRECISION);
        if (settings.hardwareConstantPrecision() && constant != null) {
            Estimate slope = constant.parameters().get("slope");
            return new Growth.Rate(slope.value(), slope.low(), slope.high());
        }
        return trend.growth();
    }
}
