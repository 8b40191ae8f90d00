package dev.meektracker.streams.engine;

import dev.meektracker.core.event.Estimate;
import dev.meektracker.core.event.GapEstimate;
import dev.meektracker.core.event.ScalingFit;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.Map;

/** Rounding of published numbers. */
final class Numbers {

    /** Powers of ten a double holds exactly. */
    private static final double[] EXACT_POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22
    };
    /**
     * How close to a rounding boundary the fast path gives way to BigDecimal. Scaling by an exact power
     * of ten rounds once, so the scaled value is off by at most 2⁻⁵³ of itself: under 1.2e-7 for nine
     * digits.
     */
    private static final double MARGIN = 1e-6;

    private Numbers() {}

    /**
     * Nine significant digits: enough for any reader, and stable against re-summation in another
     * order and against an optimizer stopping a hair away from where it stopped last time, so a refit
     * of the same data does not publish a "change".
     */
    static double sig(double v) {
        return sig(v, 9);
    }

    /**
     * {@code digits} significant digits, rounded half up: the double nearest the decimal that
     * {@code new BigDecimal(v).round(new MathContext(digits))} gives. Every published number goes
     * through here, and BigDecimal's exact expansion of a double was a twelfth of the stream thread's
     * time in the profile; the fast path gets the same digits with two floating-point operations and
     * leaves to BigDecimal only values too close to a boundary (a half, a power of ten) to be sure.
     */
    static double sig(double v, int digits) {
        if (!Double.isFinite(v) || v == 0) {
            return v;
        }
        double fast = digits <= 9 ? roundFast(Math.abs(v), digits) : Double.NaN;
        if (!Double.isNaN(fast)) {
            return Math.copySign(fast, v);
        }
        return new BigDecimal(v).round(new MathContext(digits)).doubleValue();
    }

    /** The rounded magnitude, or NaN when the scaled value is too close to a boundary to be decided here. */
    private static double roundFast(double a, int digits) {
        int scale = (int) Math.floor(Math.log10(a)) - (digits - 1);
        if (Math.abs(scale) >= EXACT_POWERS_OF_TEN.length) {
            return Double.NaN;
        }
        double p = EXACT_POWERS_OF_TEN[Math.abs(scale)];
        // a / 10^scale, within 2^-53 of itself: its digits before the point are the ones kept.
        double r = scale >= 0 ? a / p : a * p;
        double lowest = EXACT_POWERS_OF_TEN[digits - 1];
        double highest = EXACT_POWERS_OF_TEN[digits];
        double fraction = r - Math.floor(r);
        if (r < lowest + MARGIN || r > highest - MARGIN || Math.abs(fraction - 0.5) < MARGIN) {
            // A digit more or fewer than log10 estimated, or a tie: let BigDecimal decide exactly.
            return Double.NaN;
        }
        double kept = Math.floor(r + 0.5);
        // kept and 10^|scale| are exact, so one operation rounds the decimal kept·10^scale correctly:
        // the same double BigDecimal.doubleValue() gives for it.
        return scale >= 0 ? kept * p : kept / p;
    }

    /**
     * The fit as published: every number of it (R², growth, doubling time, each parameter's value,
     * error and interval) at nine digits. {@link Outputs} passes every fit through here, so none
     * reads 0.6824242323625589 where the data support a few digits, and a later output computed from
     * a published one (the projections read the algorithmic fit) starts from what readers see.
     */
    static ScalingFit published(ScalingFit f) {
        Map<String, Estimate> parameters = new LinkedHashMap<>();
        f.parameters().forEach((name, e) -> parameters.put(name, published(e)));
        return new ScalingFit(
                f.id(),
                f.method(),
                f.asOf(),
                f.windowStart(),
                f.windowEnd(),
                f.n(),
                sigOrNull(f.rSquared()),
                published(f.growthPerYear()),
                published(f.doublingTimeYears()),
                parameters,
                f.note());
    }

    /** The gap as published: its value, range and lag at nine digits (its details are left as built). */
    static GapEstimate published(GapEstimate g) {
        return new GapEstimate(
                g.id(),
                g.kind(),
                g.asOf(),
                sig(g.value()),
                g.unit(),
                sigOrNull(g.low()),
                sigOrNull(g.high()),
                sigOrNull(g.lagMonths()),
                g.details(),
                g.basis());
    }

    private static Estimate published(Estimate e) {
        return e == null
                ? null
                : new Estimate(
                        sig(e.value()), e.unit(), sigOrNull(e.stdErr()), sigOrNull(e.low()), sigOrNull(e.high()));
    }

    private static Double sigOrNull(Double v) {
        return v == null ? null : sig(v);
    }

    static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
