package dev.meektracker.streams.engine;

import java.math.BigDecimal;
import java.math.MathContext;

/** Rounding of published numbers. */
final class Numbers {

    private Numbers() {}

    /**
     * Nine significant digits: enough for any reader, and stable against re-summation in another
     * order and against an optimizer stopping a hair away from where it stopped last time, so a refit
     * of the same data does not publish a "change".
     */
    static double sig(double v) {
        if (!Double.isFinite(v) || v == 0) {
            return v;
        }
        return new BigDecimal(v).round(new MathContext(9)).doubleValue();
    }

    /** {@code digits} significant digits, for long series a chart draws (a trajectory needs no nine). */
    static double sig(double v, int digits) {
        if (!Double.isFinite(v) || v == 0) {
            return v;
        }
        return new BigDecimal(v).round(new MathContext(digits)).doubleValue();
    }

    static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
