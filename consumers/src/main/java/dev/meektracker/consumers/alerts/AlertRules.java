package dev.meektracker.consumers.alerts;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.meektracker.core.serde.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Loads alert rules from YAML or JSON ({@code rules: [...]}); the defaults ship in the jar. */
public final class AlertRules {

    public static final String DEFAULT_RESOURCE = "alerts/default-rules.yaml";
    private static final TypeReference<Map<String, List<AlertRule>>> DOC = new TypeReference<>() { };

    private AlertRules() {
    }

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
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, yaml);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read alert rules from " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<AlertRule> parse(InputStream in, boolean yaml) throws IOException {
        ObjectMapper mapper = yaml ? new ObjectMapper(new YAMLFactory()) : Json.MAPPER;
        Map<String, List<AlertRule>> doc = mapper.readValue(in, DOC);
        List<AlertRule> rules = doc.get("rules");
        if (rules == null || rules.isEmpty()) {
            throw new IllegalArgumentException("no rules: expected a top-level 'rules' list");
        }
        Set<String> ids = new HashSet<>();
        for (AlertRule r : rules) {
            if (!ids.add(r.id())) {
                throw new IllegalArgumentException("rule id '" + r.id() + "' appears twice");
            }
        }
        return List.copyOf(rules);
    }
}
