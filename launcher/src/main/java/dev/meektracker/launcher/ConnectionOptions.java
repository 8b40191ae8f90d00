package dev.meektracker.launcher;

import dev.meektracker.core.config.Settings;
import dev.meektracker.core.config.TrackerConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options every command that talks to Kafka shares; they override the config file and the environment. */
final class ConnectionOptions {

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT,...",
            description = "Join this Kafka cluster instead of starting the embedded broker.")
    String bootstrapServers;

    @Option(
            names = "--topic-prefix",
            paramLabel = "PREFIX",
            description = "Prefix of every topic name (meek.topic.prefix).")
    String topicPrefix;

    @Mixin
    ConfigOptions config = new ConfigOptions();

    TrackerConfig load() {
        Map<String, String> overrides = new LinkedHashMap<>();
        if (bootstrapServers != null) {
            overrides.put(Settings.BOOTSTRAP_SERVERS, bootstrapServers);
        }
        if (topicPrefix != null) {
            overrides.put(Settings.TOPIC_PREFIX, topicPrefix);
        }
        return config.load(overrides);
    }

    /** The configuration of a command that joins an existing cluster (no embedded broker). */
    TrackerConfig requireCluster(picocli.CommandLine.Model.CommandSpec spec) {
        TrackerConfig c = load();
        if (c.bootstrapServers().isEmpty()) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(),
                    "this command joins a Kafka cluster: give --bootstrap-servers "
                            + "(or meek.bootstrap.servers, MEEK_BOOTSTRAP_SERVERS); `demo` runs everything on an embedded broker");
        }
        // A wrong address, password or trust store: one clear line within seconds, not a minute of retries.
        BrokerCheck.require(c.clientProperties(), java.time.Duration.ofSeconds(10));
        return c;
    }
}
