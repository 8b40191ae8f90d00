package dev.meektracker.core.model;

/**
 * How the frontier's training budget grows: {@code I(t) = I0·g^t} until year {@code changeAfterYears},
 * then at {@code laterGrowth} per year (1 means spending stops growing).
 *
 * @param growth           spending growth per year before the change (g_i), times per year
 * @param changeAfterYears year T after which growth changes; infinity for none
 * @param laterGrowth      growth per year after T, times per year
 */
public record SpendingSchedule(double growth, double changeAfterYears, double laterGrowth) {

    public SpendingSchedule {
        if (!(growth > 0) || !Double.isFinite(growth)) {
            throw new IllegalArgumentException("spending growth must be a positive factor per year, not " + growth);
        }
        if (!(laterGrowth > 0) || !Double.isFinite(laterGrowth)) {
            throw new IllegalArgumentException(
                    "later spending growth must be a positive factor per year, not " + laterGrowth);
        }
        if (!(changeAfterYears >= 0)) {
            throw new IllegalArgumentException("the change year must be zero or later, not " + changeAfterYears);
        }
    }

    /** Exponential growth forever. */
    public static SpendingSchedule exponential(double growth) {
        return new SpendingSchedule(growth, Double.POSITIVE_INFINITY, growth);
    }

    /** Growth stops after {@code years}. */
    public static SpendingSchedule stopsAfter(double growth, double years) {
        return new SpendingSchedule(growth, years, 1.0);
    }

    /** Growth slows to {@code later} after {@code years}. */
    public static SpendingSchedule slowsAfter(double growth, double years, double later) {
        return new SpendingSchedule(growth, years, later);
    }

    /** Spending multiple {@code I(t)/I0} at year t. */
    public double multiple(double t) {
        if (t <= changeAfterYears) {
            return Math.pow(growth, t);
        }
        return Math.pow(growth, changeAfterYears) * Math.pow(laterGrowth, t - changeAfterYears);
    }

    public boolean constantGrowth() {
        return Double.isInfinite(changeAfterYears) || growth == laterGrowth;
    }
}
