package dev.meektracker.consumers.alerts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * What one rule remembers about one gap between updates.
 *
 * @param firing     whether it is firing
 * @param streak     consecutive updates the firing condition has held (for dwell)
 * @param reference  the field's value when the rule last rested (moved-earlier) or its previous value (increased)
 * @param startsAt   when the current firing began
 * @param firedWith  the estimate's details when the current firing began, so that an occurrence closed
 *                   by the next one (a record after a record) still names what it was about
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleState(boolean firing, int streak, Double reference, Instant startsAt, Map<String, Object> firedWith) {

    static final RuleState NEW = new RuleState(false, 0, null, null);

    RuleState(boolean firing, int streak, Double reference, Instant startsAt) {
        this(firing, streak, reference, startsAt, null);
    }

    RuleState firedWith(Map<String, Object> details) {
        return new RuleState(firing, streak, reference, startsAt, details);
    }
}
