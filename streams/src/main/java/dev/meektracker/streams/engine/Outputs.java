package dev.meektracker.streams.engine;

import dev.meektracker.core.event.GapEstimate;
import dev.meektracker.core.event.ScalingFit;
import dev.meektracker.core.event.TrackerEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The engine's current outputs by id, and what changed since the last drain: an output that is
 * built again with the same value is not a change, so a flush publishes only what moved. An output
 * whose inputs are gone is retracted: dropped from the queryable state (the topic keeps its history).
 * Every output is kept as published, its numbers at nine significant digits ({@link Numbers#published}).
 */
final class Outputs {

    private final Map<String, ScalingFit> fits = new TreeMap<>();
    private final Map<String, GapEstimate> gaps = new TreeMap<>();
    private final List<TrackerEvent> changed = new ArrayList<>();
    private final List<String> retracted = new ArrayList<>();

    void emit(ScalingFit built) {
        ScalingFit f = Numbers.published(built);
        if (!f.equals(fits.put(f.id(), f))) {
            changed.add(f);
        }
    }

    void emit(GapEstimate built) {
        GapEstimate g = Numbers.published(built);
        if (!g.equals(gaps.put(g.id(), g))) {
            changed.add(g);
        }
    }

    void retract(String id) {
        if (fits.remove(id) != null || gaps.remove(id) != null) {
            retracted.add(id);
        }
    }

    ScalingFit fit(String id) {
        return fits.get(id);
    }

    Collection<ScalingFit> fits() {
        return fits.values();
    }

    Collection<GapEstimate> gaps() {
        return gaps.values();
    }

    /** The outputs whose value changed since the last call, in the order they were built. */
    List<TrackerEvent> drainChanged() {
        List<TrackerEvent> out = new ArrayList<>(changed);
        changed.clear();
        return out;
    }

    List<String> drainRetracted() {
        List<String> r = new ArrayList<>(retracted);
        retracted.clear();
        return r;
    }
}
