package dev.meektracker.streams.engine;

import java.time.LocalDate;

/**
 * How many current items carry each date, so the latest date among them (an output's as-of date)
 * stays right when an item is corrected or deleted.
 *
 * <p>Every upsert of an item changes two counts, so this is on the engine's per-event path: the
 * counts sit in an open-addressing table keyed by epoch day (linear probing, deletion by backward
 * shift), and the earliest and latest days are kept beside it. A TreeMap of dates did the same with
 * a tree descent of date comparisons and a boxed count per change (4 % of the stream thread in the
 * throughput bench's profile). Only when the count of the earliest or latest day falls to zero is
 * the table scanned for the new one: that takes removing or correcting every item of that day,
 * which a replay in date order never does and live corrections seldom do.
 */
final class DateCounts {

    /** No valid date has this epoch day (LocalDate's range is about ±3.65·10^11 days). */
    private static final long FREE = Long.MIN_VALUE;

    private long[] days = freeTable(16);
    private int[] counts = new int[16];
    private int distinct;
    private long firstDay;
    private long lastDay;
    /** {@link #first()} and {@link #last()} as dates, made when asked; null when not made yet. */
    private LocalDate first;

    private LocalDate last;

    void add(LocalDate d) {
        if (d != null) {
            change(d.toEpochDay(), 1);
        }
    }

    void remove(LocalDate d) {
        if (d != null) {
            change(d.toEpochDay(), -1);
        }
    }

    private void change(long day, int delta) {
        int i = slot(day);
        if (days[i] == day) {
            counts[i] += delta;
            if (counts[i] == 0) {
                delete(i);
                distinct--;
                if (distinct > 0 && (day == firstDay || day == lastDay)) {
                    findEnds();
                }
            }
            return;
        }
        // A day not held: like TreeMap.merge, the change becomes its count (only a remove without an
        // add, which the engine never does, would make it negative).
        days[i] = day;
        counts[i] = delta;
        if (distinct++ == 0) {
            firstDay = day;
            lastDay = day;
            first = null;
            last = null;
        } else if (day < firstDay) {
            firstDay = day;
            first = null;
        } else if (day > lastDay) {
            lastDay = day;
            last = null;
        }
        if (distinct * 3 > days.length * 2) {
            grow();
        }
    }

    /** The earliest date, or null when there are no items. */
    LocalDate first() {
        if (distinct == 0) {
            return null;
        }
        if (first == null) {
            first = LocalDate.ofEpochDay(firstDay);
        }
        return first;
    }

    /** How many distinct dates the items carry. */
    int distinct() {
        return distinct;
    }

    /** The latest date, or null when there are no items. */
    LocalDate last() {
        if (distinct == 0) {
            return null;
        }
        if (last == null) {
            last = LocalDate.ofEpochDay(lastDay);
        }
        return last;
    }

    static LocalDate latest(LocalDate a, LocalDate b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    /** The slot holding {@code day}, or the free slot where it would go. */
    private int slot(long day) {
        int mask = days.length - 1;
        int i = hash(day) & mask;
        while (days[i] != FREE && days[i] != day) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private static int hash(long day) {
        long h = day * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    /** Frees slot {@code i}, moving later entries of its probe run back so every lookup still finds them. */
    private void delete(int i) {
        int mask = days.length - 1;
        int hole = i;
        days[hole] = FREE;
        for (int j = (hole + 1) & mask; days[j] != FREE; j = (j + 1) & mask) {
            int home = hash(days[j]) & mask;
            // The entry at j may move to the hole unless its home lies cyclically in (hole, j].
            boolean stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (!stays) {
                days[hole] = days[j];
                counts[hole] = counts[j];
                days[j] = FREE;
                hole = j;
            }
        }
    }

    private void findEnds() {
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (long d : days) {
            if (d != FREE) {
                lo = Math.min(lo, d);
                hi = Math.max(hi, d);
            }
        }
        if (lo != firstDay) {
            firstDay = lo;
            first = null;
        }
        if (hi != lastDay) {
            lastDay = hi;
            last = null;
        }
    }

    private void grow() {
        long[] oldDays = days;
        int[] oldCounts = counts;
        days = freeTable(oldDays.length * 2);
        counts = new int[oldDays.length * 2];
        for (int k = 0; k < oldDays.length; k++) {
            if (oldDays[k] != FREE) {
                int i = slot(oldDays[k]);
                days[i] = oldDays[k];
                counts[i] = oldCounts[k];
            }
        }
    }

    private static long[] freeTable(int size) {
        long[] t = new long[size];
        java.util.Arrays.fill(t, FREE);
        return t;
    }
}
