package dev.meektracker.core.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A record the tracker could not use, with the reason, so nothing is lost silently.
 *
 * @param reason      why it was rejected, naming the field where one is at fault
 * @param category    short machine-readable reason class (deserialization, validation, processing)
 * @param sourceTopic the topic it came from
 * @param partition   its partition there
 * @param offset      its offset there
 * @param recordKey   its key, as text
 * @param payload     its value, as text (UTF-8, or base64 when not text)
 * @param rejectedAt  wall-clock time of rejection
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetter(
        String reason,
        String category,
        String sourceTopic,
        int partition,
        long offset,
        String recordKey,
        String payload,
        Instant rejectedAt)
        implements TrackerEvent {

    @Override
    public String key() {
        return sourceTopic + "-" + partition + "@" + offset;
    }

    @Override
    @JsonIgnore
    public LocalDate eventDate() {
        return LocalDate.ofInstant(rejectedAt, ZoneOffset.UTC);
    }
}
