package dev.meektracker.producers;

import dev.meektracker.core.event.InputEvent;
import dev.meektracker.core.event.InputType;
import dev.meektracker.core.topic.Topic;
import dev.meektracker.core.topic.Topics;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes events to their topics, keyed by stable id so that a corrected event is an upsert.
 * Idempotent with {@code acks=all}: a retried send is never written twice.
 */
public final class EventPublisher implements AutoCloseable {

    private final Topics topics;
    private final KafkaProducer<String, byte[]> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private long lastTimestamp;

    public EventPublisher(Properties clientProperties, Topics topics) {
        this.topics = topics;
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "10");
        p.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "meek-tracker-producer");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * Sends every event, in order.
     *
     * @param speedUp  null to send as fast as possible; otherwise one day of event time takes
     *                 86,400/speedUp seconds of wall time (events must then be in release order)
     * @param progress told the number sent after each event
     * @return events sent per topic
     */
    public Map<String, Integer> publish(List<? extends InputEvent> events, Double speedUp, IntConsumer progress)
            throws InterruptedException {
        Map<String, Integer> sent = new TreeMap<>();
        InputEvent previous = null;
        int count = 0;
        for (InputEvent e : events) {
            if (speedUp != null && previous != null) {
                long days = ChronoUnit.DAYS.between(previous.eventDate(), e.eventDate());
                if (days > 0) {
                    producer.flush();
                    Thread.sleep(Duration.ofSeconds(days * 86_400)
                            .dividedBy(Math.max(1, Math.round(speedUp)))
                            .toMillis());
                }
            }
            String topic = send(e);
            sent.merge(topic, 1, Integer::sum);
            previous = e;
            progress.accept(++count);
            throwIfFailed();
        }
        producer.flush();
        throwIfFailed();
        return sent;
    }

    /** Sends one event to its topic; returns the topic's name. */
    public String send(InputEvent e) {
        Topic<String, InputEvent> topic = topics.input(e.inputType());
        byte[] value = InputType.toBytes(e);
        // Strictly increasing timestamps: Kafka Streams takes records from its input topics in timestamp
        // order, so models, hardware and benchmarks are processed in the order they were published;
        // records sent within one millisecond would otherwise tie and interleave by chance.
        long timestamp = Math.max(System.currentTimeMillis(), lastTimestamp + 1);
        lastTimestamp = timestamp;
        producer.send(new ProducerRecord<>(topic.name(), null, timestamp, e.key(), value), (metadata, exception) -> {
            if (exception != null) {
                failure.compareAndSet(null, exception);
            }
        });
        return topic.name();
    }

    public void flush() {
        producer.flush();
        throwIfFailed();
    }

    private void throwIfFailed() {
        Exception f = failure.get();
        if (f != null) {
            throw new IllegalStateException("publishing failed: " + f.getMessage(), f);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
