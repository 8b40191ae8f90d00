package dev.meektracker.launcher.bench;

import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.core.topic.TopicInstaller;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The exactly-once limit of this broker for the tracker's work, without the tracker: a transactional
 * loop that reads each record read_committed and writes one changelog-sized and one output-sized
 * record per input in the transaction, with the consumed offsets, committing every 100 ms (the
 * topology's commit interval). What the topology does beyond this is its own cost.
 */
public final class PassThroughBench {

    private PassThroughBench() {}

    /** Events per second from the first record read to the last committed. */
    public static double run(TrackerConfig c, List<ProducerRecord<String, byte[]>> records) throws Exception {
        String base = "bench-pass-" + UUID.randomUUID().toString().substring(0, 8);
        String in = base + ".in";
        String changelog = base + ".changelog";
        String out = base + ".out";
        try (Admin admin = Admin.create(c.clientProperties())) {
            admin.createTopics(List.of(
                            new NewTopic(in, c.topicPartitions(), (short) 1),
                            new NewTopic(changelog, 1, (short) 1),
                            new NewTopic(out, 1, (short) 1)))
                    .all()
                    .get();
        }
        TopicInstaller.awaitLeaders(c.clientProperties(), List.of(in, changelog, out));
        Properties plain = c.clientProperties();
        plain.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        plain.put(ProducerConfig.ACKS_CONFIG, "all");
        plain.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        plain.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        try (KafkaProducer<String, byte[]> p =
                new KafkaProducer<>(plain, new StringSerializer(), new ByteArraySerializer())) {
            for (ProducerRecord<String, byte[]> r : records) {
                p.send(new ProducerRecord<>(in, r.key(), r.value()));
            }
            p.flush();
        }
        Properties tx = c.clientProperties();
        tx.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, base + "-tx");
        tx.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        tx.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        Properties cons = c.clientProperties();
        cons.put(ConsumerConfig.GROUP_ID_CONFIG, base);
        cons.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        cons.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        cons.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        cons.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
        byte[] changelogValue = new byte[350];
        byte[] outputValue = new byte[700];
        int done = 0;
        long first = 0;
        try (KafkaProducer<String, byte[]> producer =
                        new KafkaProducer<>(tx, new StringSerializer(), new ByteArraySerializer());
                KafkaConsumer<String, byte[]> consumer =
                        new KafkaConsumer<>(cons, new StringDeserializer(), new ByteArrayDeserializer())) {
            producer.initTransactions();
            consumer.subscribe(List.of(in));
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            long lastCommit = System.nanoTime();
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            producer.beginTransaction();
            while (done < records.size()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "the pass-through did not finish: " + done + " of " + records.size());
                }
                ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(50));
                for (ConsumerRecord<String, byte[]> r : batch) {
                    if (first == 0) {
                        first = System.nanoTime();
                    }
                    producer.send(new ProducerRecord<>(changelog, r.key(), changelogValue));
                    producer.send(new ProducerRecord<>(out, r.key(), outputValue));
                    offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
                    done++;
                }
                if (System.nanoTime() - lastCommit > 100_000_000L || done >= records.size()) {
                    producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
                    producer.commitTransaction();
                    offsets.clear();
                    lastCommit = System.nanoTime();
                    if (done < records.size()) {
                        producer.beginTransaction();
                    }
                }
            }
        }
        return records.size() / ((System.nanoTime() - first) / 1e9);
    }
}
