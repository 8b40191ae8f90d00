package dev.meektracker.consumers.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meektracker.broker.EmbeddedKafkaBroker;
import dev.meektracker.core.CommittedReader;
import dev.meektracker.core.config.Settings;
import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.core.event.GapEstimate;
import dev.meektracker.core.serde.JsonSerde;
import dev.meektracker.core.topic.TopicInstaller;
import dev.meektracker.core.topic.Topics;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/** Rules on a real broker with exactly-once, and a restart in the middle of the stream: no transition repeated or lost. */
class AlertRestartIT {

    private static final AlertRule RULE = new AlertRule(
            "compute-close",
            "compute/open-vs-closed",
            "value",
            "below",
            0.5,
            0.6,
            2,
            "warning",
            "{gap} at {value}",
            "");

    @Test
    void aRestartInTheMiddleNeitherRepeatsNorLosesATransition() throws Exception {
        // Below 0.5 twice in a row fires (dwell 2), above 0.6 resolves: firing at 0.4, resolved at 0.65, firing at
        // 0.45,
        // resolved at 0.8. The restart falls between 0.3 and 0.45, so the second firing needs the dwell streak
        // to survive it in the changelogged state.
        double[] values = {0.9, 0.45, 0.4, 0.55, 0.58, 0.65, 0.7, 0.3, 0.45, 0.55, 0.59, 0.8};
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker().start()) {
            String prefix = "alerts-" + UUID.randomUUID().toString().substring(0, 6) + ".";
            TrackerConfig c = TrackerConfig.defaults()
                    .with(Settings.BOOTSTRAP_SERVERS, broker.bootstrapServers())
                    .with(Settings.TOPIC_PREFIX, prefix)
                    .with(Settings.APPLICATION_ID, prefix + "tracker");
            Topics topics = new Topics(prefix, 1);
            try (Admin admin = Admin.create(c.clientProperties())) {
                TopicInstaller.ensure(admin, topics, (short) 1);
            }
            int half = 8;
            send(c, topics, values, 0, half);
            try (AlertEvaluatorApp first = new AlertEvaluatorApp(c, List.of(RULE)).start()) {
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> read(c, topics).size() >= 2);
                assertThat(first.state()).isEqualTo(KafkaStreams.State.RUNNING);
            }
            send(c, topics, values, half, values.length);
            try (AlertEvaluatorApp second = new AlertEvaluatorApp(c, List.of(RULE)).start()) {
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> read(c, topics).size() >= 4);
                Thread.sleep(1500);
            }
            List<GapAlert> alerts = read(c, topics);
            assertThat(alerts).extracting(GapAlert::status).containsExactly("firing", "resolved", "firing", "resolved");
            assertThat(alerts).extracting(GapAlert::value).containsExactly(0.4, 0.65, 0.45, 0.8);
            assertThat(alerts)
                    .extracting(GapAlert::fingerprint)
                    .containsOnly(alerts.get(0).fingerprint());
        }
    }

    private static void send(TrackerConfig c, Topics topics, double[] values, int from, int to) {
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(
                c.clientProperties(),
                new StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            for (int i = from; i < to; i++) {
                GapEstimate g = new GapEstimate(
                        "compute/open-vs-closed",
                        "compute",
                        LocalDate.of(2025, 1, 1).plusDays(i),
                        values[i],
                        "orders of magnitude",
                        null,
                        null,
                        1.0,
                        Map.of(),
                        "test");
                p.send(new ProducerRecord<>(
                        topics.gapEstimates().name(),
                        g.id(),
                        topics.gapEstimates()
                                .valueSerde()
                                .serializer()
                                .serialize(topics.gapEstimates().name(), g)));
            }
        }
    }

    private static List<GapAlert> read(TrackerConfig c, Topics topics) {
        return CommittedReader.read(
                c.clientProperties(),
                topics.gapAlerts().name(),
                JsonSerde.of(GapAlert.class).deserializer());
    }
}
