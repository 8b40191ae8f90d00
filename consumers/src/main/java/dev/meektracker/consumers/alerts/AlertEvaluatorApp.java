package dev.meektracker.consumers.alerts;

import dev.meektracker.core.config.TempDirectories;
import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.core.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;

/** Runs the alert topology as its own exactly-once application ({@code <meek.application.id>-alerts}). */
public final class AlertEvaluatorApp implements AutoCloseable {

    private final KafkaStreams streams;
    /** The state directory, always a temporary one: deleted on close. */
    private final Path temporaryStateDir;

    public AlertEvaluatorApp(TrackerConfig config, List<AlertRule> rules) {
        Properties p = config.streamsProperties(config.applicationId() + "-alerts", "");
        // Always temporary: the evaluator's state (rule states) is restored from its changelog.
        this.temporaryStateDir = Path.of(p.getProperty("state.dir"));
        Topics topics = Topics.of(config);
        streams = new KafkaStreams(AlertTopology.build(topics, rules), p);
    }

    public AlertEvaluatorApp start() {
        streams.start();
        return this;
    }

    /** The underlying application, for metrics binders. */
    public KafkaStreams streams() {
        return streams;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public void close() {
        // Leave the group on a clean stop: Kafka Streams stays by default, so a replacement instance
        // would wait out session.timeout.ms (45 s) before it got the partitions.
        streams.close(org.apache.kafka.streams.CloseOptions.groupMembershipOperation(
                        org.apache.kafka.streams.CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
        TempDirectories.deleteQuietly(temporaryStateDir);
    }
}
