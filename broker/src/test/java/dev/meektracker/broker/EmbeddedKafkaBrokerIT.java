package dev.meektracker.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meektracker.core.topic.TopicInstaller;
import dev.meektracker.core.topic.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaBrokerIT {

    @Test
    void startsCreatesTopicsAndCarriesRecords() throws Exception {
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker().start();
                Admin admin =
                        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            Topics topics = new Topics("it.", 3);
            List<String> created = TopicInstaller.ensure(admin, topics, (short) 1);
            assertThat(created).hasSize(9).contains("it.model-releases", "it.tracker-dlq");
            assertThat(TopicInstaller.ensure(admin, topics, (short) 1)).isEmpty();
            TopicDescription d = admin.describeTopics(List.of("it.model-releases"))
                    .allTopicNames()
                    .get()
                    .get("it.model-releases");
            assertThat(d.partitions()).hasSize(3);
            String policy = admin.describeConfigs(
                            List.of(new ConfigResource(ConfigResource.Type.TOPIC, "it.model-releases")))
                    .all()
                    .get(10, TimeUnit.SECONDS)
                    .values()
                    .iterator()
                    .next()
                    .get("cleanup.policy")
                    .value();
            assertThat(policy).isEqualTo("compact");

            try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                    Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                    new StringSerializer(),
                    new StringSerializer())) {
                producer.send(new ProducerRecord<>("it.gap-alerts", "k", "hello"))
                        .get();
            }
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                    Map.of(
                            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            broker.bootstrapServers(),
                            ConsumerConfig.GROUP_ID_CONFIG,
                            "it",
                            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                            "earliest"),
                    new StringDeserializer(),
                    new StringDeserializer())) {
                consumer.subscribe(List.of("it.gap-alerts"));
                ConsumerRecords<String, String> records = ConsumerRecords.empty();
                long deadline = System.currentTimeMillis() + 30_000;
                while (records.isEmpty() && System.currentTimeMillis() < deadline) {
                    records = consumer.poll(Duration.ofMillis(500));
                }
                assertThat(records.count()).isEqualTo(1);
                assertThat(records.iterator().next().value()).isEqualTo("hello");
            }
        }
    }
}
