package dev.meektracker.core.event;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * An event that enters the tracker from outside: a model release, a hardware price or a benchmark
 * result. Each is an item with a stable id on its own compacted topic; {@link InputType} is the one
 * place that knows each kind's wire name, class, topic and key.
 */
public sealed interface InputEvent extends TrackerEvent permits ModelRelease, HardwarePrice, BenchmarkResult {

    /** Which of the three kinds this is. */
    @JsonIgnore
    InputType inputType();

    /** Who published the facts (a paper, a vendor's page, a dataset and its licence). */
    String source();

    /** Where exactly this event came from (file and line, or URL). */
    String provenance();

    /** The same event with another provenance (the watcher names the source revision it came from). */
    InputEvent withProvenance(String provenance);
}
