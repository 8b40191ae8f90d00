package dev.meektracker.launcher.bench;

import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.core.event.InputEvent;
import dev.meektracker.core.event.InputType;
import dev.meektracker.core.topic.TopicInstaller;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The baseline: the same records (same bytes, same producer settings) through the broker with no processing. */
public final class RawBaselineBench {

    /** Events per second produced, consumed, and produced then consumed. */
    public record Rates(double produce, double consume, double produceThenConsume) {}

    private RawBaselineBench() {}

    /** The events as the records the producers send, keyed by id (the topic is set per run). */
    public static List<ProducerRecord<String, byte[]>> records(List<InputEvent> events) {
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>(events.size());
        for (InputEvent e : events) {
            out.add(new ProducerRecord<>("", e.key(), InputType.toBytes(e)));
        }
        return out;
    }

    public static Rates run(TrackerConfig c, List<ProducerRecord<String, byte[]>> records) throws Exception {
        String topic = "bench-raw-" + UUID.randomUUID();
        try (Admin admin = Admin.create(c.clientProperties())) {
            // The same partitioning as the input topics, so the baseline moves the same records the same way.
            admin.createTopics(List.of(new NewTopic(topic, c.topicPartitions(), (short) 1)))
                    .all()
                    .get();
        }
        TopicInstaller.awaitLeaders(c.clientProperties(), List.of(topic));
        Properties producer = c.clientProperties();
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        producer.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        long t0 = System.nanoTime();
        try (KafkaProducer<String, byte[]> p =
                new KafkaProducer<>(producer, new StringSerializer(), new ByteArraySerializer())) {
            for (ProducerRecord<String, byte[]> r : records) {
                p.send(new ProducerRecord<>(topic, r.key(), r.value()));
            }
            p.flush();
        }
        long t1 = System.nanoTime();
        Properties consumer = c.clientProperties();
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-raw-" + UUID.randomUUID());
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        long t2;
        int read = 0;
        try (KafkaConsumer<String, byte[]> k =
                new KafkaConsumer<>(consumer, new StringDeserializer(), new ByteArrayDeserializer())) {
            k.subscribe(List.of(topic));
            long start = System.nanoTime();
            while (read < records.size()) {
                read += k.poll(Duration.ofMillis(200)).count();
                if (System.nanoTime() - start > Duration.ofMinutes(5).toNanos()) {
                    throw new IllegalStateException("raw consume did not finish: " + read + " of " + records.size());
                }
            }
            t2 = System.nanoTime();
        }
        return new Rates(
                records.size() / ((t1 - t0) / 1e9),
                records.size() / ((t2 - t1) / 1e9),
                records.size() / ((t2 - t0) / 1e9));
    }
}
