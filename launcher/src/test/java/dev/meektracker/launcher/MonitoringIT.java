package dev.meektracker.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meektracker.broker.EmbeddedKafkaBroker;
import dev.meektracker.consumers.OutputCollector;
import dev.meektracker.core.config.Settings;
import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.core.topic.TopicInstaller;
import dev.meektracker.core.topic.Topics;
import dev.meektracker.core.validate.EventValidator;
import dev.meektracker.producers.EventPublisher;
import dev.meektracker.producers.importer.Inputs;
import dev.meektracker.streams.TrackerStreamsApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/** The /metrics endpoint of a running tracker, scraped over HTTP: gaps, fits, pipeline counters, Kafka Streams and JVM metrics. */
class MonitoringIT {

    @Test
    void metricsEndpointExportsGapsFitsPipelineStreamsAndJvm() throws Exception {
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker().start()) {
            TrackerConfig c = TrackerConfig.defaults()
                    .with(Settings.BOOTSTRAP_SERVERS, broker.bootstrapServers())
                    .with(Settings.METRICS_PORT, "0")
                    .with(Settings.APPLICATION_ID, "monitoring-it");
            Topics topics = new Topics("", 1);
            try (Admin admin = Admin.create(c.clientProperties())) {
                TopicInstaller.ensure(admin, topics, (short) 1);
            }
            try (TrackerStreamsApp app = new TrackerStreamsApp(c).start();
                    Monitoring monitoring = new Monitoring(c).bindTracker(app)) {
                assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
                OutputCollector collector = new OutputCollector(c.clientProperties(), topics, monitoring.listener());
                Thread t = new Thread(collector, "collector");
                t.start();
                var events =
                        new Inputs(EventValidator.systemDefault()).readSample().events();
                try (EventPublisher publisher = new EventPublisher(c.clientProperties(), topics)) {
                    publisher.publish(Inputs.inReleaseOrder(events), null, n -> {});
                }
                HttpClient http = HttpClient.newHttpClient();
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    String body = http.send(
                                    HttpRequest.newBuilder(URI.create(monitoring.url()))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body();
                    assertThat(body)
                            .contains(
                                    "meektracker_gap_compute_oom{benchmark=\"none\",gap=\"compute/open-vs-closed\",kind=\"compute\",tier=\"none\"}");
                    assertThat(body)
                            .contains(
                                    "meektracker_gap_asof_seconds{benchmark=\"mmlu\",gap=\"benchmark/mmlu/open-vs-closed\"");
                    assertThat(body)
                            .contains(
                                    "meektracker_gap_asof_seconds{benchmark=\"none\",gap=\"projection/budget-1000-usd\"");
                    assertThat(body)
                            .contains(
                                    "meektracker_gap_loss_nats{benchmark=\"none\",bound=\"value\",gap=\"projection/budget-1000-usd\"");
                    assertThat(body)
                            .contains("meektracker_fit_growth_per_year{bound=\"value\",fit=\"frontier-compute\"}");
                    assertThat(body).contains("meektracker_events_accepted_total{type=\"model-release\"} 25.0");
                    assertThat(body).contains("meektracker_events_processed_total " + (double) events.size());
                    assertThat(body).contains("meektracker_events_deadlettered_total{reason=\"validation\"} 0.0");
                    assertThat(body).contains("kafka_stream_");
                    assertThat(body).contains("jvm_memory_used_bytes");
                    for (String model : List.of("grok-4", "llama-3-1-405b")) {
                        assertThat(body).doesNotContain(model);
                    }
                });
                collector.close();
                t.join(10_000);
            }
        }
    }
}
