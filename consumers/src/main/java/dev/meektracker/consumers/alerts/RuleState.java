package dev.meektracker.consumers.alerts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * What one rule remembers about one gap between updates.
 *
 * @param firing     whether it is firing
 * @param streak     consecutive updates the firing condition has held (for dwell)
 * @param reference  the field's value when the rule last rested (moved-earlier) or its previous value (increased)
 * @param startsAt   when the current firing began
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleState(boolean firing, int streak, Double reference, Instant startsAt) {

    static final RuleState NEW = new RuleState(false, 0, null, null);
}
