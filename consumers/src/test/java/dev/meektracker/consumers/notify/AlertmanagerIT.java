package dev.meektracker.consumers.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meektracker.broker.EmbeddedKafkaBroker;
import dev.meektracker.consumers.alerts.GapAlert;
import dev.meektracker.core.LocalService;
import dev.meektracker.core.config.Settings;
import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.core.serde.Json;
import dev.meektracker.core.topic.TopicInstaller;
import dev.meektracker.core.topic.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's real Alertmanager, started with the project's own monitoring/alertmanager/alertmanager.yml,
 * receives the tracker's alerts through the Alertmanager notifier and shows them in its API; firing
 * alerts are re-sent (endsAt moves on), also after the notifier restarts; a resolution clears them.
 */
class AlertmanagerIT {

    @TempDir
    Path tmp;

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void alertmanagerShowsTheTrackersAlertsKeepsThemWhileFiringAndClearsThemOnResolution() throws Exception {
        Path binary = LocalService.require("prometheus-alertmanager");
        Path config =
                Path.of(System.getProperty("meek.project.dir", "."), "monitoring", "alertmanager", "alertmanager.yml");
        assertThat(config).exists();
        int port = LocalService.freePort();
        String base = "http://127.0.0.1:" + port;
        Path storage = Files.createDirectories(tmp.resolve("alertmanager"));
        try (LocalService am = LocalService.start(
                        "alertmanager",
                        List.of(
                                binary.toString(),
                                "--config.file=" + config,
                                "--storage.path=" + storage,
                                "--web.listen-address=127.0.0.1:" + port,
                                "--cluster.listen-address="),
                        base + "/-/ready",
                        Duration.ofSeconds(30));
                EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker().start()) {
            String prefix = "am-" + UUID.randomUUID().toString().substring(0, 6) + ".";
            TrackerConfig c = TrackerConfig.defaults()
                    .with(Settings.BOOTSTRAP_SERVERS, broker.bootstrapServers())
                    .with(Settings.TOPIC_PREFIX, prefix)
                    .with(Settings.APPLICATION_ID, prefix + "tracker")
                    .with(Settings.NOTIFY_LOG, "false")
                    .with(Settings.NOTIFY_ALERTMANAGER_URL, base)
                    .with(Settings.NOTIFY_ALERTMANAGER_RESEND_MS, "500");
            try (Admin admin = Admin.create(c.clientProperties())) {
                TopicInstaller.ensure(admin, new Topics(prefix, 1), (short) 1);
            }
            // Started an hour ago by the evaluator's clock.
            Instant started = Instant.now().minusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            GapAlert template =
                    NotifierIT.alert("eci-lag-below-3-months", "benchmark/eci/open-vs-closed", "firing", 2.5);
            GapAlert firing = new GapAlert(
                    template.fingerprint(),
                    "firing",
                    template.labels(),
                    template.annotations(),
                    template.value(),
                    template.asOf(),
                    started,
                    null);
            NotifierIT.send(c, List.of(firing));
            Instant firstEnd;
            try (Notifiers n = Notifiers.start(c, Notifiers.sinks(c, line -> {}), new SimpleMeterRegistry())) {
                JsonNode shown = await().atMost(Duration.ofSeconds(30))
                        .until(() -> alerts(base), a -> a.size() == 1)
                        .get(0);
                assertThat(shown.get("labels").get("rule").asText()).isEqualTo("eci-lag-below-3-months");
                assertThat(shown.get("labels").get("gap").asText()).isEqualTo("benchmark/eci/open-vs-closed");
                assertThat(shown.get("labels").get("alertname").asText()).isEqualTo("eci-lag-below-3-months");
                assertThat(shown.get("annotations").get("summary").asText())
                        .isEqualTo("eci-lag-below-3-months on benchmark/eci/open-vs-closed");
                assertThat(shown.get("status").get("state").asText()).isEqualTo("active");
                assertThat(Instant.parse(shown.get("startsAt").asText())).isEqualTo(started);
                firstEnd = Instant.parse(shown.get("endsAt").asText());
                // Re-sent every 500 ms with endsAt four intervals ahead: Alertmanager's endsAt moves on.
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> Instant.parse(
                                        alerts(base).get(0).get("endsAt").asText())
                                .isAfter(firstEnd));
            }
            // A new notifier (same group) restores the firing alert from the topic and keeps re-sending it.
            Instant beforeRestart =
                    Instant.parse(alerts(base).get(0).get("endsAt").asText());
            try (Notifiers n = Notifiers.start(c, Notifiers.sinks(c, line -> {}), new SimpleMeterRegistry())) {
                await().atMost(Duration.ofSeconds(15))
                        .until(() -> Instant.parse(
                                        alerts(base).get(0).get("endsAt").asText())
                                .isAfter(beforeRestart));
                NotifierIT.send(
                        c,
                        List.of(new GapAlert(
                                firing.fingerprint(),
                                "resolved",
                                firing.labels(),
                                firing.annotations(),
                                4.2,
                                firing.asOf(),
                                started,
                                Instant.now())));
                await().atMost(Duration.ofSeconds(15)).until(() -> alerts(base).isEmpty());
            }
            assertThat(am.alive()).isTrue();
        }
    }

    /** Alertmanager's active alerts (resolved ones are not listed). */
    private static JsonNode alerts(String base) throws Exception {
        String body = HTTP.send(
                        HttpRequest.newBuilder(URI.create(base + "/api/v2/alerts"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        return Json.MAPPER.readTree(body);
    }
}
