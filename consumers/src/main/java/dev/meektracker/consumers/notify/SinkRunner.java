package dev.meektracker.consumers.notify;

import dev.meektracker.consumers.alerts.GapAlert;
import dev.meektracker.consumers.metrics.MetricNames;
import dev.meektracker.core.serde.JsonSerde;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
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
 * pausing and starting again on the same alert. Deliveries pass a per-sink rate limiter.
 */
public final class SinkRunner implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SinkRunner.class);
    private static final JsonSerde<GapAlert> ALERTS = JsonSerde.of(GapAlert.class);

    private final Sink sink;
    private final String topic;
    private final Properties consumerProperties;
    private final NotifySettings settings;
    private final Retry retry;
    private final RateLimiter rateLimiter;
    private final Counter sent;
    private final Counter failedRejected;
    private final Counter failedUnavailable;
    private final Counter retries;
    private final Timer latency;
    private final MeterRegistry registry;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread thread;
    private KafkaClientMetrics clientMetrics;

    public SinkRunner(Sink sink, Properties clientProperties, String topic, String groupId, NotifySettings settings, MeterRegistry registry) {
        this.sink = sink;
        this.topic = topic;
        this.settings = settings;
        this.registry = registry;
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // A batch must be delivered within max.poll.interval.ms (5 min) at the sink's rate limit.
        p.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(Math.max(1, Math.min(100, settings.ratePerMinute()))));
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId);
        this.consumerProperties = p;
        this.sent = Counter.builder(MetricNames.ALERTS_SENT).tag("sink", sink.name())
                .description("alert transitions delivered to the sink").register(registry);
        this.failedRejected = Counter.builder(MetricNames.ALERTS_FAILED).tag("sink", sink.name()).tag("reason", "rejected")
                .description("alert deliveries that failed: rejected (the receiver refused it, skipped) or unavailable (retries used up, tried again)")
                .register(registry);
        this.failedUnavailable = Counter.builder(MetricNames.ALERTS_FAILED).tag("sink", sink.name()).tag("reason", "unavailable")
                .description("alert deliveries that failed: rejected (the receiver refused it, skipped) or unavailable (retries used up, tried again)")
                .register(registry);
        this.retries = Counter.builder(MetricNames.ALERTS_RETRIES).tag("sink", sink.name())
                .description("delivery attempts retried after a transient failure").register(registry);
        this.latency = Timer.builder(MetricNames.ALERTS_DELIVERY).tag("sink", sink.name())
                .description("time from an alert's record to its delivery").register(registry);
        this.retry = Retry.of(sink.name(), RetryConfig.<Void>custom()
                .maxAttempts(settings.attempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(settings.initialBackoff(), 2.0, 0.2, settings.maxBackoff()))
                .retryOnException(e -> e instanceof DeliveryException d && !d.permanent())
                .failAfterMaxAttempts(false)
                .build());
        retry.getEventPublisher().onRetry(e -> {
            retries.increment();
            LOG.warn("sink {}: attempt {} failed ({}), retrying in {} ms", sink.name(), e.getNumberOfRetryAttempts(),
                    e.getLastThrowable() == null ? "?" : e.getLastThrowable().getMessage(), e.getWaitInterval().toMillis());
        });
        this.rateLimiter = RateLimiter.of(sink.name(), RateLimiterConfig.custom()
                .limitForPeriod(settings.ratePerMinute())
                .limitRefreshPeriod(settings.ratePeriod())
                .timeoutDuration(Duration.ofMinutes(2))
                .build());
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
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerProperties, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer = c;
            if (!running) {
                return true;
            }
            clientMetrics = new KafkaClientMetrics(c);
            clientMetrics.bindTo(registry);
            restore(c);
            c.subscribe(List.of(topic));
            Instant nextTick = sink.tickInterval() == null ? null : Instant.now().plus(sink.tickInterval());
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
            LOG.error("sink {}: consumer failed ({}); starting again from the committed offsets in {} ms", sink.name(), e.toString(),
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
                } catch (org.apache.kafka.clients.consumer.CommitFailedException | org.apache.kafka.common.errors.RebalanceInProgressException e) {
                    // Delivered but not recorded: it may be delivered again after the rebalance, which
                    // at-least-once allows; the fingerprint lets receivers drop the repeat.
                    LOG.warn("sink {}: offset commit failed ({}); the last alert may be delivered again", sink.name(), e.getMessage());
                    break batch;
                }
            }
        }
        for (Map.Entry<TopicPartition, Long> e : next.entrySet()) {
            long end = records.records(e.getKey()).get(records.records(e.getKey()).size() - 1).offset() + 1;
            if (e.getValue() < end && c.assignment().contains(e.getKey())) {
                c.seek(e.getKey(), e.getValue());
            }
        }
        return delivered;
    }

    /** True when the record is done with (delivered, refused for good, or unreadable). */
    private boolean deliver(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) {
            return true;
        }
        GapAlert alert;
        try {
            alert = ALERTS.fromBytes(r.value());
        } catch (RuntimeException unreadable) {
            LOG.warn("sink {}: skipping unreadable alert at {}-{}@{}: {}", sink.name(), r.topic(), r.partition(), r.offset(),
                    unreadable.getMessage());
            failedRejected.increment();
            return true;
        }
        while (!rateLimiter.acquirePermission()) {
            if (!running) {
                return false;
            }
        }
        try {
            retry.executeCheckedSupplier(() -> {
                sink.deliver(alert);
                return null;
            });
            sent.increment();
            latency.record(Math.max(0, System.currentTimeMillis() - r.timestamp()), TimeUnit.MILLISECONDS);
            return true;
        } catch (DeliveryException e) {
            if (e.permanent()) {
                failedRejected.increment();
                LOG.error("sink {}: alert {} ({} {}) refused: {}; skipped", sink.name(), alert.fingerprint(), alert.labels().get("rule"),
                        alert.status(), e.getMessage());
                return true;
            }
            failedUnavailable.increment();
            LOG.error("sink {}: alert {} not delivered after {} attempts ({}); trying again in {} ms", sink.name(), alert.fingerprint(),
                    settings.attempts(), e.getMessage(), settings.pause().toMillis());
            return false;
        } catch (Throwable e) {
            failedUnavailable.increment();
            LOG.error("sink {}: alert {} failed: {}", sink.name(), alert.fingerprint(), e.toString());
            return false;
        }
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
        c.partitionsFor(topic, Duration.ofSeconds(30)).forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
        Map<TopicPartition, OffsetAndMetadata> committed = c.committed(new java.util.HashSet<>(partitions), Duration.ofSeconds(30));
        Map<TopicPartition, Long> until = new HashMap<>();
        committed.forEach((tp, om) -> {
            if (om != null && om.offset() > 0) {
                until.put(tp, om.offset());
            }
        });
        if (until.isEmpty()) {
            return;
        }
        Map<String, GapAlert> latest = new LinkedHashMap<>();
        c.assign(until.keySet());
        c.seekToBeginning(until.keySet());
        while (until.entrySet().stream().anyMatch(e -> c.position(e.getKey()) < e.getValue())) {
            for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                if (r.value() != null && r.offset() < until.get(tp)) {
                    try {
                        GapAlert a = ALERTS.fromBytes(r.value());
                        latest.put(a.fingerprint(), a);
                    } catch (RuntimeException unreadable) {
                        // Skipped here as in delivery.
                    }
                }
            }
        }
        c.unsubscribe();
        List<GapAlert> firing = latest.values().stream().filter(a -> "firing".equals(a.status())).toList();
        sink.restore(firing);
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
