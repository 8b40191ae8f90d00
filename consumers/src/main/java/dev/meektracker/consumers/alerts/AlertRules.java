package dev.meektracker.consumers.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.meektracker.core.event.OutputIds;
import dev.meektracker.core.serde.Json;
import dev.meektracker.core.serde.Reasons;
import dev.meektracker.core.serde.Yaml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Loads alert rules from YAML or JSON ({@code rules: [...]}); the defaults ship in the jar. A file
 * that is not shaped as documented, a rule with a key it does not know, a value of the wrong kind, a
 * gap pattern that no published gap could match or a template placeholder that does not exist is an
 * error naming the rule and the key, in words.
 */
public final class AlertRules {

    public static final String DEFAULT_RESOURCE = "alerts/default-rules.yaml";
    private static final List<String> KEYS = List.of(
            "id", "gap", "field", "comparison", "fire", "resolve", "dwell", "severity", "summary", "description");
    private static final List<String> NUMBERS = List.of("fire", "resolve");

    private AlertRules() {}

    public static List<AlertRule> defaults() {
        try (InputStream in = AlertRules.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the default alert rules are missing from the build");
            }
            return parse(in, true);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the default alert rules: " + e.getMessage(), e);
        }
    }

    public static List<AlertRule> load(Path file) {
        boolean yaml = !file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("alert rules in " + file + ": it is a directory, not a rules file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, yaml);
        } catch (IOException | RuntimeException e) {
            String why =
                    e instanceof JsonProcessingException j ? Reasons.of(j, yaml ? "YAML" : "JSON") : e.getMessage();
            throw new IllegalArgumentException("alert rules in " + file + ": " + why, e);
        }
    }

    private static List<AlertRule> parse(InputStream in, boolean yaml) throws IOException {
        JsonNode doc = yaml ? Yaml.read(in) : Json.MAPPER.readTree(in);
        if (doc == null || !doc.isObject() || !doc.has("rules")) {
            throw new IllegalArgumentException("expected a top-level 'rules' list");
        }
        for (Iterator<String> it = doc.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!k.equals("rules")) {
                throw new IllegalArgumentException("unknown top-level key '" + k + "': the file holds only 'rules'");
            }
        }
        JsonNode list = doc.get("rules");
        if (!list.isArray() || list.isEmpty()) {
            throw new IllegalArgumentException("'rules' must be a non-empty list of rules");
        }
        List<AlertRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int n = 0;
        for (JsonNode r : list) {
            n++;
            AlertRule rule = rule(r, n);
            if (!ids.add(rule.id())) {
                throw new IllegalArgumentException("rule id '" + rule.id() + "' appears twice");
            }
            rules.add(rule);
        }
        return List.copyOf(rules);
    }

    private static AlertRule rule(JsonNode r, int n) {
        String name = "rule " + n + (r.hasNonNull("id") ? " (" + r.get("id").asText() + ")" : "");
        if (!r.isObject()) {
            throw new IllegalArgumentException(name + ": expected a mapping of " + String.join(", ", KEYS));
        }
        for (Iterator<String> it = r.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException(
                        name + ": unknown key '" + k + "' (known: " + String.join(", ", KEYS) + ")");
            }
            JsonNode v = r.get(k);
            if (NUMBERS.contains(k) && !v.isNumber()) {
                throw new IllegalArgumentException(
                        name + ": '" + k + "' must be a number, not '" + Reasons.cut(v.asText()) + "'");
            }
            if (k.equals("dwell") && !v.canConvertToInt()) {
                throw new IllegalArgumentException(
                        name + ": 'dwell' must be a whole number of updates, not '" + Reasons.cut(v.asText()) + "'");
            }
            if (!NUMBERS.contains(k) && !k.equals("dwell") && !v.isTextual()) {
                throw new IllegalArgumentException(
                        name + ": '" + k + "' must be text, not '" + Reasons.cut(v.toString()) + "'");
            }
        }
        if (!r.has("fire") && !"increased".equals(r.path("comparison").asText())) {
            throw new IllegalArgumentException(name + ": 'fire' (the firing threshold) is required");
        }
        AlertRule rule;
        try {
            rule = new AlertRule(
                    text(r, "id"),
                    text(r, "gap"),
                    text(r, "field"),
                    text(r, "comparison"),
                    r.path("fire").asDouble(0),
                    r.hasNonNull("resolve") ? r.get("resolve").asDouble() : null,
                    r.hasNonNull("dwell") ? r.get("dwell").asInt() : null,
                    text(r, "severity"),
                    text(r, "summary"),
                    text(r, "description"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage().replaceFirst("^rule [^:]+: ", ""), e);
        }
        if (!OutputIds.gapPatternCanMatch(rule.gap())) {
            throw new IllegalArgumentException(
                    name + ": gap '" + rule.gap() + "' matches no gap the tracker publishes (ids are lower case: "
                            + String.join(", ", OutputIds.gapFamilyNames()) + "; * stands for one path segment)");
        }
        return rule;
    }

    private static String text(JsonNode r, String key) {
        return r.hasNonNull(key) ? r.get(key).asText() : null;
    }
}
