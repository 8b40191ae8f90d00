package dev.meektracker.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meektracker.broker.EmbeddedKafkaBroker;
import dev.meektracker.consumers.alerts.AlertEvaluatorApp;
import dev.meektracker.consumers.alerts.AlertRules;
import dev.meektracker.core.CommittedReader;
import dev.meektracker.core.SharedData;
import dev.meektracker.core.config.Settings;
import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.core.event.InputEvent;
import dev.meektracker.core.serde.Json;
import dev.meektracker.core.topic.TopicInstaller;
import dev.meektracker.core.topic.Topics;
import dev.meektracker.core.validate.EventValidator;
import dev.meektracker.producers.EventPublisher;
import dev.meektracker.producers.importer.Inputs;
import dev.meektracker.streams.TrackerStreamsApp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Epoch AI's real data replayed at two speeds (as fast as the producer goes, and paced in event time
 * over about 20 s) through the topology and the alert evaluator on the embedded broker: the history
 * by event time (every output's state at the end of every period, projections included) and the
 * alert transitions (by rule, gap, status, as-of date and value) must be the same.
 */
class ReplaySpeedIT {

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void start() {
        broker = new EmbeddedKafkaBroker().start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private record Run(Map<String, String> history, List<String> transitions) {}

    private static Run run(List<InputEvent> events, Double speedUp) throws Exception {
        String prefix = "speed-" + UUID.randomUUID().toString().substring(0, 6) + ".";
        TrackerConfig c = TrackerConfig.defaults()
                .with(Settings.BOOTSTRAP_SERVERS, broker.bootstrapServers())
                .with(Settings.TOPIC_PREFIX, prefix)
                .with(Settings.APPLICATION_ID, prefix + "tracker");
        Topics topics = TopicInstaller.install(c);
        try (TrackerStreamsApp app = new TrackerStreamsApp(c).start();
                AlertEvaluatorApp alerts = new AlertEvaluatorApp(c, AlertRules.defaults()).start()) {
            assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
            try (EventPublisher publisher = new EventPublisher(c.clientProperties(), topics)) {
                publisher.publish(events, speedUp, n -> {});
            }
            await().atMost(Duration.ofSeconds(180))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> app.metrics().processedCount() >= events.size()
                            && !app.metrics().deferredPending());
            // The evaluator has seen everything once gap-alerts stops growing.
            List<String>[] last = new List[] {transitions(c, topics)};
            await().atMost(Duration.ofSeconds(120))
                    .pollDelay(Duration.ofSeconds(4))
                    .pollInterval(Duration.ofSeconds(4))
                    .until(() -> {
                        List<String> now = transitions(c, topics);
                        boolean same = now.equals(last[0]);
                        last[0] = now;
                        return same;
                    });
            Map<String, String> history = new TreeMap<>();
            for (String id : app.historyIds()) {
                history.put(id, Json.write(app.history(id)));
            }
            return new Run(history, last[0]);
        }
    }

    private static List<String> transitions(TrackerConfig c, Topics topics) throws Exception {
        List<String> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r :
                CommittedReader.records(c.clientProperties(), topics.gapAlerts().name())) {
            if (r.value() != null) {
                JsonNode a = Json.MAPPER.readTree(r.value());
                out.add(a.path("labels").path("rule").asText() + " "
                        + a.path("labels").path("gap").asText() + " "
                        + a.path("status").asText() + " " + a.path("asOf").asText() + " "
                        + a.path("value").asText());
            }
        }
        return out;
    }

    @Test
    void aReplayAtAnySpeedPublishesTheSameHistoryAndTheSameAlertTransitions() throws Exception {
        List<InputEvent> events = Inputs.inReleaseOrder(new Inputs(EventValidator.systemDefault())
                .read(
                        List.of(SharedData.file("epoch-notable-2026-07/notable_ai_models.csv")),
                        List.of(SharedData.file("epoch-ml-hardware/ml_hardware.csv")),
                        List.of(
                                SharedData.file("epoch-benchmarks/epoch_capabilities_index.csv"),
                                SharedData.file("epoch-benchmarks/gpqa_diamond.csv")))
                .events());
        long days = java.time.temporal.ChronoUnit.DAYS.between(
                events.get(0).eventDate(), events.get(events.size() - 1).eventDate());
        Run fast = run(events, null);
        Run paced = run(events, days * 86_400 / 20.0);
        List<String> differ = new ArrayList<>();
        int states = 0;
        for (String id : fast.history().keySet()) {
            states += list(fast.history().get(id)).size();
            if (!fast.history().get(id).equals(paced.history().get(id))) {
                differ.add(id);
            }
        }
        System.out.printf(
                "replay speeds: %d events; %d history series with %d period-end states, %s at both speeds; "
                        + "%d and %d alert transitions, %s%n",
                events.size(),
                fast.history().size(),
                states,
                differ.isEmpty() ? "the same" : "differing in " + differ,
                fast.transitions().size(),
                paced.transitions().size(),
                fast.transitions().equals(paced.transitions()) ? "the same" : "differing");
        assertThat(paced.history().keySet()).isEqualTo(fast.history().keySet());
        assertThat(fast.history().keySet()).anyMatch(k -> k.startsWith("projection/"));
        assertThat(differ).as("history series that differ between the speeds").isEmpty();
        assertThat(fast.transitions()).isNotEmpty();
        assertThat(paced.transitions()).isEqualTo(fast.transitions());
    }

    private static List<JsonNode> list(String json) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        Json.MAPPER.readTree(json).forEach(out::add);
        return out;
    }
}
