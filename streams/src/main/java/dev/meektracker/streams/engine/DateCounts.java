package dev.meektracker.streams.engine;

import java.time.LocalDate;
import java.util.TreeMap;

/**
 * How many current items carry each date, so the latest date among them (an output's as-of date)
 * stays right when an item is corrected or deleted.
 */
final class DateCounts {

    private final TreeMap<LocalDate, Integer> counts = new TreeMap<>();

    void add(LocalDate d) {
        change(d, 1);
    }

    void remove(LocalDate d) {
        change(d, -1);
    }

    private void change(LocalDate d, int delta) {
        if (d != null) {
            counts.merge(d, delta, (a, b) -> a + b == 0 ? null : a + b);
        }
    }

    /** The earliest date, or null when there are no items. */
    LocalDate first() {
        return counts.isEmpty() ? null : counts.firstKey();
    }

    /** How many distinct dates the items carry. */
    int distinct() {
        return counts.size();
    }

    /** The latest date, or null when there are no items. */
    LocalDate last() {
        return counts.isEmpty() ? null : counts.lastKey();
    }

    static LocalDate latest(LocalDate a, LocalDate b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
