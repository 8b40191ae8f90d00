package dev.meektracker.core.event;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Unmodifiable copies of the maps inside events that keep their iteration order. {@code Map.copyOf}
 * iterates in an order salted per JVM, so the same event written by two processes (a restarted
 * streams role, a replay) gave JSON with its keys in another order: equal values, different bytes.
 */
final class OrderedMaps {

    private OrderedMaps() {}

    /** An unmodifiable copy in the source's order; empty for null. Null keys and values are refused, as by {@code Map.copyOf}. */
    static <K, V> Map<K, V> copyOf(Map<K, V> source) {
        if (source == null || source.isEmpty()) {
            return Map.of();
        }
        Map<K, V> copy = new LinkedHashMap<>(source.size() * 2);
        source.forEach(
                (k, v) -> copy.put(Objects.requireNonNull(k, "null key"), Objects.requireNonNull(v, "null value")));
        return Collections.unmodifiableMap(copy);
    }
}
