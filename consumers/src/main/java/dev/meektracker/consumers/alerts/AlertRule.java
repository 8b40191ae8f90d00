package dev.meektracker.consumers.alerts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One alerting rule over gap estimates.
 *
 * @param id          stable rule id (part of every alert's fingerprint)
 * @param gap         gap id, or a pattern with {@code *} for one path segment (e.g. {@code benchmark/*\/open-vs-closed})
 * @param field       what to compare: {@code value}, {@code lagMonths}, or {@code details.<name>}
 * @param comparison  {@code below}, {@code above}, {@code moved-earlier-by-years} (a date field that jumped
 *                    earlier since the previous update), or {@code increased} (a new record of the field); the
 *                    last two resolve on the next update without such a jump
 * @param fire        the firing threshold (years for moved-earlier-by-years; ignored for increased)
 * @param resolve     the resolving threshold; the gap between the two is the hysteresis (default: fire)
 * @param dwell       consecutive updates the firing condition must hold before it fires (default 1)
 * @param severity    e.g. info, warning, critical
 * @param summary     template: {gap}, {value}, {fire}, {resolve}, {asOf}, {unit}, {rule}, {details.<name>}
 * @param description template, the same placeholders
 */
public record AlertRule(
        String id,
        String gap,
        String field,
        String comparison,
        double fire,
        Double resolve,
        Integer dwell,
        String severity,
        String summary,
        String description) {

    @JsonCreator
    public AlertRule(
            @JsonProperty("id") String id,
            @JsonProperty("gap") String gap,
            @JsonProperty("field") String field,
            @JsonProperty("comparison") String comparison,
            @JsonProperty("fire") double fire,
            @JsonProperty("resolve") Double resolve,
            @JsonProperty("dwell") Integer dwell,
            @JsonProperty("severity") String severity,
            @JsonProperty("summary") String summary,
            @JsonProperty("description") String description) {
        this.id = require(id, "id");
        this.gap = require(gap, "gap");
        this.field = field == null ? "value" : field;
        this.comparison = require(comparison, "comparison").toLowerCase(Locale.ROOT);
        this.fire = fire;
        this.resolve = resolve == null ? fire : resolve;
        this.dwell = dwell == null ? 1 : dwell;
        this.severity = severity == null ? "warning" : severity;
        this.summary = summary == null ? "{rule}: {gap} {value}" : summary;
        this.description = description == null ? "" : description;
        switch (this.comparison) {
            case "below" -> check(this.resolve >= fire, "resolve must be at or above fire for 'below' (hysteresis)");
            case "above" -> check(this.resolve <= fire, "resolve must be at or below fire for 'above' (hysteresis)");
            case "moved-earlier-by-years" ->
                check(this.resolve <= fire && fire > 0, "fire must be positive years and resolve at most fire");
            case "increased" -> {}
            default ->
                throw new IllegalArgumentException(
                        "rule " + id + ": comparison must be below, above, moved-earlier-by-years or increased, not '"
                                + comparison + "'");
        }
        check(this.dwell >= 1, "dwell must be at least 1");
        checkPlaceholders("summary", this.summary);
        checkPlaceholders("description", this.description);
        check(
                this.field.equals("value") || this.field.equals("lagMonths") || this.field.startsWith("details."),
                "field must be value, lagMonths or details.<name>");
    }

    /** True when this rule watches the gap with this id. */
    public boolean matches(String gapId) {
        String regex = Pattern.quote(gap).replace("*", "\\E[^/]+\\Q");
        return gapId.matches(regex);
    }

    /** The placeholders a template may use besides {@code {details.<name>}}. */
    public static final List<String> PLACEHOLDERS = List.of("gap", "value", "fire", "resolve", "asOf", "unit", "rule");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

    private void checkPlaceholders(String template, String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            String name = m.group(1);
            boolean detail = name.matches("details\\.[A-Za-z0-9_]+");
            check(
                    detail || PLACEHOLDERS.contains(name),
                    template + " uses the unknown placeholder {" + name + "}; known: {"
                            + String.join("}, {", PLACEHOLDERS) + "} and {details.<name>}");
        }
    }

    private void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("rule " + id + ": " + message);
        }
    }

    private static String require(String v, String name) {
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("every alert rule needs '" + name + "'");
        }
        return v;
    }
}
