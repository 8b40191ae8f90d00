package dev.meektracker.launcher;

import dev.meektracker.core.config.TrackerConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every command that talks to Kafka shares; they override the config file and the environment. */
final class ConnectionOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...",
            description = "Join this Kafka cluster instead of starting the embedded broker.")
    String bootstrapServers;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file: meek.* tracker settings and standard Kafka client properties (security, SASL, ...).")
    Path configFile;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX", description = "Prefix of every topic name (meek.topic.prefix).")
    String topicPrefix;

    @Option(names = {"-D", "--set"}, paramLabel = "KEY=VALUE",
            description = "Any setting (meek.*) or Kafka client property, e.g. -D meek.law.alpha=0.155.")
    Map<String, String> settings = new LinkedHashMap<>();

    TrackerConfig load() {
        Map<String, String> overrides = new LinkedHashMap<>(settings);
        if (bootstrapServers != null) {
            overrides.put("meek.bootstrap.servers", bootstrapServers);
        }
        if (topicPrefix != null) {
            overrides.put("meek.topic.prefix", topicPrefix);
        }
        return TrackerConfig.load(configFile, System.getenv(), overrides);
    }

    /** The configuration of a command that joins an existing cluster (no embedded broker). */
    TrackerConfig requireCluster(picocli.CommandLine.Model.CommandSpec spec) {
        TrackerConfig c = load();
        if (c.bootstrapServers().isEmpty()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "this command joins a Kafka cluster: give --bootstrap-servers "
                    + "(or meek.bootstrap.servers, MEEK_BOOTSTRAP_SERVERS); `demo` runs everything on an embedded broker");
        }
        return c;
    }
}
