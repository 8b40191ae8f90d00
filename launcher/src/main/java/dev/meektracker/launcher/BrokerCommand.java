package dev.meektracker.launcher;

import dev.meektracker.broker.BrokerSecurity;
import dev.meektracker.broker.EmbeddedKafkaBroker;
import dev.meektracker.core.config.Settings;
import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.core.topic.TopicInstaller;
import dev.meektracker.core.topic.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "broker",
        header = "Run the embedded single-node KRaft broker alone, with the tracker's topics, until Ctrl-C.",
        mixinStandardHelpOptions = true,
        description = "Run the embedded single-node KRaft broker alone (with the tracker's topics) until Ctrl-C.")
final class BrokerCommand implements Callable<Integer> {

    @Option(
            names = "--port",
            defaultValue = "9092",
            description = "Client port on 127.0.0.1 (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(
            names = "--log-dir",
            paramLabel = "DIR",
            description = "Keep the broker's data here across runs (default: a temporary folder).")
    Path logDir;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX", description = "Prefix of the topics created.")
    String topicPrefix = "";

    @Option(
            names = "--secure",
            paramLabel = "DIR",
            description = {
                "Take SASL_SSL clients only (SCRAM-SHA-512 over TLS) with ACLs: makes a CA, the broker's",
                "certificate, one user per role with the ACLs it needs, and each role's client config",
                "(DIR/<command>.properties, for --config); kept in DIR for the next start."
            })
    Path secure;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--port must be from 1 to 65535 (or 0 for a free one), not " + port);
        }
        if (logDir != null && Files.exists(logDir) && !(Files.isDirectory(logDir) && Files.isWritable(logDir))) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--log-dir " + logDir + " is not a directory this user can write to");
        }
        if (logDir != null && !Files.exists(logDir)) {
            // Made here, so that a path that cannot be made is a clear error and not the broker's stack trace.
            try {
                Files.createDirectories(logDir);
            } catch (java.io.IOException e) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--log-dir " + logDir + " cannot be created"
                                + (e instanceof java.nio.file.AccessDeniedException ? ": permission denied" : ""));
            }
        }
        TrackerConfig config = TrackerConfig.load(null, System.getenv(), Map.of(Settings.TOPIC_PREFIX, topicPrefix));
        BrokerSecurity security = secure == null ? null : BrokerSecurity.inDirectory(secure.toAbsolutePath());
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(logDir, port, Map.of(), security).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            broker.close();
                            stopped.countDown();
                        },
                        "broker-shutdown"));
        Properties props = config.clientProperties();
        props.putAll(broker.clientProperties());
        try (Admin admin = Admin.create(props)) {
            TopicInstaller.ensure(admin, Topics.of(config), (short) 1);
            if (security != null) {
                SecureRoles.install(admin, config, secure, broker.bootstrapServers(), security);
                System.out.println("secured: SASL_SSL (SCRAM-SHA-512 over TLS) with ACLs; each role's client config is "
                        + secure.resolve("<command>.properties") + " (" + SecureRoles.files() + "), for --config");
            }
        }
        System.out.println("Kafka broker running at " + broker.bootstrapServers() + " (data in " + broker.logDir()
                + "); Ctrl-C stops it.");
        stopped.await();
        return 0;
    }
}
