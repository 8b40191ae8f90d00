package dev.meektracker.consumers;

import dev.meektracker.consumers.alerts.GapAlert;
import dev.meektracker.core.event.GapEstimate;
import dev.meektracker.core.event.ScalingFit;
import dev.meektracker.core.serde.JsonSerde;
import dev.meektracker.core.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code scaling-fits}, {@code gap-estimates} and {@code gap-alerts} with {@code read_committed}, so only outputs
 * of committed exactly-once transactions are seen, keeps the latest of each id, and tells a listener
 * about every change. It feeds the demo's console output and its JSON report.
 */
public final class OutputCollector implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutputCollector.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Topics topics;
    private final Consumer<Object> listener;
    private final Map<String, ScalingFit> fits = new ConcurrentHashMap<>();
    private final Map<String, GapEstimate> gaps = new ConcurrentHashMap<>();
    private final List<GapAlert> alerts = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static final JsonSerde<GapAlert> ALERTS = JsonSerde.of(GapAlert.class);
    private volatile boolean running = true;
    private volatile boolean caughtUp;
    /** Each partition's next offset to read, as of the last poll. */
    private volatile Map<TopicPartition, Long> positions = Map.of();

    /**
     * @param listener told each new fit or gap, on the collector's thread
     */
    public OutputCollector(Properties clientProperties, Topics topics, Consumer<Object> listener) {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "meek-tracker-output-collector");
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        this.topics = topics;
        this.listener = listener;
    }

    @Override
    public void run() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String t : List.of(
                topics.scalingFits().name(),
                topics.gapEstimates().name(),
                topics.gapAlerts().name())) {
            consumer.partitionsFor(t, Duration.ofSeconds(30))
                    .forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        try {
            while (running) {
                var records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<String, byte[]> r : records) {
                    if (r.value() == null) {
                        continue;
                    }
                    try {
                        if (r.topic().equals(topics.gapAlerts().name())) {
                            GapAlert a = ALERTS.fromBytes(r.value());
                            alerts.add(a);
                            listener.accept(a);
                        } else if (r.topic().equals(topics.scalingFits().name())) {
                            ScalingFit f = topics.scalingFits()
                                    .valueSerde()
                                    .deserializer()
                                    .deserialize(r.topic(), r.value());
                            fits.put(f.id(), f);
                            listener.accept(f);
                        } else {
                            GapEstimate g = topics.gapEstimates()
                                    .valueSerde()
                                    .deserializer()
                                    .deserialize(r.topic(), r.value());
                            gaps.put(g.id(), g);
                            listener.accept(g);
                        }
                    } catch (RuntimeException bad) {
                        LOG.warn(
                                "skipping unreadable output {}-{}@{}: {}",
                                r.topic(),
                                r.partition(),
                                r.offset(),
                                bad.getMessage());
                    }
                }
                Map<TopicPartition, Long> read = new HashMap<>();
                for (TopicPartition tp : partitions) {
                    read.put(tp, consumer.position(tp));
                }
                positions = read;
                caughtUp = atEnd(partitions);
            }
        } catch (org.apache.kafka.common.errors.WakeupException stopping) {
            // close() woke the consumer up to stop.
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** With read_committed, the end offsets are the last stable offsets: nothing committed is left unread. */
    private boolean atEnd(List<TopicPartition> partitions) {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
        for (TopicPartition tp : partitions) {
            if (consumer.position(tp) < end.get(tp)) {
                return false;
            }
        }
        return true;
    }

    /** True once every committed output has been read (as of the last poll). */
    public boolean caughtUp() {
        return caughtUp;
    }

    /**
     * True once every record before the given offsets has been read (and given to the listener):
     * with {@code ends} read as last stable offsets after the outputs of interest were committed, the
     * collector holds them all.
     */
    public boolean reached(Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Long> read = positions;
        for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
            if (read.getOrDefault(e.getKey(), -1L) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    public Map<String, ScalingFit> fits() {
        return new TreeMap<>(fits);
    }

    public Map<String, GapEstimate> gaps() {
        return new TreeMap<>(gaps);
    }

    /** Every alert transition read, in order. */
    public List<GapAlert> alerts() {
        return List.copyOf(alerts);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
