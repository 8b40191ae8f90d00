package dev.meektracker.streams;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters the topology keeps: events accepted per type, records dead-lettered per reason class,
 * outputs emitted per kind. Plain counters so the topology has no metrics dependency; the consumers'
 * Micrometer binding reads them.
 */
public final class TrackerMetrics {

    private final Map<String, LongAdder> accepted = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> deadLettered = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> emitted = new ConcurrentHashMap<>();
    private final LongAdder processed = new LongAdder();
    private volatile boolean pending;

    void pending(boolean p) {
        pending = p;
    }

    /** True while the engine holds deferred outputs (projections, sigmoid refits) not yet emitted. */
    public boolean deferredPending() {
        return pending;
    }

    void processed() {
        processed.increment();
    }

    /** Validated events the gap engine has taken (including duplicates it ignored). */
    public long processedCount() {
        return processed.sum();
    }

    public long acceptedCount() {
        return accepted.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long deadLetteredCount() {
        return deadLettered.values().stream().mapToLong(LongAdder::sum).sum();
    }

    void accepted(String type) {
        accepted.computeIfAbsent(type, k -> new LongAdder()).increment();
    }

    void deadLettered(String category) {
        deadLettered.computeIfAbsent(category, k -> new LongAdder()).increment();
    }

    void emitted(String kind) {
        emitted.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    public Map<String, Long> accepted() {
        return snapshot(accepted);
    }

    public Map<String, Long> deadLettered() {
        return snapshot(deadLettered);
    }

    public Map<String, Long> emitted() {
        return snapshot(emitted);
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> m) {
        Map<String, Long> s = new java.util.TreeMap<>();
        m.forEach((k, v) -> s.put(k, v.sum()));
        return s;
    }
}
