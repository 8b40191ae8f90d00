package dev.meektracker.consumers.notify;

import dev.meektracker.consumers.alerts.GapAlert;
import dev.meektracker.consumers.metrics.KafkaClientMeters;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers {@code gap-alerts} to one sink, at least once. The sink has its own consumer group, so its
 * position is its own: an offset is committed only after the sink took the alert (or refused it for
 * good), and a sink that is down holds only its own position, retrying with exponential backoff, then
 * pausing and starting again on the same alert. This class is the consume loop only: what happens to
 * one alert (rate limit, retries, meters) is the {@link DeliveryPolicy}'s.
 */
public final class SinkRunner implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SinkRunner.class);
    private final Sink sink;
    private final String topic;
    private final Properties consumerProperties;
    private final NotifySettings settings;
    private final DeliveryPolicy policy;
    private final MeterRegistry registry;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread thread;
    private KafkaClientMeters clientMetrics;

    public SinkRunner(
            Sink sink,
            Properties clientProperties,
            String topic,
            String groupId,
            NotifySettings settings,
            MeterRegistry registry) {
        this(sink, clientProperties, topic, groupId, settings, registry, DeliveredLog.none());
    }

    public SinkRunner(
            Sink sink,
            Properties clientProperties,
            String topic,
            String groupId,
            NotifySettings settings,
            MeterRegistry registry,
            DeliveredLog memory) {
        this.sink = sink;
        this.topic = topic;
        this.settings = settings;
        this.registry = registry;
        this.policy = new DeliveryPolicy(sink, settings, registry, memory);
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // A batch must be delivered within max.poll.interval.ms (5 min) at the sink's rate limit.
        p.putIfAbsent(
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                String.valueOf(Math.max(1, Math.min(100, settings.ratePerMinute()))));
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId);
        this.consumerProperties = p;
    }

    public Sink sink() {
        return sink;
    }

    /** Starts the runner on its own daemon thread. */
    public SinkRunner start() {
        Thread t = new Thread(this, "notify-" + sink.name());
        t.setDaemon(true);
        thread = t;
        t.start();
        return this;
    }

    /** Runs until closed; an unexpected failure restarts the consumer (from the committed offsets) after a pause. */
    @Override
    public void run() {
        while (running) {
            if (consume()) {
                return;
            }
            pause();
        }
    }

    /** One consumer's life; true when it ended because the runner was closed. */
    private boolean consume() {
        try (KafkaConsumer<String, byte[]> c =
                new KafkaConsumer<>(consumerProperties, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer = c;
            if (!running) {
                return true;
            }
            clientMetrics = KafkaClientMeters.bind(c::metrics, registry, Duration.ofSeconds(10));
            restore(c);
            c.subscribe(List.of(topic));
            Instant nextTick =
                    sink.tickInterval() == null ? null : Instant.now().plus(sink.tickInterval());
            while (running) {
                ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(100));
                if (!records.isEmpty() && !deliverAll(c, records)) {
                    pause();
                }
                if (nextTick != null && !Instant.now().isBefore(nextTick)) {
                    tick();
                    nextTick = Instant.now().plus(sink.tickInterval());
                }
            }
            return true;
        } catch (WakeupException stopping) {
            // close() woke the consumer up.
            return true;
        } catch (RuntimeException e) {
            if (!running) {
                return true;
            }
            LOG.error(
                    "sink {}: consumer failed ({}); starting again from the committed offsets in {} ms",
                    sink.name(),
                    e.toString(),
                    settings.pause().toMillis());
            return false;
        } finally {
            if (clientMetrics != null) {
                clientMetrics.close();
                clientMetrics = null;
            }
        }
    }

    /**
     * Delivers a batch partition by partition, committing after each alert. On any early exit (a
     * delivery failed for now, a commit lost to a rebalance, a stop) every partition of the batch is
     * rewound to its first undelivered alert, because poll() already moved past the whole batch.
     * Returns false when a delivery failed for now, so the runner pauses before trying it again.
     */
    private boolean deliverAll(KafkaConsumer<String, byte[]> c, ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, Long> next = new HashMap<>();
        for (TopicPartition tp : records.partitions()) {
            next.put(tp, records.records(tp).get(0).offset());
        }
        boolean delivered = true;
        batch:
        for (TopicPartition tp : records.partitions()) {
            for (ConsumerRecord<String, byte[]> r : records.records(tp)) {
                if (!running) {
                    break batch;
                }
                if (!deliver(r)) {
                    delivered = false;
                    break batch;
                }
                next.put(tp, r.offset() + 1);
                try {
                    c.commitSync(Map.of(tp, new OffsetAndMetadata(r.offset() + 1)));
                } catch (org.apache.kafka.clients.consumer.CommitFailedException
                        | org.apache.kafka.common.errors.RebalanceInProgressException e) {
                    // Delivered but not recorded: it may be delivered again after the rebalance, which
                    // at-least-once allows; the fingerprint lets receivers drop the repeat.
                    LOG.warn(
                            "sink {}: offset commit failed ({}); the last alert may be delivered again",
                            sink.name(),
                            e.getMessage());
                    break batch;
                }
            }
        }
        for (Map.Entry<TopicPartition, Long> e : next.entrySet()) {
            long end = records.records(e.getKey())
                            .get(records.records(e.getKey()).size() - 1)
                            .offset()
                    + 1;
            if (e.getValue() < end && c.assignment().contains(e.getKey())) {
                c.seek(e.getKey(), e.getValue());
            }
        }
        return delivered;
    }

    /** True when the record is done with (delivered, refused for good, or unreadable): its offset may be committed. */
    private boolean deliver(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) {
            return true;
        }
        DeliveryPolicy.Outcome outcome = policy.deliver(
                r.value(), r.topic() + "-" + r.partition() + "@" + r.offset(), r.timestamp(), () -> running);
        return outcome == DeliveryPolicy.Outcome.DELIVERED || outcome == DeliveryPolicy.Outcome.SKIPPED;
    }

    private void tick() {
        try {
            sink.tick(Instant.now());
        } catch (DeliveryException e) {
            LOG.warn("sink {}: periodic re-send failed ({}); next interval tries again", sink.name(), e.getMessage());
        }
    }

    /** Waits out the pause while still polling now and then would be wrong (it would advance); so sleep, interruptibly. */
    private void pause() {
        if (!running) {
            return;
        }
        try {
            Thread.sleep(settings.pause().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /**
     * Reads the topic from the beginning up to this group's committed offsets and hands the sink the
     * alerts still firing there: after a restart, Alertmanager keeps hearing about them.
     */
    private void restore(KafkaConsumer<String, byte[]> c) {
        if (sink.tickInterval() == null) {
            return;
        }
        List<TopicPartition> partitions = new ArrayList<>();
        c.partitionsFor(topic, Duration.ofSeconds(30))
                .forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
        Map<TopicPartition, OffsetAndMetadata> committed =
                c.committed(new java.util.HashSet<>(partitions), Duration.ofSeconds(30));
        Map<TopicPartition, Long> until = new HashMap<>();
        committed.forEach((tp, om) -> {
            if (om != null && om.offset() > 0) {
                until.put(tp, om.offset());
            }
        });
        if (until.isEmpty()) {
            return;
        }
        FiringAlerts history = new FiringAlerts();
        c.assign(until.keySet());
        c.seekToBeginning(until.keySet());
        while (until.entrySet().stream().anyMatch(e -> c.position(e.getKey()) < e.getValue())) {
            for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                if (r.offset() < until.get(new TopicPartition(r.topic(), r.partition()))) {
                    history.add(r.value());
                }
            }
        }
        c.unsubscribe();
        List<GapAlert> firing = history.firing();
        sink.restore(firing);
        if (history.unreadable() > 0) {
            LOG.warn(
                    "sink {}: {} records in {} before the restart were not alerts and were skipped",
                    sink.name(),
                    history.unreadable(),
                    topic);
        }
        LOG.info("sink {}: {} alerts still firing from before the restart", sink.name(), firing.size());
    }

    /**
     * Stops after the delivery in hand, committing it, so a clean stop repeats nothing; a runner stuck in
     * a backoff or pause is woken after a grace period (its alert was not delivered, so nothing is lost).
     */
    @Override
    public void close() {
        running = false;
        Thread t = thread;
        if (t == null) {
            return;
        }
        try {
            t.join(2_000);
            if (t.isAlive()) {
                KafkaConsumer<String, byte[]> c = consumer;
                if (c != null) {
                    c.wakeup();
                }
                t.interrupt();
                t.join(10_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
