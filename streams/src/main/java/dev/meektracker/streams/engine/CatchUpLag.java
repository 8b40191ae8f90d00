package dev.meektracker.streams.engine;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How far the best open-weights model trails the closed state of the art, as Epoch AI measures it
 * (its data insight on open versus closed models, 2026): for each day of a window, take the best
 * open score available that day; find the latest date on which the best closed score released so
 * far was not better than it by more than a tolerance (the benchmark's noise); that day's lag is the
 * time between the two dates (zero when the closed side is not ahead by more than the tolerance).
 * The figure is the mean over the window's days, with a 90 % interval from a bootstrap over the
 * models (a Poisson bootstrap: each model drawn a Poisson(1) number of times; seeded, so the same data
 * always give the same interval). Its cost is in distinct release dates, not models: see {@link ScoresByDate}.
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
     * @param open      open-weights models' scores by date
     * @param closed    closed-weights models' scores by date
     * @param end       the window's last day (the data's latest date)
     * @param windowDays days in the window
     * @param tolerance how much better the closed side must be to count as ahead, in the score's unit
     * @param samples   bootstrap resamples (0 for none: the interval is then the estimate itself)
     * @param seed      the bootstrap's seed
     * @return null when there is no open or no closed model up to {@code end}
     */
    static Result compute(
            ScoresByDate open,
            ScoresByDate closed,
            LocalDate end,
            int windowDays,
            double tolerance,
            int samples,
            long seed) {
        ScoresByDate.Snapshot o = open.upTo(end);
        ScoresByDate.Snapshot c = closed.upTo(end);
        if (o.n() == 0 || c.n() == 0) {
            return null;
        }
        long start = end.toEpochDay() - (windowDays - 1L);
        double[] daily = daily(o.days(), o.best(), o.n(), c.days(), c.best(), c.n(), start, windowDays, tolerance);
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
                double[] openDrawn = resample(o, random);
                double[] closedDrawn = resample(c, random);
                double m = mean(
                        daily(o.days(), openDrawn, o.n(), c.days(), closedDrawn, c.n(), start, windowDays, tolerance));
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
        return records(o, c, LocalDate.ofEpochDay(start), end, tolerance, mean, low, high, latest, days, daily);
    }

    /** The same from points in any order. */
    static Result compute(
            List<Point> open,
            List<Point> closed,
            LocalDate end,
            int windowDays,
            double tolerance,
            int samples,
            long seed) {
        return compute(ScoresByDate.of(open), ScoresByDate.of(closed), end, windowDays, tolerance, samples, seed);
    }

    /** Probability that a model is drawn at least once in a Poisson(1) bootstrap resample: 1 - 1/e. */
    private static final double DRAWN = 1 - Math.exp(-1);

    /**
     * Each date's best score in a Poisson bootstrap resample (every model drawn Poisson(1) times,
     * independently; Hanley and MacGibbon 2006): the best drawn model of a date is the first drawn
     * walking down its scores, so a resample costs about 1.6 draws per date instead of one per model.
     * Negative infinity where the resample has no model of that date.
     */
    private static double[] resample(ScoresByDate.Snapshot side, SplittableRandom random) {
        double[] m = new double[side.n()];
        for (int i = 0; i < side.n(); i++) {
            ScoresByDate.Day d = side.scores()[i];
            double v = Double.NEGATIVE_INFINITY;
            for (int j = d.size() - 1; j >= 0; j--) {
                if (random.nextDouble() < DRAWN) {
                    v = d.get(j);
                    break;
                }
            }
            m[i] = v;
        }
        return m;
    }

    /**
     * The lag of each day of the window, months (NaN before the first open model). Each side is one
     * entry per date in date order with that date's best score (negative infinity: none that date).
     */
    private static double[] daily(
            long[] openDays,
            double[] openMax,
            int openN,
            long[] closedDays,
            double[] closedMax,
            int closedN,
            long start,
            int windowDays,
            double tolerance) {
        // The closed records: where the best closed score so far rises, in date order (so both rise).
        long[] recordDays = new long[closedN];
        double[] recordScores = new double[closedN];
        int records = 0;
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < closedN; i++) {
            if (closedMax[i] > best) {
                best = closedMax[i];
                recordDays[records] = closedDays[i];
                recordScores[records] = best;
                records++;
            }
        }
        double[] lags = new double[windowDays];
        double bestOpen = Double.NEGATIVE_INFINITY;
        int next = 0;
        for (int d = 0; d < windowDays; d++) {
            long day = start + d;
            while (next < openN && openDays[next] <= day) {
                bestOpen = Math.max(bestOpen, openMax[next]);
                next++;
            }
            if (bestOpen == Double.NEGATIVE_INFINITY) {
                lags[d] = Double.NaN;
                continue;
            }
            // The first record more than the tolerance above the open best: the closed side has been
            // ahead since that date, so the latest date it was not ahead is the day before.
            int k = firstAbove(recordScores, records, bestOpen + tolerance);
            if (k < 0 || recordDays[k] > day) {
                lags[d] = 0;
            } else {
                lags[d] = (day - recordDays[k] + 1) / Dates.DAYS_PER_MONTH;
            }
        }
        return lags;
    }

    /** Index of the first of the first {@code n} values above {@code level} in an increasing array, or -1. */
    private static int firstAbove(double[] increasing, int n, double level) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (increasing[mid] > level) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo < n ? lo : -1;
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
    private static List<Crossing> crossings(
            ScoresByDate.Snapshot open, ScoresByDate.Snapshot closed, double tolerance) {
        double lo = Math.max(open.runLowest()[open.n() - 1], closed.runLowest()[closed.n() - 1]);
        double hi = Math.min(open.runBest()[open.n() - 1], closed.runBest()[closed.n() - 1]);
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

    /**
     * The first date, in date order, with a score at or above {@code level}; null when none is. The
     * running best never falls, so this is a bisection.
     */
    private static LocalDate first(ScoresByDate.Snapshot side, double level) {
        int lo = 0;
        int hi = side.n();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (side.runBest()[mid] >= level) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo < side.n() ? LocalDate.ofEpochDay(side.days()[lo]) : null;
    }

    /** The record-match estimator over the closed records set in the window, and the whole result. */
    private static Result records(
            ScoresByDate.Snapshot open,
            ScoresByDate.Snapshot closed,
            LocalDate start,
            LocalDate end,
            double tolerance,
            double mean,
            double low,
            double high,
            double latest,
            int days,
            double[] daily) {
        double best = Double.NEGATIVE_INFINITY;
        List<Double> matchMonths = new ArrayList<>();
        int records = 0;
        double oldestUnmatched = Double.NaN;
        // One record per date at most: models released the same day are simultaneous, and only the
        // best of them stood as the state of the art when the day ended.
        for (int i = 0; i < closed.n(); i++) {
            if (closed.best()[i] <= best) {
                continue;
            }
            best = closed.best()[i];
            LocalDate date = LocalDate.ofEpochDay(closed.days()[i]);
            if (date.isBefore(start)) {
                continue;
            }
            records++;
            // The first open model within the tolerance of this record, counted from the record's date:
            // an open model released before the record but already at its level matches at once.
            LocalDate reached = first(open, best - tolerance);
            LocalDate match = reached == null ? null : reached.isBefore(date) ? date : reached;
            if (match == null) {
                double age = ChronoUnit.DAYS.between(date, end) / Dates.DAYS_PER_MONTH;
                oldestUnmatched = Double.isNaN(oldestUnmatched) ? age : Math.max(oldestUnmatched, age);
            } else {
                matchMonths.add(ChronoUnit.DAYS.between(date, match) / Dates.DAYS_PER_MONTH);
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
