package dev.meektracker.core.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.Map;

/**
 * One gap between the frontier and meek or open models, emitted to {@code gap-estimates} when it changes.
 *
 * @param id          gap id: compute/open-vs-closed, benchmark/&lt;id&gt;/open-vs-closed, projection/&lt;tier&gt;
 * @param kind        compute, benchmark or projection
 * @param asOf        event time: the latest release or observation date the tracker has seen
 * @param value       the gap, in {@code unit}
 * @param unit        e.g. "orders of magnitude", "points", "nats/token"
 * @param low         lower end of the range, where a fit stands behind the value
 * @param high        upper end of the range
 * @param lagMonths   months from the date a closed model first reached what the best open model has
 *                    today, to {@code asOf}
 * @param details     further named quantities (leaders' values, projected dates, MMLU-equivalent points)
 * @param basis       how the value was obtained, for provenance
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GapEstimate(
        String id,
        String kind,
        LocalDate asOf,
        double value,
        String unit,
        Double low,
        Double high,
        Double lagMonths,
        Map<String, Object> details,
        String basis)
        implements TrackerEvent {

    public GapEstimate {
        details = OrderedMaps.copyOf(details);
    }

    @Override
    public String key() {
        return id;
    }

    @Override
    @JsonIgnore
    public LocalDate eventDate() {
        return asOf;
    }
}
