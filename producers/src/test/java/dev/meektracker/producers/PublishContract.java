package dev.meektracker.producers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meektracker.core.event.BenchmarkResult;
import dev.meektracker.core.event.HardwarePrice;
import dev.meektracker.core.event.InputEvent;
import dev.meektracker.core.event.ModelRelease;
import dev.meektracker.core.topic.TopicInstaller;
import dev.meektracker.core.topic.Topics;
import dev.meektracker.core.validate.EventValidator;
import dev.meektracker.producers.importer.ImportResult;
import dev.meektracker.producers.importer.Inputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The producers against a real broker: publish the curated sample plus a file with bad rows and read
 * the topics back. Run by one subclass per broker (embedded KRaft here, Testcontainers where Docker is).
 */
abstract class PublishContract {

    /** Bootstrap servers of the broker under test. */
    abstract String bootstrapServers();

    @TempDir
    Path dir;

    @Test
    void exactlyTheValidEventsArriveKeyedByStableId() throws Exception {
        Path bad = dir.resolve("mixed.jsonl");
        Files.writeString(
                bad,
                String.join(
                        "\n",
                        "{\"id\":\"good-open\",\"name\":\"Good Open\",\"releaseDate\":\"2025-03-01\",\"weights\":\"open\",\"trainingComputeFlop\":2e24}",
                        "{\"id\":\"broken\",\"name\": ",
                        "{\"id\":\"nan\",\"name\":\"N\",\"releaseDate\":\"2024-01-01\",\"weights\":\"open\",\"trainingComputeFlop\":\"NaN\"}",
                        "{\"id\":\"future\",\"name\":\"F\",\"releaseDate\":\"2099-01-01\",\"weights\":\"closed\"}",
                        "",
                        "# a comment line",
                        "{\"id\":\"good-closed\",\"name\":\"Good Closed\",\"releaseDate\":\"2025-04-01\",\"weights\":\"closed\",\"trainingComputeFlop\":9e25}"));
        // A correction from a later file (within one file only the later line would be published).
        Path fix = dir.resolve("fix.jsonl");
        Files.writeString(
                fix,
                "{\"id\":\"good-open\",\"name\":\"Good Open v2\",\"releaseDate\":\"2025-03-01\",\"weights\":\"open\",\"trainingComputeFlop\":3e24}");
        Inputs inputs = new Inputs(EventValidator.systemDefault());
        ImportResult sample = inputs.readSample();
        ImportResult mixed = inputs.read(List.of(bad, fix), List.of(), List.of());
        assertThat(mixed.rejections())
                .extracting(r -> r.line() + " " + r.field())
                .containsExactly("2 row", "3 trainingComputeFlop", "4 releaseDate");

        String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        Topics topics = new Topics(prefix, 3);
        Properties client = new Properties();
        client.put("bootstrap.servers", bootstrapServers());
        try (Admin admin = Admin.create(client)) {
            TopicInstaller.ensure(admin, topics, (short) 1);
        }
        List<InputEvent> events = new ArrayList<>(sample.events());
        events.addAll(mixed.events());
        try (EventPublisher publisher = new EventPublisher(client, topics)) {
            Map<String, Integer> sent = publisher.publish(Inputs.inReleaseOrder(events), null, n -> {});
            assertThat(sent.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(events.size());
        }

        Map<String, List<ConsumerRecord<String, byte[]>>> read = readAll(client, topics, events.size());
        assertThat(read.values().stream().mapToInt(List::size).sum()).isEqualTo(events.size());
        List<ConsumerRecord<String, byte[]>> modelRecords =
                read.get(topics.modelReleases().name());
        assertThat(modelRecords).hasSize(sample.eventsOf(ModelRelease.class).size() + 3);
        assertThat(read.get(topics.hardwarePrices().name()))
                .hasSize(sample.eventsOf(HardwarePrice.class).size());
        assertThat(read.get(topics.benchmarkResults().name()))
                .hasSize(sample.eventsOf(BenchmarkResult.class).size());
        for (ConsumerRecord<String, byte[]> r : modelRecords) {
            ModelRelease m = topics.modelReleases().valueSerde().deserializer().deserialize(r.topic(), r.value());
            assertThat(r.key()).isEqualTo(m.id());
        }
        for (ConsumerRecord<String, byte[]> r :
                read.get(topics.benchmarkResults().name())) {
            BenchmarkResult b =
                    topics.benchmarkResults().valueSerde().deserializer().deserialize(r.topic(), r.value());
            assertThat(r.key()).isEqualTo(b.benchmarkId() + "/" + b.modelId());
        }
        // The same key always lands on the same partition, so the correction follows the original.
        List<ConsumerRecord<String, byte[]>> goodOpen =
                modelRecords.stream().filter(r -> r.key().equals("good-open")).toList();
        assertThat(goodOpen).hasSize(2);
        assertThat(goodOpen.get(0).partition()).isEqualTo(goodOpen.get(1).partition());
        assertThat(modelRecords)
                .noneMatch(r -> List.of("broken", "nan", "future").contains(r.key()));
    }

    private static Map<String, List<ConsumerRecord<String, byte[]>>> readAll(
            Properties client, Topics topics, int expected) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, List<ConsumerRecord<String, byte[]>>> byTopic = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(
                    topics.modelReleases().name(),
                    topics.hardwarePrices().name(),
                    topics.benchmarkResults().name()));
            long deadline = System.currentTimeMillis() + 60_000;
            int n = 0;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                    byTopic.computeIfAbsent(r.topic(), t -> new ArrayList<>()).add(r);
                    n++;
                }
                if (n >= expected) {
                    // One more poll: anything beyond the expected count would be a duplicate.
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
                        byTopic.computeIfAbsent(r.topic(), t -> new ArrayList<>())
                                .add(r);
                    }
                    break;
                }
            }
        }
        return byTopic;
    }
}
