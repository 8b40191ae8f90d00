package dev.meektracker.launcher.bench;

import dev.meektracker.core.config.Settings;
import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.core.event.GapEstimate;
import dev.meektracker.core.event.ModelRelease;
import dev.meektracker.core.event.Weights;
import dev.meektracker.core.topic.Topic;
import dev.meektracker.core.topic.TopicInstaller;
import dev.meektracker.core.topic.Topics;
import dev.meektracker.producers.EventPublisher;
import dev.meektracker.streams.TrackerStreamsApp;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Latency from a model release to the gap estimate reflecting it: closed releases at a fixed rate,
 * each a new compute record so that it changes the compute gap, each timed from its send until the
 * gap estimate naming it (or a later release) is readable with read_committed.
 */
public final class ReleaseLatencyBench {

    private ReleaseLatencyBench() {}

    public static Latencies.Summary run(TrackerConfig base, int rate, int seconds) throws Exception {
        String prefix = "latency-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        TrackerConfig c = base.with(Settings.TOPIC_PREFIX, prefix).with(Settings.APPLICATION_ID, prefix + "tracker");
        Topics topics = TopicInstaller.install(c);
        ConcurrentSkipListMap<Integer, Long> sentAt = new ConcurrentSkipListMap<>();
        Latencies latencies = new Latencies();
        // The first two seconds (at most a tenth) warm the JIT and the transaction path up and are not counted.
        int total = rate * seconds;
        int skip = Math.min(total / 10, rate * 2);
        AtomicBoolean running = new AtomicBoolean(true);
        try (TrackerStreamsApp app = new TrackerStreamsApp(c).start()) {
            if (!app.awaitRunning(Duration.ofSeconds(60))) {
                throw new IllegalStateException("streams did not start");
            }
            Thread reader = new Thread(
                    () -> readGaps(c, topics.gapEstimates(), sentAt, skip, latencies, running), "bench-reader");
            reader.start();
            try (EventPublisher publisher = new EventPublisher(c.clientProperties(), topics)) {
                publisher.send(new ModelRelease(
                        "open-baseline",
                        "Open baseline",
                        null,
                        LocalDate.of(2020, 1, 1),
                        null,
                        Weights.OPEN,
                        1e20,
                        null,
                        null,
                        null,
                        null,
                        "bench",
                        "bench"));
                publisher.flush();
                Thread.sleep(2000);
                long intervalNanos = 1_000_000_000L / rate;
                long startNanos = System.nanoTime();
                // Dated in the current month up to today, as live releases are (a replay of history
                // publishes at its event-time checkpoints, meek.emit.idle.ms; live data on the
                // wall-clock intervals this measures), in date order over the month's days so far.
                LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
                for (int i = 0; i < total; i++) {
                    long wait = startNanos + i * intervalNanos - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    String id = "closed-" + i;
                    sentAt.put(i, System.nanoTime());
                    publisher.send(new ModelRelease(
                            id,
                            id,
                            null,
                            today.withDayOfMonth(1).plusDays((long) i * today.getDayOfMonth() / total),
                            null,
                            Weights.CLOSED,
                            1e21 * Math.pow(1.0001, i),
                            null,
                            null,
                            null,
                            null,
                            "bench",
                            "bench"));
                }
                publisher.flush();
            }
            long deadline = System.currentTimeMillis() + 30_000;
            while (latencies.count() < (total - skip) * 0.99 && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            running.set(false);
            reader.join(10_000);
        }
        return latencies.summary();
    }

    /**
     * Each release is a new compute record, so a gap estimate naming release k as the closed leader
     * reflects every release up to k: their latency ends when it is readable. Estimates are coalesced
     * per key (meek.emit.interval.ms), so most releases are reflected by a later one's estimate.
     */
    private static void readGaps(
            TrackerConfig c,
            Topic<String, GapEstimate> topic,
            ConcurrentSkipListMap<Integer, Long> sentAt,
            int skip,
            Latencies latencies,
            AtomicBoolean running) {
        Properties p = c.clientProperties();
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-latency-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(java.util.List.of(topic.name()));
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(20))) {
                    long now = System.nanoTime();
                    GapEstimate g = topic.valueSerde().deserializer().deserialize(r.topic(), r.value());
                    Object leader = g.details().get("closedLeader");
                    if (leader == null || !leader.toString().startsWith("closed-")) {
                        continue;
                    }
                    var reflected =
                            sentAt.headMap(Integer.parseInt(leader.toString().substring("closed-".length())), true);
                    reflected.forEach((i, sent) -> {
                        if (i >= skip) {
                            latencies.recordMillis((now - sent) / 1e6);
                        }
                    });
                    reflected.clear();
                }
            }
        }
    }
}
