package dev.meektracker.streams.engine;

import dev.meektracker.core.event.ModelRelease;
import dev.meektracker.core.event.Weights;
import java.time.LocalDate;

/**
 * What the engine keeps of a model release: the fields its outputs read, unboxed. The full record
 * (names, organisation, source wording, provenance, boxed figures) is several hundred bytes a model
 * and lives in the latest-items store, where the page and the API read it; a million models held
 * whole did not fit a long-running role's heap.
 *
 * @param id         the model's stable id
 * @param compute    training compute in FLOP; NaN when unknown
 * @param day        release date, as an epoch day
 * @param weights    open, closed or unknown weights
 * @param confidence the source's confidence in the compute figure, as {@link EngineSettings#confidenceRank}
 */
record Model(String id, double compute, long day, Weights weights, byte confidence) {

    static Model of(ModelRelease m) {
        return new Model(
                m.id(),
                m.hasCompute() ? m.trainingComputeFlop() : Double.NaN,
                m.releaseDate().toEpochDay(),
                m.weights(),
                (byte) EngineSettings.confidenceRank(m.computeConfidence()));
    }

    /** A key that sorts before every model of {@code day} in date order. */
    static Model probe(long day) {
        return new Model("", 0, day, Weights.UNKNOWN, (byte) 0);
    }

    boolean hasCompute() {
        return !Double.isNaN(compute);
    }

    LocalDate date() {
        return LocalDate.ofEpochDay(day);
    }
}
