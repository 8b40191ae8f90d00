package dev.meektracker.streams.engine;

import dev.meektracker.core.event.ModelRelease;
import dev.meektracker.core.event.Weights;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * What the engine keeps of a model release: the fields its outputs read, unboxed. The full record
 * (names, organisation, source wording, provenance, boxed figures) is several hundred bytes a model
 * and lives in the latest-items store, where the page and the API read it; a million models held
 * whole did not fit a long-running role's heap.
 *
 * <p>Small types on purpose: a Model is 32 bytes, not 40, and its id is held as its Latin-1 bytes
 * rather than as a String, whose own 24 bytes were 19 MB of a long-running role's heap at a million
 * models. Ids are slugs (lower-case ASCII), so the bytes are the characters, compare in the same
 * order as the Strings and hash to the same value.
 */
final class Model {

    private static final Weights[] WEIGHTS = Weights.values();

    private final byte[] id;
    private final double compute;
    private final int day;
    private final byte weightsOrdinal;
    private final byte confidence;
    /**
     * The trend fits this version's point is in, one bit a fit ({@link ComputeFrontier}). Mutable, and
     * outside equals: membership follows from the other models, not from the release. Kept here, in
     * a byte the object's 32 bytes had spare, rather than in a table of the fits' points by model,
     * which cost a lookup (a cache miss in a large table) at every model's change.
     */
    private byte inFits;

    /**
     * @param id             the model's stable id; every character below U+0100
     * @param compute        training compute in FLOP; NaN when unknown
     * @param day            release date, as an epoch day
     * @param weightsOrdinal open, closed or unknown weights, as the {@link Weights} ordinal
     * @param confidence     the source's confidence in the compute figure, as {@link EngineSettings#confidenceRank}
     */
    Model(String id, double compute, int day, byte weightsOrdinal, byte confidence) {
        this.id = latin1(id);
        this.compute = compute;
        this.day = day;
        this.weightsOrdinal = weightsOrdinal;
        this.confidence = confidence;
    }

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

    private static byte[] latin1(String id) {
        byte[] bytes = new byte[id.length()];
        for (int i = 0; i < bytes.length; i++) {
            char c = id.charAt(i);
            if (c > 0xFF) {
                // The validator lets only slugs through; a character outside Latin-1 would otherwise
                // be stored as '?' and two ids could become one.
                throw new IllegalArgumentException("a model id is a slug, not '" + id + "'");
            }
            bytes[i] = (byte) c;
        }
        return bytes;
    }

    /** The id, as a new String: for outputs, not for comparisons ({@link #hasId}, {@link #compareIds}). */
    String id() {
        return new String(id, StandardCharsets.ISO_8859_1);
    }

    /** Whether this is the model of {@code key}. */
    boolean hasId(String key) {
        if (key.length() != id.length) {
            return false;
        }
        for (int i = 0; i < id.length; i++) {
            if (key.charAt(i) != (char) (id[i] & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    /** The id's String.hashCode, without the String. */
    int idHash() {
        int h = 0;
        for (byte b : id) {
            h = 31 * h + (b & 0xFF);
        }
        return h;
    }

    boolean sameId(Model other) {
        return Arrays.equals(id, other.id);
    }

    /** The ids' order, as String.compareTo orders them. */
    static int compareIds(Model a, Model b) {
        return Arrays.compareUnsigned(a.id, b.id);
    }

    double compute() {
        return compute;
    }

    int day() {
        return day;
    }

    byte weightsOrdinal() {
        return weightsOrdinal;
    }

    byte confidence() {
        return confidence;
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

    /** Whether this version's point is in the fit of {@code bit}. */
    boolean inFit(int bit) {
        return (inFits & bit) != 0;
    }

    void setInFit(int bit, boolean in) {
        inFits = (byte) (in ? inFits | bit : inFits & ~bit);
    }

    /** Equal fields, the figure compared as a record compares a double (Double.compare). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Model m
                && Double.compare(compute, m.compute) == 0
                && day == m.day
                && weightsOrdinal == m.weightsOrdinal
                && confidence == m.confidence
                && Arrays.equals(id, m.id);
    }

    @Override
    public int hashCode() {
        int h = idHash();
        h = 31 * h + Double.hashCode(compute);
        h = 31 * h + day;
        h = 31 * h + weightsOrdinal;
        return 31 * h + confidence;
    }

    @Override
    public String toString() {
        return "Model[id=" + id() + ", compute=" + compute + ", day=" + day + ", weights=" + weights() + ", confidence="
                + confidence + "]";
    }
}
