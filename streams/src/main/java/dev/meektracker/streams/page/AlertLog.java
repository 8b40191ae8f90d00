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
 * The alert transitions for the page's timeline, read from the committed records of the gap-alerts
 * topic from its start, without a consumer group (the page only reads; nobody else's offsets move).
 * It keeps the newest {@value #CAPACITY} transitions: memory is bounded whatever the topic holds. A
 * record that is not JSON is skipped; the alert evaluator is the only writer.
 */
public final class AlertLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertLog.class);
    static final int CAPACITY = 10_000;

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final Deque<JsonNode> transitions = new ArrayDeque<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    public AlertLog(Properties clientProperties, String topic) {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "meek-tracker-page-alerts");
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        this.thread = new Thread(this::run, "page-alert-log");
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
                    add(r.value());
                }
            }
        } catch (WakeupException | InterruptedException stopping) {
            // close() asked the loop to end.
        } catch (RuntimeException e) {
            LOG.warn("the page's alert timeline stopped reading {}: {}", topic, e.toString());
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void add(byte[] value) {
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
            if (transitions.size() > CAPACITY) {
                transitions.removeFirst();
            }
        }
    }

    /** The transitions read so far, oldest first. */
    public List<JsonNode> transitions() {
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
