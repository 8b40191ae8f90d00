package dev.meektracker.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meektracker.broker.EmbeddedKafkaBroker;
import dev.meektracker.core.LocalService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production layout of docker-compose.yml, without Docker: a broker, then the shaded jar's
 * {@code topics}, {@code streams}, {@code consumers} and {@code produce} as separate processes joining
 * it. The gaps reach the streams' query API, the consumers' /metrics and, as an alert, a webhook.
 */
class RolesIT {

    @TempDir
    Path tmp;

    @Test
    void topicsStreamsConsumersAndProduceRunAsSeparateProcessesAgainstOneCluster() throws Exception {
        assertThat(ShadedJar.JAR)
                .as("the shaded jar, built in the package phase")
                .exists();
        try (Webhook receiver = new Webhook();
                EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker().start()) {
            List<String> webhook = receiver.bodies();
            String bootstrap = broker.bootstrapServers();
            var topics = LocalService.run(
                    ShadedJar.command("256m", "topics", "--bootstrap-servers", bootstrap), Duration.ofSeconds(60));
            assertThat(topics.exitCode()).as(topics.output()).isZero();
            assertThat(topics.output()).contains("model-releases", "gap-estimates", "gap-alerts", "tracker-dlq");

            int streamsMetrics = LocalService.freePort();
            int queries = LocalService.freePort();
            int consumersMetrics = LocalService.freePort();
            try (LocalService streams = LocalService.start(
                            "streams",
                            ShadedJar.command(
                                    "256m",
                                    "streams",
                                    "--bootstrap-servers",
                                    bootstrap,
                                    "-D",
                                    "meek.metrics.port=" + streamsMetrics,
                                    "-D",
                                    "meek.http.port=" + queries),
                            "http://127.0.0.1:" + streamsMetrics + "/metrics",
                            Duration.ofSeconds(90));
                    LocalService consumers = LocalService.start(
                            "consumers",
                            ShadedJar.command(
                                    "256m",
                                    "consumers",
                                    "--bootstrap-servers",
                                    bootstrap,
                                    "-D",
                                    "meek.metrics.port=" + consumersMetrics,
                                    "-D",
                                    "meek.notify.webhook.url=" + receiver.url()),
                            "http://127.0.0.1:" + consumersMetrics + "/metrics",
                            Duration.ofSeconds(90))) {
                // The query API starts once the streams application is RUNNING: publish only then, so the
                // history is processed as it would be on a live cluster rather than raced against start-up.
                await().atMost(Duration.ofSeconds(90))
                        .until(() -> ShadedJar.get("http://127.0.0.1:" + queries + "/gaps")
                                .startsWith("["));
                var produce = LocalService.run(
                        ShadedJar.command("256m", "produce", "--bootstrap-servers", bootstrap, "--sample", "--replay"),
                        Duration.ofSeconds(90));
                assertThat(produce.exitCode()).as(produce.output()).isZero();

                await().atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(500))
                        .untilAsserted(() -> {
                            assertThat(ShadedJar.get("http://127.0.0.1:" + queries + "/gaps"))
                                    .contains("compute/open-vs-closed", "projection/budget-1000-usd");
                            assertThat(ShadedJar.get("http://127.0.0.1:" + streamsMetrics + "/metrics"))
                                    .contains("meektracker_events_accepted_total{type=\"model-release\"} 25.0");
                            assertThat(ShadedJar.get("http://127.0.0.1:" + consumersMetrics + "/metrics"))
                                    .contains(
                                            "meektracker_gap_compute_oom{",
                                            "meektracker_alert_rule_firing{rule=\"new-frontier-compute-record\"",
                                            "meektracker_alerts_sent_total{sink=\"webhook\"}");
                        });
                // A replayed history may reach the evaluator as one coalesced estimate, so whether it saw a
                // record there depends on timing. A release after the history has been evaluated is a record
                // on every run: the evaluator's reference is the sample's leader, 5e26 FLOP.
                Path release = Files.writeString(tmp.resolve("release.jsonl"), """
                        {"_t": "model-release", "id": "roles-it-record", "name": "RolesIT record", "organization": "Test", \
                        "releaseDate": "2025-12-01", "accessibility": "API access", "weights": "closed", "trainingComputeFlop": 2e27, \
                        "source": "RolesIT", "provenance": "test"}
                        """);
                var live = LocalService.run(
                        ShadedJar.command(
                                "256m", "produce", "--bootstrap-servers", bootstrap, "--models", release.toString()),
                        Duration.ofSeconds(90));
                assertThat(live.exitCode()).as(live.output()).isZero();
                await().atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(500))
                        .untilAsserted(() -> assertThat(webhook)
                                .anySatisfy(body -> assertThat(body)
                                        .contains(
                                                "\"version\":\"4\"", "new-frontier-compute-record", "2.000e+27 FLOP")));
                assertThat(consumers.output()).contains("ALERT firing", "new-frontier-compute-record");

                // The watcher as its own process: a source of benchmark results (the sample's MMLU scores as
                // JSON lines behind a file: URL), fetched once; a second run publishes nothing new.
                Path scores = tmp.resolve("benchmarks.jsonl");
                try (var in = getClass().getClassLoader().getResourceAsStream("sample/benchmarks.jsonl")) {
                    Files.copy(in, scores);
                }
                Path sourcesFile = Files.writeString(
                        tmp.resolve("sources.yaml"),
                        "sources:\n  - id: sample-scores\n" + "    url: " + scores.toUri()
                                + "\n    format: jsonl\n    every: PT1H\n");
                List<String> watchOnce = ShadedJar.command(
                        "256m",
                        "watch",
                        "--bootstrap-servers",
                        bootstrap,
                        "--sources",
                        sourcesFile.toString(),
                        "--once",
                        "-D",
                        "meek.metrics.port=0");
                var watched = LocalService.run(watchOnce, Duration.ofSeconds(90));
                assertThat(watched.exitCode()).as(watched.output()).isZero();
                assertThat(watched.output()).contains("sample-scores", "published");
                var again = LocalService.run(watchOnce, Duration.ofSeconds(90));
                assertThat(again.exitCode()).as(again.output()).isZero();
                assertThat(again.output()).contains("sample-scores", "unchanged", "0 upserts");
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(500))
                        .untilAsserted(() -> assertThat(ShadedJar.get("http://127.0.0.1:" + queries + "/sources"))
                                .contains("\"sourceId\" : \"sample-scores\"", "\"outcome\" : \"unchanged\""));
                assertThat(streams.alive()).isTrue();
                assertThat(consumers.alive()).isTrue();
            }
        }
    }
}
