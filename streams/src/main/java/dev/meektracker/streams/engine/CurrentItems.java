package dev.meektracker.streams.engine;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The current version of each item of one kind by stable id, and the latest date among them (the
 * as-of date of what they feed). A new version reaches its part's indices only when it differs from
 * the one held, so a duplicate costs a map lookup and changes nothing.
 */
final class CurrentItems<T> {

    private final Map<String, T> byId = new HashMap<>();
    private final DateCounts dates = new DateCounts();
    private final Function<T, LocalDate> date;

    CurrentItems(Function<T, LocalDate> date) {
        this.date = date;
    }

    boolean isCurrent(String id, T item) {
        return item.equals(byId.get(id));
    }

    /**
     * Holds {@code item} as the current version of {@code id}; when it differs from the one held,
     * tells {@code changed} the old version (null for a new id) and the new one.
     *
     * @return false when it was the version already held
     */
    boolean put(String id, T item, BiConsumer<T, T> changed) {
        T old = byId.put(id, item);
        if (item.equals(old)) {
            return false;
        }
        if (old != null) {
            dates.remove(date.apply(old));
        }
        dates.add(date.apply(item));
        changed.accept(old, item);
        return true;
    }

    /** Drops {@code id}, telling {@code removed} the version it held; false when there was none. */
    boolean remove(String id, Consumer<T> removed) {
        T old = byId.remove(id);
        if (old == null) {
            return false;
        }
        dates.remove(date.apply(old));
        removed.accept(old);
        return true;
    }

    T get(String id) {
        return byId.get(id);
    }

    Collection<T> values() {
        return byId.values();
    }

    /** The latest date among the current items, or null when there are none. */
    LocalDate last() {
        return dates.last();
    }
}
