package dev.meektracker.core.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;

/**
 * One model's score on one benchmark. Scores often arrive long after a release, so they are events
 * of their own; each carries the model facts its source row states so the topology can compare open
 * and closed models and relate scores to compute without a join.
 *
 * @param modelId             stable id of the model (lower-case slug)
 * @param modelName           the model's display name
 * @param benchmarkId         lower-case slug of the benchmark; the Epoch Capabilities Index is {@code eci}
 * @param score               the score, on {@code scale}
 * @param scale               fraction, percent, elo, index or minutes
 * @param date                the model's release date (the date the score describes)
 * @param organization        developer(s), or null
 * @param weights             open, closed or unknown weights of the model
 * @param trainingComputeFlop the model's training compute in FLOP, or null
 * @param source              who published the score
 * @param provenance          where exactly this event came from
 * @param scoreStdErr         the score's standard error as its source states it, in the score's unit, or null
 * @param observedOn          the date the score was observed, where that is not the release date: a
 *                            leaderboard's snapshot date (its rating is as of then); null otherwise
 */
public record BenchmarkResult(
        String modelId,
        String modelName,
        String benchmarkId,
        Double score,
        ScoreScale scale,
        LocalDate date,
        String organization,
        Weights weights,
        Double trainingComputeFlop,
        String source,
        String provenance,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double scoreStdErr,
        @JsonInclude(JsonInclude.Include.NON_NULL) LocalDate observedOn)
        implements InputEvent {

    /** A result observed on its release date (no snapshot date). */
    public BenchmarkResult(
            String modelId,
            String modelName,
            String benchmarkId,
            Double score,
            ScoreScale scale,
            LocalDate date,
            String organization,
            Weights weights,
            Double trainingComputeFlop,
            String source,
            String provenance,
            Double scoreStdErr) {
        this(
                modelId,
                modelName,
                benchmarkId,
                score,
                scale,
                date,
                organization,
                weights,
                trainingComputeFlop,
                source,
                provenance,
                scoreStdErr,
                null);
    }

    /** A result whose source states no standard error. */
    public BenchmarkResult(
            String modelId,
            String modelName,
            String benchmarkId,
            Double score,
            ScoreScale scale,
            LocalDate date,
            String organization,
            Weights weights,
            Double trainingComputeFlop,
            String source,
            String provenance) {
        this(
                modelId,
                modelName,
                benchmarkId,
                score,
                scale,
                date,
                organization,
                weights,
                trainingComputeFlop,
                source,
                provenance,
                null);
    }

    @Override
    public BenchmarkResult withProvenance(String provenance) {
        return new BenchmarkResult(
                modelId,
                modelName,
                benchmarkId,
                score,
                scale,
                date,
                organization,
                weights,
                trainingComputeFlop,
                source,
                provenance,
                scoreStdErr,
                observedOn);
    }

    @Override
    @JsonIgnore
    public InputType inputType() {
        return InputType.BENCHMARK_RESULT;
    }

    /** The date this score stands as of: its snapshot's date where it has one and that is later, else its release date. */
    @JsonIgnore
    public LocalDate asOf() {
        return observedOn != null && observedOn.isAfter(date) ? observedOn : date;
    }

    /** The stable key: one score per benchmark and model; a corrected score replaces the old one. */
    @Override
    public String key() {
        return id(benchmarkId, modelId);
    }

    public static String id(String benchmarkId, String modelId) {
        return benchmarkId + "/" + modelId;
    }

    @Override
    @JsonIgnore
    public LocalDate eventDate() {
        return date;
    }
}
