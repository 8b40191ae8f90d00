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
import org.apache.kafka.streams.StreamsConfig;

/**
 * The exactly-once limit of this broker for the tracker's work, without the tracker: a transactional
 * loop that reads each record read_committed and writes one changelog record and one output-sized
 * record per input in the transaction, with the consumed offsets, committing every 100 ms (the
 * topology's commit interval). What the topology does beyond this is its own cost.
 */
public final class PassThroughBench {

    /** What the loop writes, and with which producer settings. */
    public enum Writes {
        /**
         * What the topology writes, the way it writes it: the producer settings Kafka Streams gives the
         * topology's own producer (its defaults for exactly-once, with the tracker's configuration on
         * top, so {@code producer.*} settings apply to both), the input's own bytes as the changelog
         * record (the latest-items store keeps the raw input) and 700 bytes of them as the output.
         */
        LIKE_TOPOLOGY,
        /**
         * Zero-filled 350- and 700-byte values compressed with lz4, as the loop was first built: lz4
         * shrinks them to almost nothing, so the broker stores a few bytes a record where the
         * topology's producer sends its records' real bytes. Kept to compare with earlier figures.
         */
        ZEROS_LZ4
    }

    private static final int OUTPUT_BYTES = 700;

    private PassThroughBench() {}

    /** Events per second from the first record read to the last committed. */
    public static double run(TrackerConfig c, List<ProducerRecord<String, byte[]>> records, Writes writes)
            throws Exception {
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
        Properties tx = producerSettings(c, writes, base);
        Properties cons = c.clientProperties();
        cons.put(ConsumerConfig.GROUP_ID_CONFIG, base);
        cons.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        cons.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        cons.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        cons.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
        byte[] changelogValue = new byte[350];
        byte[] outputValue = new byte[OUTPUT_BYTES];
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
                    if (writes == Writes.LIKE_TOPOLOGY) {
                        producer.send(new ProducerRecord<>(changelog, r.key(), r.value()));
                        producer.send(new ProducerRecord<>(out, r.key(), outputOf(r.value())));
                    } else {
                        producer.send(new ProducerRecord<>(changelog, r.key(), changelogValue));
                        producer.send(new ProducerRecord<>(out, r.key(), outputValue));
                    }
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

    /** The loop's transactional producer's settings. */
    static Properties producerSettings(TrackerConfig c, Writes writes, String base) {
        Properties tx = new Properties();
        if (writes == Writes.LIKE_TOPOLOGY) {
            // The state directory is named so that building the configuration creates none.
            tx.putAll(new StreamsConfig(c.streamsProperties(base, System.getProperty("java.io.tmpdir")))
                    .getProducerConfigs(base + "-producer"));
        } else {
            tx.putAll(c.clientProperties());
            tx.put(ProducerConfig.LINGER_MS_CONFIG, "10");
            tx.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        }
        tx.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, base + "-tx");
        return tx;
    }

    /** An output-sized value made of the input's bytes, so that it compresses like the topology's JSON. */
    private static byte[] outputOf(byte[] input) {
        byte[] out = new byte[OUTPUT_BYTES];
        for (int i = 0; input.length > 0 && i < OUTPUT_BYTES; i += input.length) {
            System.arraycopy(input, 0, out, i, Math.min(input.length, OUTPUT_BYTES - i));
        }
        return out;
    }
}
