package dev.meektracker.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meektracker.broker.EmbeddedKafkaBroker;
import dev.meektracker.core.config.Settings;
import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.core.topic.TopicInstaller;
import dev.meektracker.core.topic.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The demo's end-of-replay check on a real broker: a transaction still open on an output topic keeps
 * the ends unsettled, so the report is not read while the last outputs are still being committed,
 * and the alert evaluator counts as caught up only with the settled end of gap-estimates behind it.
 */
class AlertProgressIT {

    @Test
    void endsSettleOnlyOnceTheLastTransactionIsComplete() throws Exception {
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker().start()) {
            TrackerConfig c = TrackerConfig.defaults()
                    .with(Settings.BOOTSTRAP_SERVERS, broker.bootstrapServers())
                    .with(Settings.APPLICATION_ID, "progress-it");
            Topics topics = new Topics("", 1);
            String estimates = topics.gapEstimates().name();
            TopicPartition partition = new TopicPartition(estimates, 0);
            try (Admin admin = Admin.create(c.clientProperties());
                    AlertProgress progress = new AlertProgress(c, topics);
                    KafkaProducer<String, String> producer = transactional(c)) {
                TopicInstaller.ensure(admin, topics, (short) 1);
                assertThat(progress.settledEnds(List.of(estimates))).containsEntry(partition, 0L);
                assertThat(progress.caughtUp()).isTrue();

                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(estimates, "compute/open-vs-closed", "{}"))
                        .get();
                // Written, not committed: the stable end stays at 0 and nothing is settled.
                assertThat(progress.stableEnds(List.of(estimates))).containsEntry(partition, 0L);
                assertThat(progress.settledEnds(List.of(estimates))).isNull();
                assertThat(progress.caughtUp()).isFalse();

                producer.commitTransaction();
                // The record and its commit marker: offset 2.
                await().atMost(Duration.ofSeconds(30))
                        .untilAsserted(() -> assertThat(progress.settledEnds(List.of(estimates)))
                                .containsEntry(partition, 2L));
                // Settled, but the evaluator's group has not read it: not caught up.
                assertThat(progress.caughtUp()).isFalse();
                admin.alterConsumerGroupOffsets(
                                c.applicationId() + "-alerts", Map.of(partition, new OffsetAndMetadata(2)))
                        .all()
                        .get();
                assertThat(progress.caughtUp()).isTrue();
            }
        }
    }

    private static KafkaProducer<String, String> transactional(TrackerConfig c) {
        Properties p = new Properties();
        p.putAll(c.clientProperties());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "progress-it-tx");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }
}
