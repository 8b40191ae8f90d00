package dev.meektracker.streams.engine;

import dev.meektracker.core.event.Estimate;
import dev.meektracker.core.event.ScalingFit;
import dev.meektracker.core.stats.Growth;
import dev.meektracker.core.stats.OnlineRegression;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A log10-linear trend against decimal year, fed point by point: a point that changes is removed and
 * added again, so the fit always equals a batch fit of the current points.
 */
final class TrendFit {

    static final double CONFIDENCE = 0.9;

    private final OnlineRegression regression = new OnlineRegression();

    /** The points' dates, for the window's ends (a table by day: no tree descent or boxed count per point). */
    private final DateCounts dates = new DateCounts();

    /**
     * Adds a point. The fit keeps no table of its points: their owner holds the item each comes from
     * and removes the same point ({@link #remove}) when the item changes or leaves. (Keyed by the
     * item here, the points of the compute frontier cost a table lookup on every model's change, a
     * cache miss each in a table of 38,000 points at a million synthetic models, against 200 at a
     * thousand; a chip's entry and point were 64 bytes, 6 MB for a hundred thousand chips.)
     */
    void add(LocalDate date, double log10Value) {
        regression.add(Dates.decimalYear(date), log10Value);
        dates.add(date);
    }

    /** Removes a point {@link #add} added: the same date and value, to the bit. */
    void remove(LocalDate date, double log10Value) {
        regression.remove(Dates.decimalYear(date), log10Value);
        dates.remove(date);
    }

    long n() {
        return regression.n();
    }

    boolean ready() {
        return regression.hasFit();
    }

    LocalDate windowStart() {
        return dates.first();
    }

    LocalDate windowEnd() {
        return dates.last();
    }

    Growth.Rate growth() {
        return Growth.Rate.of(regression.slope(), regression.slopeInterval(CONFIDENCE));
    }

    /** log10 of the trend's value at {@code date}, with the half-width of its 90 % interval. */
    double[] levelAt(LocalDate date) {
        double x = Dates.decimalYear(date);
        double half = regression.tQuantile(CONFIDENCE) * regression.predictionStdErr(x);
        return new double[] {regression.predict(x), half};
    }

    /**
     * The fit as an output event.
     *
     * @param levelName  name of the trend's level at asOf, e.g. "frontierComputeToday"
     * @param levelUnit  its unit, e.g. "FLOP"
     * @param extra      further parameters to publish
     */
    ScalingFit toScalingFit(
            String id, LocalDate asOf, String levelName, String levelUnit, Map<String, Estimate> extra, String note) {
        OnlineRegression r = regression;
        Growth.Rate g = growth();
        Map<String, Estimate> params = new LinkedHashMap<>();
        double[] ci = r.slopeInterval(CONFIDENCE);
        params.put("slope", new Estimate(r.slope(), "OOM/year", r.slopeStdErr(), ci[0], ci[1]));
        params.put(
                "intercept", new Estimate(r.intercept(), "log10(" + levelUnit + ")", r.interceptStdErr(), null, null));
        double[] level = levelAt(asOf);
        params.put(
                levelName,
                new Estimate(
                        Math.pow(10, level[0]),
                        levelUnit,
                        null,
                        Math.pow(10, level[0] - level[1]),
                        Math.pow(10, level[0] + level[1])));
        // The centre of the data and the level's standard error there: with the slope's standard error
        // they give the 90 % band of the trend at any date (se² = se_centre² + (x − centre)²·se_slope²,
        // Student's t with n − 2 df), which the page draws; the intercept's error alone cannot.
        params.put("centerYear", Estimate.of(r.meanX(), "year"));
        params.put(
                "levelAtCenter",
                new Estimate(r.meanY(), "log10(" + levelUnit + ")", r.predictionStdErr(r.meanX()), null, null));
        params.putAll(extra);
        return new ScalingFit(
                id,
                "ols",
                asOf,
                windowStart(),
                windowEnd(),
                r.n(),
                Numbers.finiteOrNull(r.rSquared()),
                growthPerYear(g),
                doublingTime(g),
                params,
                note);
    }

    /** A growth rate as published: times per year with its 90 % interval. */
    static Estimate growthPerYear(Growth.Rate g) {
        return new Estimate(g.timesPerYear(), "times/year", null, g.timesPerYearLow(), g.timesPerYearHigh());
    }

    /** The same rate as a doubling time in years with its interval (the upper end infinite when growth may be nil). */
    static Estimate doublingTime(Growth.Rate g) {
        return new Estimate(
                g.doublingTimeYears(), "years", null, g.doublingTimeLow(), Numbers.finiteOrNull(g.doublingTimeHigh()));
    }
}
