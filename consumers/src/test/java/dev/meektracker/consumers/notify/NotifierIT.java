package dev.meektracker.consumers.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.meektracker.broker.EmbeddedKafkaBroker;
import dev.meektracker.consumers.alerts.GapAlert;
import dev.meektracker.consumers.metrics.MetricNames;
import dev.meektracker.core.config.Settings;
import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.core.serde.JsonSerde;
import dev.meektracker.core.topic.TopicInstaller;
import dev.meektracker.core.topic.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Notifiers on a real broker, delivering to real HTTP receivers on loopback. */
class NotifierIT {

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = new EmbeddedKafkaBroker().start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    private static TrackerConfig config(Map<String, String> settings) throws Exception {
        String prefix = "notify-" + UUID.randomUUID().toString().substring(0, 6) + ".";
        TrackerConfig c = TrackerConfig.defaults()
                .with(Settings.BOOTSTRAP_SERVERS, broker.bootstrapServers())
                .with(Settings.TOPIC_PREFIX, prefix)
                .with(Settings.APPLICATION_ID, prefix + "tracker")
                .with(Settings.NOTIFY_RETRY_INITIAL_MS, "20")
                .with(Settings.NOTIFY_RETRY_MAX_MS, "100")
                .with(Settings.NOTIFY_RETRY_PAUSE_MS, "300")
                .with(Settings.NOTIFY_LOG, "false");
        for (var e : settings.entrySet()) {
            c = c.with(e.getKey(), e.getValue());
        }
        try (Admin admin = Admin.create(c.clientProperties())) {
            TopicInstaller.ensure(admin, topics(c), (short) 1);
        }
        return c;
    }

    private static Topics topics(TrackerConfig c) {
        return new Topics(c.topicPrefix(), 1);
    }

    static GapAlert alert(String rule, String gap, String status, double value) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", rule);
        labels.put("rule", rule);
        labels.put("gap", gap);
        labels.put("severity", "warning");
        Instant start = Instant.parse("2026-11-23T10:00:00Z");
        return new GapAlert(
                Integer.toHexString((rule + gap).hashCode()) + "00000000".substring(0, 8),
                status,
                labels,
                Map.of("summary", rule + " on " + gap, "description", "value " + value),
                value,
                LocalDate.of(2025, 6, 1),
                start,
                "resolved".equals(status) ? start.plusSeconds(3600) : null);
    }

    static void send(TrackerConfig c, List<GapAlert> alerts) {
        JsonSerde<GapAlert> serde = JsonSerde.of(GapAlert.class);
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(
                c.clientProperties(),
                new StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            for (GapAlert a : alerts) {
                p.send(new ProducerRecord<>(
                        topics(c).gapAlerts().name(),
                        a.fingerprint(),
                        serde.serializer().serialize("", a)));
            }
        }
    }

    @Test
    void theWebhookGetsAlertmanagersPayloadAndIsRetriedUntilItAnswers() throws Exception {
        // The first two attempts fail (503), the third succeeds; then everything succeeds.
        try (RecordingReceiver receiver = new RecordingReceiver(n -> n <= 2 ? 503 : 200)) {
            TrackerConfig c = config(Map.of(
                    Settings.NOTIFY_WEBHOOK_URL,
                    receiver.url("/hooks/abc"),
                    "meek.notify.webhook.authorization",
                    "Bearer s3cret-token"));
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            GapAlert firing = alert("compute-gap-below-half-oom", "compute/open-vs-closed", "firing", 0.42);
            GapAlert resolved = alert("compute-gap-below-half-oom", "compute/open-vs-closed", "resolved", 0.65);
            send(c, List.of(firing, resolved));
            try (Notifiers n = Notifiers.start(c, Notifiers.sinks(c, line -> {}), registry)) {
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> receiver.accepted().size() == 2);
            }
            assertThat(receiver.requests())
                    .extracting(RecordingReceiver.Request::answered)
                    .containsExactly(503, 503, 200, 200);
            JsonNode first = receiver.accepted().get(0).body();
            assertThat(first.get("version").asText()).isEqualTo("4");
            assertThat(first.get("status").asText()).isEqualTo("firing");
            assertThat(first.get("receiver").asText()).isEqualTo("webhook");
            assertThat(first.get("groupKey").asText())
                    .isEqualTo("{}:{alertname=\"compute-gap-below-half-oom\", rule=\"compute-gap-below-half-oom\", "
                            + "gap=\"compute/open-vs-closed\"}");
            JsonNode a = first.get("alerts").get(0);
            assertThat(a.get("fingerprint").asText()).isEqualTo(firing.fingerprint());
            assertThat(a.get("labels").get("gap").asText()).isEqualTo("compute/open-vs-closed");
            assertThat(a.get("annotations").get("summary").asText())
                    .isEqualTo("compute-gap-below-half-oom on compute/open-vs-closed");
            assertThat(a.get("startsAt").asText()).isEqualTo("2026-11-23T10:00:00Z");
            assertThat(a.get("endsAt").asText()).isEqualTo("0001-01-01T00:00:00Z");
            assertThat(a.get("generatorURL").asText()).endsWith("/gaps/compute/open-vs-closed");
            JsonNode second = receiver.accepted().get(1).body();
            assertThat(second.get("status").asText()).isEqualTo("resolved");
            assertThat(second.get("alerts").get(0).get("endsAt").asText()).isEqualTo("2026-11-23T11:00:00Z");
            assertThat(receiver.requests())
                    .extracting(RecordingReceiver.Request::authorization)
                    .containsOnly("Bearer s3cret-token");
            assertThat(registry.get(MetricNames.ALERTS_SENT)
                            .tag("sink", "webhook")
                            .counter()
                            .count())
                    .isEqualTo(2);
            assertThat(registry.get(MetricNames.ALERTS_RETRIES)
                            .tag("sink", "webhook")
                            .counter()
                            .count())
                    .isEqualTo(2);
        }
    }

    @Test
    void aDeadSinkBlocksNeitherTheOthersNorLosesItsAlertsAndSecretsStayOutOfTheLog() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger runnerLog = (Logger) LoggerFactory.getLogger(SinkRunner.class);
        Logger policyLog = (Logger) LoggerFactory.getLogger(DeliveryPolicy.class);
        runnerLog.addAppender(log);
        policyLog.addAppender(log);
        // Slack is down (500 for the first 12 requests, more than the 5 attempts, so the sink pauses and
        // starts again); the webhook is healthy all along.
        try (RecordingReceiver slack = new RecordingReceiver(n -> n <= 12 ? 500 : 200);
                RecordingReceiver webhook = new RecordingReceiver(n -> 200)) {
            String slackUrl = slack.url("/services/T000/B000/XXXXSECRETXXXX");
            TrackerConfig c = config(
                    Map.of(Settings.NOTIFY_SLACK_URL, slackUrl, Settings.NOTIFY_WEBHOOK_URL, webhook.url("/hook")));
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            List<GapAlert> alerts = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                alerts.add(alert("rule-" + i, "benchmark/eci/open-vs-closed", "firing", i));
            }
            send(c, alerts);
            try (Notifiers n = Notifiers.start(c, Notifiers.sinks(c, line -> {}), registry)) {
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> webhook.accepted().size() == 5);
                // The webhook got everything while Slack was still failing.
                assertThat(slack.accepted()).isEmpty();
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> slack.accepted().size() == 5);
            }
            // Every alert reached Slack, in order, none skipped.
            assertThat(slack.accepted())
                    .extracting(r -> r.body().get("text").asText())
                    .allSatisfy(t -> assertThat(t).startsWith("[FIRING] *rule-"));
            assertThat(slack.accepted())
                    .extracting(r -> r.body().get("text").asText().substring(0, 16))
                    .containsExactly(
                            "[FIRING] *rule-0",
                            "[FIRING] *rule-1",
                            "[FIRING] *rule-2",
                            "[FIRING] *rule-3",
                            "[FIRING] *rule-4");
            assertThat(registry.get(MetricNames.ALERTS_FAILED)
                            .tag("sink", "slack")
                            .tag("reason", "unavailable")
                            .counter()
                            .count())
                    .isGreaterThanOrEqualTo(2);
            assertThat(log.list).isNotEmpty();
            assertThat(log.list)
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .noneMatch(m -> m.contains("XXXXSECRETXXXX") || m.contains("/services/"));
        } finally {
            runnerLog.detachAppender(log);
            policyLog.detachAppender(log);
        }
    }

    @Test
    void aRefusedAlertIsSkippedAndARestartedNotifierResumesWithoutLoss() throws Exception {
        // The receiver refuses the second request (400: retrying cannot help), accepts the rest.
        try (RecordingReceiver receiver = new RecordingReceiver(n -> n == 2 ? 400 : 200)) {
            TrackerConfig c = config(Map.of(Settings.NOTIFY_WEBHOOK_URL, receiver.url("/hook")));
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            send(
                    c,
                    List.of(
                            alert("a", "compute/open-vs-closed", "firing", 1),
                            alert("b", "compute/open-vs-closed", "firing", 2),
                            alert("c", "compute/open-vs-closed", "firing", 3)));
            try (Notifiers n = Notifiers.start(c, Notifiers.sinks(c, line -> {}), registry)) {
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> receiver.requests().size() == 3);
            }
            assertThat(registry.get(MetricNames.ALERTS_FAILED)
                            .tag("sink", "webhook")
                            .tag("reason", "rejected")
                            .counter()
                            .count())
                    .isEqualTo(1);
            // Stopped; two more transitions arrive; a new notifier in the same group picks up exactly those.
            send(
                    c,
                    List.of(
                            alert("d", "compute/open-vs-closed", "firing", 4),
                            alert("e", "compute/open-vs-closed", "firing", 5)));
            try (Notifiers n = Notifiers.start(c, Notifiers.sinks(c, line -> {}), new SimpleMeterRegistry())) {
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> receiver.requests().size() >= 5);
                Thread.sleep(500);
            }
            assertThat(receiver.requests())
                    .extracting(r -> r.body()
                            .get("alerts")
                            .get(0)
                            .get("labels")
                            .get("rule")
                            .asText())
                    .containsExactly("a", "b", "c", "d", "e");
        }
    }

    @Test
    void theLogSinkWritesOneLinePerTransition() throws Exception {
        TrackerConfig c = config(Map.of(Settings.NOTIFY_LOG, "true"));
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        send(c, List.of(alert("compute-gap-below-half-oom", "compute/open-vs-closed", "firing", 0.42)));
        try (Notifiers n = Notifiers.start(c, Notifiers.sinks(c, lines::add), new SimpleMeterRegistry())) {
            await().atMost(Duration.ofSeconds(20)).until(() -> lines.size() == 1);
        }
        assertThat(lines.get(0))
                .contains(
                        "ALERT firing",
                        "compute-gap-below-half-oom",
                        "compute-gap-below-half-oom on compute/open-vs-closed");
    }

    @Test
    void eachSinkKeepsToItsRateLimit() throws Exception {
        // Two deliveries per 2 s: six alerts take three periods.
        try (RecordingReceiver receiver = new RecordingReceiver(n -> 200)) {
            TrackerConfig c = config(Map.of(Settings.NOTIFY_WEBHOOK_URL, receiver.url("/hook")));
            List<GapAlert> alerts = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                alerts.add(alert("rate-" + i, "compute/open-vs-closed", "firing", i));
            }
            send(c, alerts);
            NotifySettings limited = NotifySettings.from(c).withRate(2, Duration.ofSeconds(2));
            Sink sink = Notifiers.sinks(c, line -> {}).get(0);
            try (SinkRunner runner = new SinkRunner(
                            sink,
                            c.clientProperties(),
                            topics(c).gapAlerts().name(),
                            "rate-test",
                            limited,
                            new SimpleMeterRegistry())
                    .start()) {
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> receiver.accepted().size() == 6);
            }
            List<Long> at = receiver.accepted().stream()
                    .map(RecordingReceiver.Request::receivedNanos)
                    .toList();
            // The limiter's periods start when it is made, not at the first delivery, so the first may come
            // late in a period and the third early in the next. What holds whatever the phase: any five
            // consecutive deliveries span three periods, so more than one whole period lies between them.
            assertThat((at.get(4) - at.get(0)) / 1e9)
                    .as("deliveries 1-5 span three periods")
                    .isGreaterThan(2.0);
            assertThat((at.get(5) - at.get(1)) / 1e9)
                    .as("deliveries 2-6 span three periods")
                    .isGreaterThan(2.0);
            assertThat(receiver.accepted())
                    .extracting(r -> r.body()
                            .get("alerts")
                            .get(0)
                            .get("labels")
                            .get("rule")
                            .asText())
                    .containsExactly("rate-0", "rate-1", "rate-2", "rate-3", "rate-4", "rate-5");
        }
    }
}
