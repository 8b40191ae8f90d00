package dev.meektracker.streams.engine;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * A value-sorted set that also answers "the earliest date among entries at or above this value" (when
 * a closed model first reached what the best open model has) in O(log n), so the lag costs the same at
 * the millionth release as at the tenth.
 *
 * <p>It keeps the Pareto staircase of (value, date): an entry is on it unless another has at least its
 * value and no later date. Along the staircase, dates rise with value, so the answer is the date of
 * the first step at or above the level. Adding updates the staircase in amortised O(log n); removing a
 * step (a correction or deletion, rare) marks it stale, and the next query rebuilds it from the set.
 */
final class ReachSet<T> {

    private final SortedChunks<T> set;
    private final ToDoubleFunction<T> value;
    private final Function<T, LocalDate> date;
    private final TreeMap<Double, LocalDate> staircase = new TreeMap<>();
    private boolean stale;

    /** @param order sorts by {@code value} first (ascending), then breaks ties */
    ReachSet(Comparator<T> order, ToDoubleFunction<T> value, Function<T, LocalDate> date) {
        this.set = new SortedChunks<>(order, value, true);
        this.value = value;
        this.date = date;
    }

    void add(T t) {
        if (set.add(t) && !stale) {
            step(value.applyAsDouble(t), date.apply(t));
        }
    }

    /** Removes an entry; false when it was not there. */
    boolean remove(T t) {
        if (!set.remove(t)) {
            return false;
        }
        if (!stale) {
            LocalDate d = staircase.get(value.applyAsDouble(t));
            if (d != null && d.equals(date.apply(t))) {
                stale = true;
            }
        }
        return true;
    }

    /** Every entry, in the set's order (read-only). */
    java.util.Collection<T> values() {
        return java.util.Collections.unmodifiableCollection(set);
    }

    /** Every entry, largest first (read-only). */
    java.util.Collection<T> descending() {
        return set.descending();
    }

    boolean isEmpty() {
        return set.isEmpty();
    }

    T last() {
        return set.last();
    }

    int size() {
        return set.size();
    }

    /** The earliest date among entries whose value is at least {@code level}; null when none is. */
    LocalDate earliestAtOrAbove(double level) {
        if (stale) {
            staircase.clear();
            for (T t : set) {
                step(value.applyAsDouble(t), date.apply(t));
            }
            stale = false;
        }
        Map.Entry<Double, LocalDate> e = staircase.ceilingEntry(level);
        return e == null ? null : e.getValue();
    }

    private void step(double v, LocalDate d) {
        Map.Entry<Double, LocalDate> above = staircase.ceilingEntry(v);
        if (above != null && !above.getValue().isAfter(d)) {
            return;
        }
        // Steps at or below this value that are no earlier are now dominated.
        Map.Entry<Double, LocalDate> below = staircase.floorEntry(v);
        while (below != null && !below.getValue().isBefore(d)) {
            staircase.remove(below.getKey());
            below = staircase.lowerEntry(below.getKey());
        }
        staircase.put(v, d);
    }
}
