package dev.meektracker.launcher;

import dev.meektracker.broker.EmbeddedKafkaBroker;
import dev.meektracker.core.config.Settings;
import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.core.topic.TopicInstaller;
import dev.meektracker.core.topic.Topics;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "broker",
        header = "Run the embedded single-node KRaft broker alone, with the tracker's topics, until Ctrl-C.",
        mixinStandardHelpOptions = true,
        description = "Run the embedded single-node KRaft broker alone (with the tracker's topics) until Ctrl-C.")
final class BrokerCommand implements Callable<Integer> {

    @Option(
            names = "--port",
            defaultValue = "9092",
            description = "Client port on 127.0.0.1 (default ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--log-dir",
            paramLabel = "DIR",
            description = "Keep the broker's data here across runs (default: a temporary folder).")
    Path logDir;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX", description = "Prefix of the topics created.")
    String topicPrefix = "";

    @Override
    public Integer call() throws Exception {
        TrackerConfig config = TrackerConfig.load(null, System.getenv(), Map.of(Settings.TOPIC_PREFIX, topicPrefix));
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(logDir, port, Map.of()).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            broker.close();
                            stopped.countDown();
                        },
                        "broker-shutdown"));
        Properties props = config.clientProperties();
        props.put("bootstrap.servers", broker.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            TopicInstaller.ensure(admin, Topics.of(config), (short) 1);
        }
        System.out.println("Kafka broker running at " + broker.bootstrapServers() + " (data in " + broker.logDir()
                + "); Ctrl-C stops it.");
        stopped.await();
        return 0;
    }
}
