package dev.meektracker.launcher;

import dev.meektracker.core.config.TrackerConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The configuration sources every command shares, so that every command, {@code scenario} included,
 * reads the same settings: a properties file, the environment, then {@code -D} values. A key that is
 * neither a tracker setting nor a Kafka client property is an error.
 */
final class ConfigOptions {

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description =
                    "Properties file: meek.* tracker settings and standard Kafka client properties (security, SASL, ...).")
    Path configFile;

    @Option(
            names = {"-D", "--set"},
            paramLabel = "KEY=VALUE",
            description = "Any setting (meek.*) or Kafka client property, e.g. -D meek.law.parameter.set=paper-text.")
    Map<String, String> settings = new LinkedHashMap<>();

    /** The configuration with {@code overrides} applied after the -D values. */
    TrackerConfig load(Map<String, String> overrides) {
        Map<String, String> all = new LinkedHashMap<>(settings);
        all.putAll(overrides);
        return TrackerConfig.load(configFile, System.getenv(), all)
                .requireKnownClientProperties(KafkaProperties::isKnown);
    }
}
