package dev.meektracker.consumers.alerts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * A transition of one rule on one gap, as written to {@code gap-alerts}: shaped after Alertmanager's
 * alerts (labels, annotations, startsAt, endsAt, fingerprint) so notifiers can pass it on as it is.
 *
 * @param fingerprint stable id of the (rule, gap) pair: the same for its firing and its resolution
 * @param status      firing or resolved
 * @param labels      alertname, rule, gap, severity
 * @param annotations summary and description, filled from the rule's templates
 * @param value       the compared value at the transition
 * @param asOf        event-time date of the gap estimate that caused the transition
 * @param startsAt    when it started firing (wall clock)
 * @param endsAt      when it resolved (wall clock), null while firing
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GapAlert(
        String fingerprint,
        String status,
        Map<String, String> labels,
        Map<String, String> annotations,
        Double value,
        LocalDate asOf,
        Instant startsAt,
        Instant endsAt) {}
