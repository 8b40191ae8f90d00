package dev.meektracker.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.meektracker.broker.EmbeddedKafkaBroker;
import dev.meektracker.core.CommittedReader;
import dev.meektracker.core.config.Settings;
import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.core.event.DeadLetter;
import dev.meektracker.core.event.GapEstimate;
import dev.meektracker.core.event.InputEvent;
import dev.meektracker.core.event.ScalingFit;
import dev.meektracker.core.event.TrackerEvent;
import dev.meektracker.core.topic.TopicInstaller;
import dev.meektracker.core.topic.Topics;
import dev.meektracker.core.validate.EventValidator;
import dev.meektracker.producers.EventPublisher;
import dev.meektracker.producers.importer.Inputs;
import dev.meektracker.streams.engine.EngineSettings;
import dev.meektracker.streams.engine.GapEngine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The topology on a real broker with exactly_once_v2: dead letters, outputs, and a restart mid-stream. */
class PipelineIT {

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void start() {
        broker = new EmbeddedKafkaBroker().start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static TrackerConfig config(String prefix) {
        return TrackerConfig.defaults()
                .with(Settings.BOOTSTRAP_SERVERS, broker.bootstrapServers())
                .with(Settings.TOPIC_PREFIX, prefix)
                .with(Settings.APPLICATION_ID, prefix + "tracker");
    }

    private static Topics install(TrackerConfig c) throws Exception {
        Topics topics = new Topics(c.topicPrefix(), 3);
        try (Admin admin = Admin.create(c.clientProperties())) {
            TopicInstaller.ensure(admin, topics, (short) 1);
        }
        return topics;
    }

    private static List<InputEvent> sample() throws Exception {
        return Inputs.inReleaseOrder(
                new Inputs(EventValidator.systemDefault()).readSample().events());
    }

    /** What the engine says for the same events, fed directly: the reference for the pipeline's final outputs. */
    private static GapEngine reference(List<InputEvent> events) {
        GapEngine engine = new GapEngine(EngineSettings.from(TrackerConfig.defaults()));
        events.forEach(engine::upsert);
        engine.flush();
        return engine;
    }

    @Test
    void mixedGoodAndBadRecordsGiveExactlyTheGoodOutputsAndEveryBadOneIsDeadLettered() throws Exception {
        String prefix = "eos-" + UUID.randomUUID().toString().substring(0, 6) + ".";
        TrackerConfig c = config(prefix);
        Topics topics = install(c);
        List<InputEvent> good = sample();
        Map<String, String> bad = new HashMap<>();
        bad.put("broken-json", "{\"id\":\"broken-json\",");
        bad.put("missing-fields", "{\"id\":\"missing-fields\"}");
        bad.put(
                "nan",
                "{\"id\":\"nan\",\"name\":\"N\",\"releaseDate\":\"2024-01-01\",\"weights\":\"open\",\"trainingComputeFlop\":\"NaN\"}");
        bad.put(
                "negative",
                "{\"id\":\"negative\",\"name\":\"N\",\"releaseDate\":\"2024-01-01\",\"weights\":\"open\",\"trainingComputeFlop\":-5e24}");
        bad.put(
                "absurd",
                "{\"id\":\"absurd\",\"name\":\"N\",\"releaseDate\":\"2024-01-01\",\"weights\":\"closed\",\"trainingComputeFlop\":1e35}");
        bad.put(
                "future",
                "{\"id\":\"future\",\"name\":\"N\",\"releaseDate\":\"2040-01-01\",\"weights\":\"closed\",\"trainingComputeFlop\":1e25}");
        String badScale =
                "{\"modelId\":\"m\",\"benchmarkId\":\"mmlu\",\"score\":0.5,\"scale\":\"stars\",\"date\":\"2024-01-01\",\"weights\":\"open\"}";

        try (TrackerStreamsApp app = new TrackerStreamsApp(c).start()) {
            assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
            try (EventPublisher publisher = new EventPublisher(c.clientProperties(), topics);
                    KafkaProducer<String, byte[]> raw = new KafkaProducer<>(
                            c.clientProperties(), new StringSerializer(), new ByteArraySerializer())) {
                int half = good.size() / 2;
                publisher.publish(good.subList(0, half), null, n -> {});
                for (Map.Entry<String, String> e : bad.entrySet()) {
                    raw.send(new ProducerRecord<>(
                            topics.modelReleases().name(),
                            e.getKey(),
                            e.getValue().getBytes(StandardCharsets.UTF_8)));
                }
                raw.send(new ProducerRecord<>(
                        topics.benchmarkResults().name(), "mmlu/m", badScale.getBytes(StandardCharsets.UTF_8)));
                raw.flush();
                publisher.publish(good.subList(half, good.size()), null, n -> {});
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> app.metrics().processedCount() >= good.size());
            List<DeadLetter> dlq = await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> readCommitted(
                                    c,
                                    topics.deadLetters().name(),
                                    topics.deadLetters().valueSerde()::deserializer),
                            l -> l.size() >= bad.size() + 1);
            // A replay of history publishes its last month, the sigmoids and the lags' intervals once the
            // stream has been idle (meek.emit.idle.ms): wait for that, then for the transaction's commit,
            // which the stream thread's commit count tells (null would mean it cannot be read).
            await().atMost(Duration.ofSeconds(60)).until(() -> !app.metrics().deferredPending());
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> Boolean.TRUE.equals(app.metrics().outputsCommitted()));
            dlq = readCommitted(
                    c, topics.deadLetters().name(), topics.deadLetters().valueSerde()::deserializer);
            assertThat(dlq).hasSize(bad.size() + 1);
            Map<String, String> reasons = new HashMap<>();
            dlq.forEach(d -> reasons.put(d.recordKey(), d.reason()));
            assertThat(reasons.get("broken-json")).contains("not a valid ModelRelease");
            assertThat(reasons.get("missing-fields"))
                    .contains("name: required")
                    .contains("releaseDate: required")
                    .contains("weights: required");
            assertThat(reasons.get("nan")).contains("finite");
            assertThat(reasons.get("negative")).contains("plausible range");
            assertThat(reasons.get("absurd")).contains("plausible range");
            assertThat(reasons.get("future")).contains("in the future");
            assertThat(reasons.get("mmlu/m")).contains("scale");
            assertThat(dlq).allSatisfy(d -> assertThat(d.sourceTopic()).startsWith(prefix));

            GapEngine ref = reference(good);
            Map<String, GapEstimate> gaps = lastByKey(readCommitted(
                    c, topics.gapEstimates().name(), topics.gapEstimates().valueSerde()::deserializer));
            Map<String, ScalingFit> fits = lastByKey(readCommitted(
                    c, topics.scalingFits().name(), topics.scalingFits().valueSerde()::deserializer));
            assertThat(gaps.keySet())
                    .containsExactlyInAnyOrderElementsOf(
                            ref.gaps().stream().map(GapEstimate::id).toList());
            assertThat(fits.keySet())
                    .containsExactlyInAnyOrderElementsOf(
                            ref.fits().stream().map(ScalingFit::id).toList());
            for (GapEstimate g : ref.gaps()) {
                assertThat(gaps.get(g.id()).value())
                        .isCloseTo(g.value(), within(1e-9 * Math.max(1, Math.abs(g.value()))));
            }
            // The HTTP-facing stores hold the same values as the topics, and the API serves them.
            assertThat(app.gaps()).hasSize(gaps.size());
            try (QueryServer server = new QueryServer(app, "127.0.0.1", 0, "")) {
                java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
                java.net.http.HttpResponse<String> all = get(http, server.url() + "/gaps");
                assertThat(all.statusCode()).isEqualTo(200);
                assertThat(dev.meektracker.core.serde.Json.MAPPER
                                .readTree(all.body())
                                .size())
                        .isEqualTo(gaps.size());
                java.net.http.HttpResponse<String> one = get(http, server.url() + "/gaps/compute/open-vs-closed");
                assertThat(one.statusCode()).isEqualTo(200);
                assertThat(dev.meektracker.core.serde.Json.MAPPER
                                .readValue(one.body(), GapEstimate.class)
                                .value())
                        .isCloseTo(gaps.get("compute/open-vs-closed").value(), within(1e-12));
                assertThat(get(http, server.url() + "/fits").body()).contains("frontier-compute");
                // History by event time, from the changelogged store: month-end states then the latest.
                var history = dev.meektracker.core.serde.Json.MAPPER.readTree(
                        get(http, server.url() + "/history/compute/open-vs-closed")
                                .body());
                // Three input partitions interleave months, so fewer month ends close in order than in
                // a one-partition replay (TopologyTest counts those); the latest state always ends the series.
                assertThat(history.size()).isGreaterThan(1);
                assertThat(history.get(history.size() - 1).get("asOf").asText())
                        .isEqualTo(gaps.get("compute/open-vs-closed").asOf().toString());
                assertThat(get(http, server.url() + "/history/compute/open-vs-closed?format=csv")
                                .body())
                        .startsWith("asOf,id,value,unit,low,high,lagMonths");
                assertThat(get(http, server.url() + "/history").body()).contains("frontier-compute");
                assertThat(get(http, server.url() + "/gaps/no-such-gap").statusCode())
                        .isEqualTo(404);
                assertThat(http.send(
                                        java.net.http.HttpRequest.newBuilder(
                                                        java.net.URI.create(server.url() + "/gaps"))
                                                .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                                                .build(),
                                        java.net.http.HttpResponse.BodyHandlers.ofString())
                                .statusCode())
                        .isEqualTo(405);
            }
        }
    }

    @Test
    void aRestartMidStreamLosesNothingAndEndsWithTheSameOutputs() throws Exception {
        String prefix = "restart-" + UUID.randomUUID().toString().substring(0, 6) + ".";
        TrackerConfig c = config(prefix);
        Topics topics = install(c);
        List<InputEvent> events = sample();
        int half = events.size() / 2;
        try (TrackerStreamsApp first = new TrackerStreamsApp(c).start();
                EventPublisher publisher = new EventPublisher(c.clientProperties(), topics)) {
            assertThat(first.awaitRunning(Duration.ofSeconds(60))).isTrue();
            publisher.publish(events.subList(0, half), null, n -> {});
            await().atMost(Duration.ofSeconds(60)).until(() -> first.metrics().processedCount() >= half);
        }
        try (EventPublisher publisher = new EventPublisher(c.clientProperties(), topics)) {
            publisher.publish(events.subList(half, events.size()), null, n -> {});
        }
        try (TrackerStreamsApp second = new TrackerStreamsApp(c).start()) {
            assertThat(second.awaitRunning(Duration.ofSeconds(60))).isTrue();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> second.metrics().processedCount() >= events.size() - half);
            GapEngine ref = reference(events);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Map<String, GapEstimate> gaps = lastByKey(readCommitted(
                        c, topics.gapEstimates().name(), topics.gapEstimates().valueSerde()::deserializer));
                for (GapEstimate g : ref.gaps()) {
                    assertThat(gaps).containsKey(g.id());
                    assertThat(gaps.get(g.id()).value())
                            .isCloseTo(g.value(), within(1e-9 * Math.max(1, Math.abs(g.value()))));
                    assertThat(gaps.get(g.id()).asOf()).isEqualTo(g.asOf());
                }
            });
            // The second instance rebuilt the engine from the restored store rather than starting empty.
            assertThat(second.metrics().processedCount()).isEqualTo(events.size() - half);
        }
    }

    private static java.net.http.HttpResponse<String> get(java.net.http.HttpClient http, String url) throws Exception {
        return http.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                        .GET()
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    private static <T extends TrackerEvent> Map<String, T> lastByKey(List<T> values) {
        Map<String, T> m = new HashMap<>();
        values.forEach(v -> m.put(v.key(), v));
        return m;
    }

    private static <T> List<T> readCommitted(
            TrackerConfig c,
            String topic,
            java.util.function.Supplier<org.apache.kafka.common.serialization.Deserializer<T>> deserializer) {
        return CommittedReader.read(c.clientProperties(), topic, deserializer.get());
    }
}
