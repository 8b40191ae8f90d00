package dev.meektracker.core.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.LocalDate;

/**
 * A model's release and the facts known about its training.
 *
 * @param id                  stable id (lower-case slug); publishing the same id again is an upsert
 * @param name                display name
 * @param organization        developer(s), comma-joined when several
 * @param releaseDate         publication or release date
 * @param accessibility       the source's own accessibility wording (e.g. Epoch's "Open weights (unrestricted)")
 * @param weights             open, closed or unknown weights, always explicit
 * @param trainingComputeFlop training compute in FLOP, or null when unknown
 * @param parameters          parameter count (total parameters for mixture-of-experts), or null
 * @param trainingTokens      training dataset size in tokens, or null
 * @param trainingCostUsd     training compute cost in USD, or null
 * @param computeConfidence   the source's confidence in the compute figure (Confident, Likely, Speculative, Unknown)
 * @param source              who published the facts (e.g. "Epoch AI, notable_ai_models.csv")
 * @param provenance          where exactly this event came from (file and line, or URL)
 */
public record ModelRelease(
        String id,
        String name,
        String organization,
        LocalDate releaseDate,
        String accessibility,
        Weights weights,
        Double trainingComputeFlop,
        Double parameters,
        Double trainingTokens,
        Double trainingCostUsd,
        String computeConfidence,
        String source,
        String provenance)
        implements InputEvent {

    @Override
    public ModelRelease withProvenance(String provenance) {
        return with(id, provenance);
    }

    /** The same release under another id (an importer qualifying an id two makers' models share). */
    public ModelRelease withId(String id) {
        return with(id, provenance);
    }

    private ModelRelease with(String id, String provenance) {
        return new ModelRelease(
                id,
                name,
                organization,
                releaseDate,
                accessibility,
                weights,
                trainingComputeFlop,
                parameters,
                trainingTokens,
                trainingCostUsd,
                computeConfidence,
                source,
                provenance);
    }

    @Override
    @JsonIgnore
    public InputType inputType() {
        return InputType.MODEL_RELEASE;
    }

    @Override
    public String key() {
        return id;
    }

    @Override
    @JsonIgnore
    public LocalDate eventDate() {
        return releaseDate;
    }

    @JsonIgnore
    public boolean hasCompute() {
        return trainingComputeFlop != null;
    }
}
