package dev.meektracker.streams.page;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meektracker.core.serde.Json;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A topic of JSON records read for the query API and the page: the committed records from the
 * topic's start, without a consumer group (it only reads; nobody else's offsets move). It keeps the
 * newest {@value #CAPACITY} records and the latest record per key: memory is bounded whatever the
 * topic holds. A record that is not JSON is skipped. Used for the alert transitions (gap-alerts) and
 * the source revisions (source-revisions).
 */
public final class TopicTail implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicTail.class);
    static final int CAPACITY = 10_000;

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final Deque<JsonNode> transitions = new ArrayDeque<>();
    private final java.util.Map<String, JsonNode> latest = new java.util.TreeMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    public TopicTail(Properties clientProperties, String topic) {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "meek-tracker-tail-" + topic);
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        this.thread = new Thread(this::run, "tail-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            List<TopicPartition> partitions = List.of();
            while (running.get()) {
                if (partitions.isEmpty()) {
                    // The topic may not exist yet when the query API starts before the evaluator.
                    partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                            .map(pi -> new TopicPartition(pi.topic(), pi.partition()))
                            .toList();
                    if (partitions.isEmpty()) {
                        Thread.sleep(1000);
                        continue;
                    }
                    consumer.assign(partitions);
                    consumer.seekToBeginning(partitions);
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    add(r.key(), r.value());
                }
            }
        } catch (WakeupException | InterruptedException stopping) {
            // close() asked the loop to end.
        } catch (RuntimeException e) {
            LOG.warn("stopped reading {} for the query API: {}", topic, e.toString());
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void add(String key, byte[] value) {
        if (value == null) {
            return;
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(value);
        } catch (java.io.IOException notJson) {
            return;
        }
        synchronized (transitions) {
            transitions.addLast(node);
            if (key != null) {
                latest.put(key, node);
            }
            if (transitions.size() > CAPACITY) {
                transitions.removeFirst();
            }
        }
    }

    /** The latest record of each key, by key. */
    public List<JsonNode> latestByKey() {
        synchronized (transitions) {
            return new ArrayList<>(latest.values());
        }
    }

    /** The records read so far, oldest first. */
    public List<JsonNode> records() {
        synchronized (transitions) {
            return new ArrayList<>(transitions);
        }
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
