package dev.meektracker.streams.engine;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How far the best open-weights model trails the closed state of the art, as Epoch AI measures it
 * (its data insight on open versus closed models, 2026): for each day of a window, take the best
 * open score available that day; find the latest date on which the best closed score released so
 * far was not better than it by more than a tolerance (the benchmark's noise); that day's lag is the
 * time between the two dates (zero when the closed side is not ahead by more than the tolerance).
 * The figure is the mean over the window's days, with a 90 % interval from a bootstrap over the
 * models (resampled with replacement, seeded, so the same data always give the same interval).
 *
 * <p>Beside it, a second estimator so a reader sees whether they agree: for each closed model that
 * set a new closed record, the time until an open model came within the tolerance of it.
 */
final class CatchUpLag {

    /** One model's score (for compute: log10 FLOP) on its release date. */
    record Point(LocalDate date, double score) {}

    /**
     * @param meanMonths        mean daily lag over the window, months
     * @param lowMonths         5th percentile of the bootstrap means
     * @param highMonths        95th percentile of the bootstrap means
     * @param latestDayMonths   the lag on the window's last day
     * @param days              days in the window with an open model to measure
     * @param daily             the daily lags, months, oldest first (one per day of the window)
     * @param records           closed records set in the window
     * @param matched           of those, how many an open model came within the tolerance of
     * @param matchMeanMonths   mean time to that match, months (NaN when none matched)
     * @param matchMedianMonths median time to that match, months (NaN when none matched)
     * @param oldestUnmatchedMonths age of the oldest record still unmatched at the window's end (NaN when none)
     */
    record Result(
            double meanMonths,
            double lowMonths,
            double highMonths,
            double latestDayMonths,
            int days,
            double[] daily,
            int records,
            int matched,
            double matchMeanMonths,
            double matchMedianMonths,
            double oldestUnmatchedMonths,
            List<Crossing> crossings) {}

    /**
     * When each side first reached a score level (the open side within the tolerance of it).
     *
     * @param months open date minus closed date, months (negative when the open side got there first); NaN when open never did
     */
    record Crossing(double level, LocalDate closed, LocalDate open, double months) {}

    /** Levels in the threshold-crossing view. */
    static final int CROSSING_LEVELS = 8;

    private CatchUpLag() {}

    /**
     * @param open      open-weights models' scores
     * @param closed    closed-weights models' scores
     * @param end       the window's last day (the data's latest date)
     * @param windowDays days in the window
     * @param tolerance how much better the closed side must be to count as ahead, in the score's unit
     * @param samples   bootstrap resamples (0 for none: the interval is then the estimate itself)
     * @param seed      the bootstrap's seed
     * @return null when there is no open or no closed model up to {@code end}
     */
    static Result compute(
            List<Point> open,
            List<Point> closed,
            LocalDate end,
            int windowDays,
            double tolerance,
            int samples,
            long seed) {
        Point[] o = sorted(open, end);
        Point[] c = sorted(closed, end);
        if (o.length == 0 || c.length == 0) {
            return null;
        }
        LocalDate start = end.minusDays(windowDays - 1L);
        double[] daily = daily(o, null, c, null, start, windowDays, tolerance);
        double mean = mean(daily);
        if (Double.isNaN(mean)) {
            return null;
        }
        double low = mean;
        double high = mean;
        if (samples > 0) {
            SplittableRandom random = new SplittableRandom(seed);
            double[] means = new double[samples];
            int kept = 0;
            for (int s = 0; s < samples; s++) {
                double m = mean(daily(
                        o, resample(o.length, random), c, resample(c.length, random), start, windowDays, tolerance));
                if (!Double.isNaN(m)) {
                    means[kept++] = m;
                }
            }
            if (kept > 0) {
                double[] ms = Arrays.copyOf(means, kept);
                Arrays.sort(ms);
                low = ms[(int) Math.floor(0.05 * (kept - 1))];
                high = ms[(int) Math.ceil(0.95 * (kept - 1))];
            }
        }
        double latest = daily[daily.length - 1];
        int days = (int) Arrays.stream(daily).filter(d -> !Double.isNaN(d)).count();
        return records(o, c, start, end, tolerance, mean, low, high, latest, days, daily);
    }

    private static Point[] sorted(List<Point> points, LocalDate end) {
        return points.stream()
                .filter(p -> !p.date().isAfter(end) && Double.isFinite(p.score()))
                .sorted(Comparator.comparing(Point::date))
                .toArray(Point[]::new);
    }

    /** How many times each of n items is drawn in n draws with replacement. */
    private static int[] resample(int n, SplittableRandom random) {
        int[] counts = new int[n];
        for (int i = 0; i < n; i++) {
            counts[random.nextInt(n)]++;
        }
        return counts;
    }

    /**
     * The lag of each day of the window, months (NaN before the first open model). Points are in
     * date order; {@code weights} null counts each once, 0 leaves a point out.
     */
    private static double[] daily(
            Point[] open,
            int[] openWeights,
            Point[] closed,
            int[] closedWeights,
            LocalDate start,
            int windowDays,
            double tolerance) {
        // The closed records: where the best closed score so far rises, in date order (so both rise).
        List<LocalDate> recordDates = new ArrayList<>();
        List<Double> recordScores = new ArrayList<>();
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < closed.length; i++) {
            if ((closedWeights == null || closedWeights[i] > 0) && closed[i].score() > best) {
                best = closed[i].score();
                recordDates.add(closed[i].date());
                recordScores.add(best);
            }
        }
        double[] lags = new double[windowDays];
        double bestOpen = Double.NEGATIVE_INFINITY;
        int next = 0;
        for (int d = 0; d < windowDays; d++) {
            LocalDate day = start.plusDays(d);
            while (next < open.length && !open[next].date().isAfter(day)) {
                if (openWeights == null || openWeights[next] > 0) {
                    bestOpen = Math.max(bestOpen, open[next].score());
                }
                next++;
            }
            if (bestOpen == Double.NEGATIVE_INFINITY) {
                lags[d] = Double.NaN;
                continue;
            }
            // The first record more than the tolerance above the open best: the closed side has been
            // ahead since that date, so the latest date it was not ahead is the day before.
            int k = firstAbove(recordScores, bestOpen + tolerance);
            if (k < 0 || recordDates.get(k).isAfter(day)) {
                lags[d] = 0;
            } else {
                lags[d] = (ChronoUnit.DAYS.between(recordDates.get(k), day) + 1) / Dates.DAYS_PER_MONTH;
            }
        }
        return lags;
    }

    /** Index of the first value above {@code level} in an increasing list, or -1. */
    private static int firstAbove(List<Double> increasing, double level) {
        int lo = 0;
        int hi = increasing.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (increasing.get(mid) > level) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo < increasing.size() ? lo : -1;
    }

    private static double mean(double[] values) {
        double sum = 0;
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * The threshold-crossing view: for levels evenly spaced between the lowest and the highest score
     * both sides reached, the first date a closed model reached each level and the first date an open
     * model came within the tolerance of it.
     */
    private static List<Crossing> crossings(Point[] openPoints, Point[] closedPoints, double tolerance) {
        ByDate open = ByDate.of(openPoints);
        ByDate closed = ByDate.of(closedPoints);
        double lo = Math.max(
                Arrays.stream(openPoints).mapToDouble(Point::score).min().orElse(Double.NaN),
                Arrays.stream(closedPoints).mapToDouble(Point::score).min().orElse(Double.NaN));
        double hi = Math.min(
                Arrays.stream(openPoints).mapToDouble(Point::score).max().orElse(Double.NaN),
                Arrays.stream(closedPoints).mapToDouble(Point::score).max().orElse(Double.NaN));
        List<Crossing> out = new ArrayList<>();
        if (!(hi > lo)) {
            return out;
        }
        for (int i = 0; i < CROSSING_LEVELS; i++) {
            double level = lo + (hi - lo) * (i + 0.5) / CROSSING_LEVELS;
            LocalDate c = first(closed, level);
            if (c == null) {
                continue;
            }
            LocalDate o = first(open, level - tolerance);
            out.add(new Crossing(
                    level, c, o, o == null ? Double.NaN : ChronoUnit.DAYS.between(c, o) / Dates.DAYS_PER_MONTH));
        }
        return out;
    }

    /** The first date, in date order, of a point at or above {@code level}; null when none is. */
    /** Points in date order with their running maximum, which never falls: "first at or above" is a bisection. */
    private record ByDate(Point[] points, double[] runMax) {
        static ByDate of(Point[] points) {
            double[] runMax = new double[points.length];
            double m = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < points.length; i++) {
                m = Math.max(m, points[i].score());
                runMax[i] = m;
            }
            return new ByDate(points, runMax);
        }
    }

    /** The first date, in date order, of a point at or above {@code level}; null when none is. O(log n). */
    private static LocalDate first(ByDate byDate, double level) {
        int lo = 0;
        int hi = byDate.points().length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (byDate.runMax()[mid] >= level) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo < byDate.points().length ? byDate.points()[lo].date() : null;
    }

    /** The record-match estimator over the closed records set in the window, and the whole result. */
    private static Result records(
            Point[] open,
            Point[] closed,
            LocalDate start,
            LocalDate end,
            double tolerance,
            double mean,
            double low,
            double high,
            double latest,
            int days,
            double[] daily) {
        ByDate openByDate = ByDate.of(open);
        double best = Double.NEGATIVE_INFINITY;
        List<Double> matchMonths = new ArrayList<>();
        int records = 0;
        double oldestUnmatched = Double.NaN;
        for (Point c : closed) {
            if (c.score() <= best) {
                continue;
            }
            best = c.score();
            if (c.date().isBefore(start)) {
                continue;
            }
            records++;
            // The first open model within the tolerance of this record, counted from the record's date:
            // an open model released before the record but already at its level matches at once.
            LocalDate reached = first(openByDate, c.score() - tolerance);
            LocalDate match = reached == null ? null : reached.isBefore(c.date()) ? c.date() : reached;
            if (match == null) {
                double age = ChronoUnit.DAYS.between(c.date(), end) / Dates.DAYS_PER_MONTH;
                oldestUnmatched = Double.isNaN(oldestUnmatched) ? age : Math.max(oldestUnmatched, age);
            } else {
                matchMonths.add(ChronoUnit.DAYS.between(c.date(), match) / Dates.DAYS_PER_MONTH);
            }
        }
        double matchMean = matchMonths.isEmpty()
                ? Double.NaN
                : matchMonths.stream()
                        .mapToDouble(Double::doubleValue)
                        .average()
                        .orElseThrow();
        double matchMedian = Double.NaN;
        if (!matchMonths.isEmpty()) {
            double[] m = matchMonths.stream()
                    .mapToDouble(Double::doubleValue)
                    .sorted()
                    .toArray();
            matchMedian = m.length % 2 == 1 ? m[m.length / 2] : (m[m.length / 2 - 1] + m[m.length / 2]) / 2;
        }
        return new Result(
                mean,
                low,
                high,
                latest,
                days,
                daily,
                records,
                matchMonths.size(),
                matchMean,
                matchMedian,
                oldestUnmatched,
                crossings(open, closed, tolerance));
    }
}
