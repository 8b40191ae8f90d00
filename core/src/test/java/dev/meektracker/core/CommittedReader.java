package dev.meektracker.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads every committed record of a topic, for integration tests: assigned partitions, from the
 * beginning, up to the end offsets (with read_committed, the last stable offsets). Deterministic,
 * unlike stopping after a few empty polls, which can end before the first fetch under load.
 */
public final class CommittedReader {

    private CommittedReader() {}

    public static <T> List<T> read(Properties client, String topic, Deserializer<T> deserializer) {
        List<T> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : records(client, topic)) {
            if (r.value() != null) {
                out.add(deserializer.deserialize(topic, r.value()));
            }
        }
        return out;
    }

    /** Every committed record of the topic, tombstones included, in offset order per partition. */
    public static List<ConsumerRecord<String, byte[]>> records(Properties client, String topic) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 30_000;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
