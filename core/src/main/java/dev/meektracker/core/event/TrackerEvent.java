package dev.meektracker.core.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.LocalDate;

/**
 * Every record on the tracker's topics. The logical type name travels in the {@code _t} property
 * so the wire format never depends on Java class names.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "_t")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ModelRelease.class, name = "model-release"),
    @JsonSubTypes.Type(value = HardwarePrice.class, name = "hardware-price"),
    @JsonSubTypes.Type(value = BenchmarkResult.class, name = "benchmark-result"),
    @JsonSubTypes.Type(value = ScalingFit.class, name = "scaling-fit"),
    @JsonSubTypes.Type(value = GapEstimate.class, name = "gap-estimate"),
    @JsonSubTypes.Type(value = DeadLetter.class, name = "dead-letter")
})
public interface TrackerEvent {
    /** The stable key of this event on its topic. */
    String key();

    /** The event-time date the tracker orders this event by. */
    LocalDate eventDate();
}
