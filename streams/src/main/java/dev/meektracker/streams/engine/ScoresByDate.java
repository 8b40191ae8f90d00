package dev.meektracker.streams.engine;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.TreeMap;

/**
 * One side's scores (open or closed weights; for compute, log10 FLOP) grouped by release date, kept
 * current as models come, change and go. The catch-up lag needs of them only each date's best score
 * (the running best is a staircase over dates) and, for its crossing levels and its bootstrap, each
 * date's scores in order, so it costs the number of distinct dates, which the calendar bounds, not
 * the number of models, which grows without bound.
 */
final class ScoresByDate {

    /** The scores of one date, ascending (duplicates kept: two models may score the same). */
    static final class Day {
        private double[] scores = new double[2];
        private int n;

        int size() {
            return n;
        }

        /** The i-th lowest score. */
        double get(int i) {
            return scores[i];
        }

        double max() {
            return scores[n - 1];
        }

        double min() {
            return scores[0];
        }

        private void add(double v) {
            int at = insertionPoint(v);
            if (n == scores.length) {
                scores = Arrays.copyOf(scores, n * 2);
            }
            System.arraycopy(scores, at, scores, at + 1, n - at);
            scores[at] = v;
            n++;
        }

        private boolean remove(double v) {
            int at = insertionPoint(v) - 1;
            if (at < 0 || Double.compare(scores[at], v) != 0) {
                return false;
            }
            System.arraycopy(scores, at + 1, scores, at, n - at - 1);
            n--;
            return true;
        }

        /** The index after the last score not above {@code v}. */
        private int insertionPoint(double v) {
            int lo = 0;
            int hi = n;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (Double.compare(scores[mid], v) <= 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }

    private final TreeMap<LocalDate, Day> byDate = new TreeMap<>();
    private int size;
    /**
     * The date last added to and its scores. Releases come in date order, many on one day, so most
     * adds are to that date again: they skip the tree's descent of date comparisons, which was 3 %
     * of the stream thread in the bench's profile.
     */
    private LocalDate lastDate;

    private Day lastDay;

    // The dates as arrays, for the lag's passes over them: epoch days, each date's best and lowest
    // score, the running best and lowest. Releases arrive in date order, so a change is almost always
    // on the last date: only the entries from the earliest changed date on are rebuilt.
    private long[] days = new long[16];
    private double[] best = new double[16];
    private double[] runBest = new double[16];
    private double[] runLowest = new double[16];
    private Day[] scores = new Day[16];
    private int built;
    private LocalDate firstStale;

    /** Built from points, in any order (for tests and one-off computations). */
    static ScoresByDate of(Collection<CatchUpLag.Point> points) {
        ScoresByDate s = new ScoresByDate();
        for (CatchUpLag.Point p : points) {
            s.add(p.date(), p.score());
        }
        return s;
    }

    /** Adds a score; a score that is not a finite number takes no part in the lag and is ignored. */
    void add(LocalDate date, double score) {
        if (date != null && Double.isFinite(score)) {
            if (!date.equals(lastDate)) {
                lastDay = byDate.computeIfAbsent(date, d -> new Day());
                lastDate = date;
            }
            lastDay.add(score);
            size++;
            stale(date);
        }
    }

    /** Removes one occurrence of a score added before; nothing when there is none. */
    void remove(LocalDate date, double score) {
        Day day = date == null ? null : byDate.get(date);
        if (day != null && day.remove(score)) {
            size--;
            stale(date);
            if (day.size() == 0) {
                byDate.remove(date);
                if (day == lastDay) {
                    lastDate = null;
                    lastDay = null;
                }
            }
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** Distinct dates held. */
    int dates() {
        return byDate.size();
    }

    private void stale(LocalDate date) {
        if (firstStale == null || date.isBefore(firstStale)) {
            firstStale = date;
        }
    }

    /**
     * The dates up to and including {@code end} as arrays (oldest first), valid until the next change.
     * Costs the dates changed since the last call, not all of them.
     */
    Snapshot upTo(LocalDate end) {
        if (firstStale != null) {
            built = count(firstStale.toEpochDay() - 1);
            for (var e : byDate.tailMap(firstStale, true).entrySet()) {
                append(e.getKey().toEpochDay(), e.getValue());
            }
            firstStale = null;
        }
        return new Snapshot(days, best, runBest, runLowest, scores, count(end.toEpochDay()));
    }

    /** How many built dates are on or before {@code epochDay}. */
    private int count(long epochDay) {
        int lo = 0;
        int hi = built;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (days[mid] <= epochDay) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private void append(long day, Day d) {
        if (built == days.length) {
            int n = built * 2;
            days = Arrays.copyOf(days, n);
            best = Arrays.copyOf(best, n);
            runBest = Arrays.copyOf(runBest, n);
            runLowest = Arrays.copyOf(runLowest, n);
            scores = Arrays.copyOf(scores, n);
        }
        days[built] = day;
        best[built] = d.max();
        runBest[built] = built == 0 ? d.max() : Math.max(runBest[built - 1], d.max());
        runLowest[built] = built == 0 ? d.min() : Math.min(runLowest[built - 1], d.min());
        scores[built] = d;
        built++;
    }

    /**
     * The first {@code n} dates: epoch day, that date's best score, the best and the lowest score up to
     * it, its scores. Shared arrays: read, never written, and only until the next change.
     */
    record Snapshot(long[] days, double[] best, double[] runBest, double[] runLowest, Day[] scores, int n) {}
}
