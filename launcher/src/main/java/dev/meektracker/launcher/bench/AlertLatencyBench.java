package dev.meektracker.launcher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.meektracker.consumers.alerts.AlertEvaluatorApp;
import dev.meektracker.consumers.alerts.AlertRule;
import dev.meektracker.consumers.notify.Notifiers;
import dev.meektracker.core.config.Settings;
import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.core.event.GapEstimate;
import dev.meektracker.core.serde.Json;
import dev.meektracker.core.topic.TopicInstaller;
import dev.meektracker.core.topic.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Time from a gap estimate crossing a threshold (its send to gap-estimates) to a webhook receiving the
 * alert: the exactly-once alert evaluator, its transaction commit, the notifier's read_committed
 * consumer and an HTTP POST to a real receiver on loopback. Each crossing is a new gap, so each fires.
 */
public final class AlertLatencyBench {

    /** The latencies of the alerts measured, and how many crossings counted (the first tenth warms up). */
    public record Result(Latencies.Summary latency, int counted) {}

    private AlertLatencyBench() {}

    public static Result run(TrackerConfig base, int crossings, int perSecond) throws Exception {
        String prefix = "alert-bench-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        Map<String, Long> received = new ConcurrentHashMap<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", ex -> {
            try (ex;
                    InputStream in = ex.getRequestBody()) {
                long now = System.nanoTime();
                JsonNode body = Json.MAPPER.readTree(in.readAllBytes());
                for (JsonNode a : body.get("alerts")) {
                    received.putIfAbsent(a.at("/labels/gap").asText(), now);
                }
                ex.sendResponseHeaders(200, -1);
            }
        });
        receiver.start();
        TrackerConfig c = base.with(Settings.TOPIC_PREFIX, prefix)
                .with(Settings.APPLICATION_ID, prefix + "tracker")
                .with(Settings.NOTIFY_LOG, "false")
                .with(Settings.NOTIFY_RATE_PER_MINUTE, String.valueOf(Math.max(60, perSecond * 120)))
                .with(
                        Settings.NOTIFY_WEBHOOK_URL,
                        "http://127.0.0.1:" + receiver.getAddress().getPort() + "/alerts");
        Topics topics = TopicInstaller.install(c);
        AlertRule rule =
                new AlertRule("bench-crossing", "bench/*", "value", "below", 0.5, 0.6, 1, "info", "{gap} crossed", "");
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Properties p = c.clientProperties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        try (AlertEvaluatorApp evaluator = new AlertEvaluatorApp(c, List.of(rule)).start();
                Notifiers notifiers = Notifiers.start(c, Notifiers.sinks(c, line -> {}), new SimpleMeterRegistry());
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                        p, new StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (evaluator.state() != org.apache.kafka.streams.KafkaStreams.State.RUNNING
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            long interval = 1_000_000_000L / perSecond;
            long start = System.nanoTime();
            for (int i = 0; i < crossings; i++) {
                long wait = start + i * interval - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                String gap = "bench/g" + i;
                GapEstimate g = new GapEstimate(
                        gap, "bench", LocalDate.of(2025, 1, 1), 0.1, "nats/token", null, null, null, Map.of(), "bench");
                byte[] bytes = topics.gapEstimates()
                        .valueSerde()
                        .serializer()
                        .serialize(topics.gapEstimates().name(), g);
                sentAt.put(gap, System.nanoTime());
                producer.send(new ProducerRecord<>(topics.gapEstimates().name(), gap, bytes));
            }
            producer.flush();
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.size() < crossings && System.nanoTime() < until) {
                Thread.sleep(50);
            }
        } finally {
            receiver.stop(0);
        }
        Latencies latencies = new Latencies();
        // The first tenth warms the JIT, the transaction path and the HTTP client up.
        int skip = crossings / 10;
        for (int i = skip; i < crossings; i++) {
            Long r = received.get("bench/g" + i);
            if (r != null) {
                latencies.recordMillis((r - sentAt.get("bench/g" + i)) / 1e6);
            }
        }
        if (latencies.count() == 0) {
            throw new IllegalStateException("no alert reached the webhook");
        }
        return new Result(latencies.summary(), crossings - skip);
    }
}
