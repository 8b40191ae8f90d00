package dev.meektracker.streams.engine;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How far the best open-weights model trails the closed state of the art, as Epoch AI measures it
 * (its data insight on open versus closed models, 2026): for each day of a window, take the best
 * open score available that day; find the latest date on which the best closed score released so
 * far was not better than it by more than a tolerance (the benchmark's noise); that day's lag is the
 * time between the two dates (zero when the closed side is not ahead by more than the tolerance).
 * The figure is the mean over the window's days, with a 90 % interval from a bootstrap over the
 * models (a Poisson bootstrap: each model drawn a Poisson(1) number of times; seeded, so the same data
 * always give the same interval). The point estimate costs the distinct release dates, not the models
 * (see {@link ScoresByDate}); a resample costs the window's dates (see {@link Resampler}).
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
            Resampler resampler = new Resampler(o, c, start, windowDays, tolerance, seed);
            double[] means = new double[samples];
            int kept = 0;
            for (int s = 0; s < samples; s++) {
                double m = mean(resampler.daily(s));
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

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final long OPEN_SIDE = 0x632BE59BD9B4E019L;
    private static final long CLOSED_SIDE = 0x85157AF5D3A9C0E3L;

    /**
     * Poisson bootstrap resamples (every model drawn Poisson(1) times, independently; Hanley and
     * MacGibbon 2006) of the daily lags, drawing only the dates that can change them.
     *
     * <p>What a resample keeps of a date is its best drawn score: the first drawn walking down its
     * scores (a model is drawn at least once with probability 1 − 1/e), about 1.6 draws. The draws of
     * a date are a pure function of the seed, the resample, the side and the date, so it does not
     * matter which dates are drawn or in what order: the result equals drawing every date and taking
     * the definition's pass over them (the tests check that), while the work stays with the window:
     * <ul>
     *   <li>open dates before the window matter only through their best: they are visited from the
     *       highest original best down, stopping once no later date can beat the best drawn so far;
     *   <li>a window day's lag needs the first closed date whose drawn best is above the open best
     *       plus the tolerance: only dates whose original best is above it can be, and a max-tree
     *       jumps to them in order, each one drawn (about 1.6 of them) until one is.
     * </ul>
     * A resample costs the window's dates and a few tree walks, not the whole history, which on a
     * long synthetic history made the bootstrap most of the engine's periodic work.
     */
    static final class Resampler {
        private final ScoresByDate.Snapshot open;
        private final ScoresByDate.Snapshot closed;
        private final long start;
        private final int windowDays;
        private final double tolerance;
        private final long seed;
        /** The open dates before the window, by their original best. */
        private final MaxTree openBefore;

        private final int openFirstInWindow;
        private final MaxTree closedTree;
        /** The closed dates drawn in the current resample: their drawn best, valid where the stamp is the resample's. */
        private final double[] closedDrawn;

        private final int[] closedStamp;
        private int stamp;

        Resampler(
                ScoresByDate.Snapshot open,
                ScoresByDate.Snapshot closed,
                long start,
                int windowDays,
                double tolerance,
                long seed) {
            this.open = open;
            this.closed = closed;
            this.start = start;
            this.windowDays = windowDays;
            this.tolerance = tolerance;
            this.seed = seed;
            int first = 0;
            while (first < open.n() && open.days()[first] < start) {
                first++;
            }
            this.openFirstInWindow = first;
            this.openBefore = new MaxTree(open.best(), first);
            this.closedTree = new MaxTree(closed.best(), closed.n());
            this.closedDrawn = new double[closed.n()];
            this.closedStamp = new int[closed.n()];
        }

        /** The daily lags of resample {@code sample}, as {@link #daily(long[], double[], int, long[], double[], int, long, int, double)} defines them. */
        double[] daily(int sample) {
            stamp = sample + 1;
            long openKey = mix(seed + (sample + 1L) * GOLDEN) ^ OPEN_SIDE;
            long closedKey = mix(seed + (sample + 1L) * GOLDEN) ^ CLOSED_SIDE;
            // The latest dates first, since scores rise with time: each step jumps to the next earlier
            // date whose original best could still beat the best drawn so far (a drawn best is at most
            // its date's best), so a rising history is done after a few dates. (Sorting the dates by
            // their best for each refit was a quarter of a lag's cost at 10⁶ items, with a date for
            // nearly every day of 16 years.)
            double bestOpen = Double.NEGATIVE_INFINITY;
            for (int i = openBefore.lastAbove(openFirstInWindow - 1, bestOpen);
                    i >= 0;
                    i = openBefore.lastAbove(i - 1, bestOpen)) {
                bestOpen = Math.max(bestOpen, drawnBest(open, i, openKey));
            }
            double[] lags = new double[windowDays];
            int next = openFirstInWindow;
            double level = Double.NaN;
            long reached = Long.MAX_VALUE;
            for (int d = 0; d < windowDays; d++) {
                long day = start + d;
                while (next < open.n() && open.days()[next] <= day) {
                    bestOpen = Math.max(bestOpen, drawnBest(open, next, openKey));
                    next++;
                }
                if (bestOpen == Double.NEGATIVE_INFINITY) {
                    lags[d] = Double.NaN;
                    continue;
                }
                if (bestOpen + tolerance != level) {
                    level = bestOpen + tolerance;
                    reached = firstDrawnAbove(level, closedKey);
                }
                lags[d] = reached > day ? 0 : (day - reached + 1) / Dates.DAYS_PER_MONTH;
            }
            return lags;
        }

        /** The first closed date whose best drawn score is above {@code level}; Long.MAX_VALUE when none is. */
        private long firstDrawnAbove(double level, long key) {
            for (int i = closedTree.firstAbove(0, level); i >= 0; i = closedTree.firstAbove(i + 1, level)) {
                if (closedStamp[i] != stamp) {
                    closedStamp[i] = stamp;
                    closedDrawn[i] = drawnBest(closed, i, key);
                }
                if (closedDrawn[i] > level) {
                    return closed.days()[i];
                }
            }
            return Long.MAX_VALUE;
        }

        /** Every date's best drawn score in resample {@code sample}: for the tests, the definition's input. */
        double[][] drawAll(int sample) {
            long openKey = mix(seed + (sample + 1L) * GOLDEN) ^ OPEN_SIDE;
            long closedKey = mix(seed + (sample + 1L) * GOLDEN) ^ CLOSED_SIDE;
            double[] o = new double[open.n()];
            double[] c = new double[closed.n()];
            for (int i = 0; i < o.length; i++) {
                o[i] = drawnBest(open, i, openKey);
            }
            for (int i = 0; i < c.length; i++) {
                c[i] = drawnBest(closed, i, closedKey);
            }
            return new double[][] {o, c};
        }

        /** The definition's pass over every date of a resample drawn in full: what {@link #daily(int)} must equal. */
        double[] dailyDrawingEveryDate(int sample) {
            double[][] drawn = drawAll(sample);
            return CatchUpLag.daily(
                    open.days(), drawn[0], open.n(), closed.days(), drawn[1], closed.n(), start, windowDays, tolerance);
        }

        /** Date i's best drawn score, or negative infinity when none of its models is drawn. */
        private static double drawnBest(ScoresByDate.Snapshot side, int i, long key) {
            ScoresByDate.Day d = side.scores()[i];
            long h = key ^ (side.days()[i] * 0xBF58476D1CE4E5B9L);
            for (int j = d.size() - 1; j >= 0; j--) {
                h = mix(h + GOLDEN);
                if ((h >>> 11) * 0x1.0p-53 < DRAWN) {
                    return d.get(j);
                }
            }
            return Double.NEGATIVE_INFINITY;
        }

        /** SplitMix64's finalizer (Steele, Lea and Flood 2014): a 64-bit mix whose outputs pass as uniform. */
        private static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }

    /**
     * A max segment tree over the first n values: the first index at or after a position, or the last
     * at or before one, with a value above a level.
     */
    static final class MaxTree {
        private final double[] tree;
        private final int size;

        MaxTree(double[] values, int n) {
            int s = 1;
            while (s < Math.max(1, n)) {
                s <<= 1;
            }
            this.size = s;
            this.tree = new double[2 * s];
            Arrays.fill(tree, Double.NEGATIVE_INFINITY);
            System.arraycopy(values, 0, tree, s, n);
            for (int i = s - 1; i >= 1; i--) {
                tree[i] = Math.max(tree[2 * i], tree[2 * i + 1]);
            }
        }

        /** The first index at or after {@code from} whose value is above {@code level}, or -1. */
        int firstAbove(int from, double level) {
            if (from >= size) {
                return -1;
            }
            int i = from + size;
            // Climb while the subtrees to the right hold nothing above the level, then descend.
            while (!(tree[i] > level)) {
                while ((i & 1) == 1) {
                    i >>= 1;
                }
                if (i == 0) {
                    return -1;
                }
                i++;
            }
            while (i < size) {
                i = 2 * i;
                if (!(tree[i] > level)) {
                    i++;
                }
            }
            return i - size;
        }

        /** The last index at or before {@code to} whose value is above {@code level}, or -1. */
        int lastAbove(int to, double level) {
            if (to < 0) {
                return -1;
            }
            int i = Math.min(to, size - 1) + size;
            // Climb while the subtrees to the left hold nothing above the level, then descend.
            while (!(tree[i] > level)) {
                while ((i & 1) == 0) {
                    i >>= 1;
                }
                if (i == 1) {
                    return -1;
                }
                i--;
            }
            while (i < size) {
                i = 2 * i + 1;
                if (!(tree[i] > level)) {
                    i--;
                }
            }
            return i - size;
        }
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
