package dev.meektracker.streams.engine;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;

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

    private int size;
    /**
     * The date last added to and its scores. Releases come in date order, many on one day, so most
     * adds are to that date again and skip the search of the dates.
     */
    private LocalDate lastDate;

    private Day lastDay;
    /** The index of {@link #lastDay} among the dates. */
    private int lastAt;

    // Every date held, oldest first, as arrays: its epoch day and scores, and for the lag's passes its
    // best score and the best and lowest up to it. These were a TreeMap of dates beside the arrays;
    // its entries, made one a day over a long history, lay scattered over the heap, and an insert
    // walked and recoloured a path of them (in a profile of the engine bench, 4 % of its thread at
    // 10^6 items against 0.3 % at 10^3). A date is found by a binary search of a few kilobytes of
    // days, and a new date moves the later ones along: releases come in date order, so that is almost
    // always none, and the calendar bounds the dates (about 365 a year) however many items there are.
    private long[] days = new long[16];
    private Day[] scores = new Day[16];
    private double[] best = new double[16];
    private double[] runBest = new double[16];
    private double[] runLowest = new double[16];
    /** Dates held. */
    private int n;
    /** The first dates whose best, running best and running lowest are up to date. */
    private int built;

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
                long day = date.toEpochDay();
                int at = find(day);
                if (at < 0) {
                    at = -at - 1;
                    insert(at, day);
                }
                lastDay = scores[at];
                lastDate = date;
                lastAt = at;
            }
            lastDay.add(score);
            size++;
            stale(lastAt);
        }
    }

    /** Removes one occurrence of a score added before; nothing when there is none. */
    void remove(LocalDate date, double score) {
        if (date == null) {
            return;
        }
        int at = find(date.toEpochDay());
        if (at >= 0 && scores[at].remove(score)) {
            size--;
            stale(at);
            if (scores[at].size() == 0) {
                if (at == lastAt) {
                    lastDate = null;
                    lastDay = null;
                } else if (at < lastAt) {
                    lastAt--;
                }
                System.arraycopy(days, at + 1, days, at, n - at - 1);
                System.arraycopy(scores, at + 1, scores, at, n - at - 1);
                scores[--n] = null;
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
        return n;
    }

    /** The index of {@code day} among the dates, or -(insertion point) - 1. */
    private int find(long day) {
        // The latest date first: where releases come in date order, a new day goes there.
        if (n == 0 || day > days[n - 1]) {
            return -n - 1;
        }
        int lo = 0;
        int hi = n - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (days[mid] < day) {
                lo = mid + 1;
            } else if (days[mid] > day) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    private void insert(int at, long day) {
        if (n == days.length) {
            int grown = n * 2;
            days = Arrays.copyOf(days, grown);
            scores = Arrays.copyOf(scores, grown);
            best = Arrays.copyOf(best, grown);
            runBest = Arrays.copyOf(runBest, grown);
            runLowest = Arrays.copyOf(runLowest, grown);
        }
        System.arraycopy(days, at, days, at + 1, n - at);
        System.arraycopy(scores, at, scores, at + 1, n - at);
        days[at] = day;
        scores[at] = new Day();
        n++;
        if (lastDay != null && at <= lastAt) {
            lastAt++;
        }
    }

    /** The date at index {@code at} changed: its and the later dates' derived figures are rebuilt when next asked. */
    private void stale(int at) {
        built = Math.min(built, at);
    }

    /**
     * The dates up to and including {@code end} as arrays (oldest first), valid until the next change.
     * Costs the dates changed since the last call, not all of them.
     */
    Snapshot upTo(LocalDate end) {
        for (int i = built; i < n; i++) {
            Day d = scores[i];
            best[i] = d.max();
            runBest[i] = i == 0 ? d.max() : Math.max(runBest[i - 1], d.max());
            runLowest[i] = i == 0 ? d.min() : Math.min(runLowest[i - 1], d.min());
        }
        built = n;
        int upTo = find(end.toEpochDay());
        return new Snapshot(days, best, runBest, runLowest, scores, upTo >= 0 ? upTo + 1 : -upTo - 1);
    }

    /**
     * The first {@code n} dates: epoch day, that date's best score, the best and the lowest score up to
     * it, its scores. Shared arrays: read, never written, and only until the next change.
     */
    record Snapshot(long[] days, double[] best, double[] runBest, double[] runLowest, Day[] scores, int n) {}
}
