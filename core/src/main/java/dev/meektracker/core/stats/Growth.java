package dev.meektracker.core.stats;

/**
 * Conversions between the ways a growth rate is quoted. A trend fitted as log10(value) against
 * years has slope {@code s} orders of magnitude per year; it grows {@code 10^s} times per year and
 * doubles every {@code log10(2)/s} years. The conversions are monotone, so an interval on the slope
 * maps to intervals on the others (the doubling-time interval reverses its ends).
 */
public final class Growth {

    private static final double LOG10_2 = Math.log10(2);

    private Growth() {}

    public static double timesPerYear(double oomPerYear) {
        return Math.pow(10, oomPerYear);
    }

    public static double oomPerYear(double timesPerYear) {
        return Math.log10(timesPerYear);
    }

    /** Doubling time in years; infinite when not growing, negative when shrinking (a halving time). */
    public static double doublingTimeYears(double oomPerYear) {
        return oomPerYear == 0 ? Double.POSITIVE_INFINITY : LOG10_2 / oomPerYear;
    }

    public static double oomPerYearFromDoubling(double doublingTimeYears) {
        return LOG10_2 / doublingTimeYears;
    }

    /** A growth rate and its interval, in every unit. */
    public record Rate(double oomPerYear, double oomLow, double oomHigh) {

        public static Rate of(double slope, double[] interval) {
            return new Rate(slope, interval[0], interval[1]);
        }

        public double timesPerYear() {
            return Growth.timesPerYear(oomPerYear);
        }

        public double timesPerYearLow() {
            return Growth.timesPerYear(oomLow);
        }

        public double timesPerYearHigh() {
            return Growth.timesPerYear(oomHigh);
        }

        public double doublingTimeYears() {
            return Growth.doublingTimeYears(oomPerYear);
        }

        /** The shortest doubling time within the interval (from the fastest growth). */
        public double doublingTimeLow() {
            return Growth.doublingTimeYears(oomHigh);
        }

        /** The longest doubling time within the interval; infinite when the interval reaches no growth. */
        public double doublingTimeHigh() {
            return oomLow <= 0 ? Double.POSITIVE_INFINITY : Growth.doublingTimeYears(oomLow);
        }
    }
}
