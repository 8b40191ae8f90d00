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
 * @param weightsOrdinal open, closed or unknown weights, as the {@link Weights} ordinal
 * @param confidence the source's confidence in the compute figure, as {@link EngineSettings#confidenceRank}
 */
// Small types on purpose: with them a Model is 32 bytes, not 40 (a million of them in a long history).
record Model(String id, double compute, int day, byte weightsOrdinal, byte confidence) {

    private static final Weights[] WEIGHTS = Weights.values();

    static Model of(ModelRelease m) {
        return new Model(
                m.id(),
                m.hasCompute() ? m.trainingComputeFlop() : Double.NaN,
                Math.toIntExact(m.releaseDate().toEpochDay()),
                (byte) m.weights().ordinal(),
                (byte) EngineSettings.confidenceRank(m.computeConfidence()));
    }

    /** A key that sorts before every model of {@code day} in date order. */
    static Model probe(long day) {
        return new Model("", 0, Math.toIntExact(day), (byte) Weights.UNKNOWN.ordinal(), (byte) 0);
    }

    Weights weights() {
        return WEIGHTS[weightsOrdinal];
    }

    boolean hasCompute() {
        return !Double.isNaN(compute);
    }

    LocalDate date() {
        return LocalDate.ofEpochDay(day);
    }
}
