package dev.meektracker.consumers.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meektracker.core.event.GapEstimate;
import dev.meektracker.core.serde.JsonSerde;
import dev.meektracker.core.topic.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rule behaviour with TopologyTestDriver: fire, dwell, hysteresis, resolve, patterns, dates, records. */
class AlertTopologyTest {

    private final Topics topics = Topics.defaults();

    private static GapEstimate gap(String id, double value, Double lag, Map<String, Object> details, int day) {
        return new GapEstimate(
                id,
                id.startsWith("projection") ? "projection" : id.startsWith("benchmark") ? "benchmark" : "compute",
                LocalDate.of(2025, 1, 1).plusDays(day),
                value,
                "u",
                null,
                null,
                lag,
                details,
                "test");
    }

    private List<GapAlert> run(List<AlertRule> rules, List<GapEstimate> gaps) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "alerts-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true); // as the applications do
        try (TopologyTestDriver driver = new TopologyTestDriver(AlertTopology.build(topics, rules), p)) {
            TestInputTopic<String, GapEstimate> in = driver.createInputTopic(
                    topics.gapEstimates().name(),
                    new StringSerializer(),
                    topics.gapEstimates().valueSerde().serializer());
            TestOutputTopic<String, GapAlert> out = driver.createOutputTopic(
                    topics.gapAlerts().name(),
                    new StringDeserializer(),
                    JsonSerde.of(GapAlert.class).deserializer());
            gaps.forEach(g -> in.pipeInput(g.id(), g));
            return out.readValuesToList();
        }
    }

    private static AlertRule below(double fire, double resolve, int dwell) {
        return new AlertRule(
                "compute-close",
                "compute/open-vs-closed",
                "value",
                "below",
                fire,
                resolve,
                dwell,
                "warning",
                "{gap} at {value}",
                "fires below {fire}, resolves above {resolve}");
    }

    @Test
    void firesOnceWhenBelowAndResolvesOnlyPastTheResolvingThreshold() {
        List<Double> values = List.of(1.0, 0.45, 0.40, 0.55, 0.48, 0.59, 0.61, 0.62);
        List<GapEstimate> gaps = new java.util.ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            gaps.add(gap("compute/open-vs-closed", values.get(i), 1.0, Map.of(), i));
        }
        List<GapAlert> alerts = run(List.of(below(0.5, 0.6, 1)), gaps);
        // 0.45 fires; 0.40, 0.55, 0.48, 0.59 stay inside the hysteresis band; 0.61 resolves; 0.62 changes nothing.
        assertThat(alerts).extracting(GapAlert::status).containsExactly("firing", "resolved");
        assertThat(alerts.get(0).value()).isEqualTo(0.45);
        assertThat(alerts.get(1).value()).isEqualTo(0.61);
        assertThat(alerts.get(0).fingerprint())
                .isEqualTo(alerts.get(1).fingerprint())
                .hasSize(16);
        assertThat(alerts.get(0).annotations()).containsEntry("summary", "compute/open-vs-closed at 0.4500");
        assertThat(alerts.get(0).labels())
                .containsEntry("severity", "warning")
                .containsEntry("gap", "compute/open-vs-closed");
        assertThat(alerts.get(1).endsAt()).isNotNull();
        assertThat(alerts.get(0).endsAt()).isNull();
    }

    @Test
    void dwellNeedsConsecutiveUpdates() {
        List<GapEstimate> gaps = List.of(
                gap("compute/open-vs-closed", 0.4, 1.0, Map.of(), 0),
                gap("compute/open-vs-closed", 0.7, 1.0, Map.of(), 1),
                gap("compute/open-vs-closed", 0.4, 1.0, Map.of(), 2),
                gap("compute/open-vs-closed", 0.3, 1.0, Map.of(), 3),
                gap("compute/open-vs-closed", 0.2, 1.0, Map.of(), 4));
        List<GapAlert> alerts = run(List.of(below(0.5, 0.6, 3)), gaps);
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).status()).isEqualTo("firing");
        assertThat(alerts.get(0).asOf()).isEqualTo(LocalDate.of(2025, 1, 5));
    }

    @Test
    void patternsWatchEveryMatchingGapSeparately() {
        AlertRule lag =
                new AlertRule("lag", "benchmark/*/open-vs-closed", "lagMonths", "below", 3, 4.0, 1, "info", null, null);
        List<GapAlert> alerts = run(
                List.of(lag),
                List.of(
                        gap("benchmark/eci/open-vs-closed", 5, 2.0, Map.of(), 0),
                        gap("benchmark/gpqa-diamond/open-vs-closed", 0.1, 6.0, Map.of(), 0),
                        gap("benchmark/gpqa-diamond/open-vs-closed", 0.1, 2.5, Map.of(), 1),
                        gap("compute/open-vs-closed", 0.1, 0.5, Map.of(), 1)));
        assertThat(alerts)
                .extracting(a -> a.labels().get("gap"))
                .containsExactly("benchmark/eci/open-vs-closed", "benchmark/gpqa-diamond/open-vs-closed");
        assertThat(alerts.get(0).fingerprint()).isNotEqualTo(alerts.get(1).fingerprint());
    }

    @Test
    void convergenceMovingEarlierByMoreThanAYearFires() {
        AlertRule moved = new AlertRule(
                "moved",
                "projection/*",
                "details.convergenceDate",
                "moved-earlier-by-years",
                1,
                0.5,
                1,
                "info",
                null,
                null);
        List<GapAlert> alerts = run(
                List.of(moved),
                List.of(
                        gap("projection/budget-1000-usd", 0.3, null, Map.of("convergenceDate", "2036-01-01"), 0),
                        gap("projection/budget-1000-usd", 0.3, null, Map.of("convergenceDate", "2035-08-01"), 1),
                        gap("projection/budget-1000-usd", 0.3, null, Map.of("convergenceDate", "2034-01-01"), 2),
                        gap("projection/budget-1000-usd", 0.3, null, Map.of("convergenceDate", "2034-02-01"), 3)));
        assertThat(alerts).extracting(GapAlert::status).containsExactly("firing", "resolved");
    }

    /** The record rule applied to successive compute gaps whose closed leader has these computes. */
    private List<GapAlert> recordAlerts(double... closedLeaderFlop) {
        AlertRule record = new AlertRule(
                "record",
                "compute/open-vs-closed",
                "details.closedLeaderComputeFlop",
                "increased",
                0,
                null,
                null,
                "info",
                null,
                null);
        List<GapEstimate> gaps = new java.util.ArrayList<>();
        for (int i = 0; i < closedLeaderFlop.length; i++) {
            gaps.add(gap("compute/open-vs-closed", 1, 1.0, Map.of("closedLeaderComputeFlop", closedLeaderFlop[i]), i));
        }
        return run(List.of(record), gaps);
    }

    @Test
    void aNewComputeRecordFiresAndTheNextQuietUpdateResolves() {
        List<GapAlert> alerts = recordAlerts(1e25, 1e25, 5e26, 5e26);
        assertThat(alerts).extracting(GapAlert::status).containsExactly("firing", "resolved");
        assertThat(alerts.get(0).value()).isEqualTo(5e26);
    }

    @Test
    void aRecordRightAfterARecordIsANewOccurrence() {
        // Coalesced updates can carry one record after another with no quiet update between: each
        // record must still reach the receivers, as a new occurrence with its own startsAt.
        List<GapAlert> alerts = recordAlerts(1e25, 5e25, 5e26, 5e26);
        assertThat(alerts).extracting(GapAlert::status).containsExactly("firing", "resolved", "firing", "resolved");
        assertThat(alerts).extracting(GapAlert::value).containsExactly(5e25, 5e25, 5e26, 5e26);
        assertThat(alerts)
                .extracting(GapAlert::fingerprint)
                .containsOnly(alerts.get(0).fingerprint());
        assertThat(alerts.get(2).startsAt())
                .isAfter(alerts.get(0).startsAt())
                .isAfterOrEqualTo(alerts.get(1).endsAt());
    }

    @Test
    void templatesNameTheLeadersAndAClosedRecordKeepsItsOwn() {
        AlertRule record = AlertRules.defaults().stream()
                .filter(r -> r.id().equals("new-frontier-compute-record"))
                .findFirst()
                .orElseThrow();
        List<GapAlert> alerts = run(
                List.of(record),
                List.of(
                        gap(
                                "compute/open-vs-closed",
                                1,
                                1.0,
                                Map.of("closedLeaderComputeFlop", 1e25, "closedLeader", "gpt-4"),
                                0),
                        gap(
                                "compute/open-vs-closed",
                                1,
                                1.0,
                                Map.of("closedLeaderComputeFlop", 4.6e26, "closedLeader", "grok-3"),
                                1),
                        gap(
                                "compute/open-vs-closed",
                                1,
                                1.0,
                                Map.of("closedLeaderComputeFlop", 5e26, "closedLeader", "grok-4"),
                                2)));
        assertThat(alerts)
                .extracting(a -> a.status() + " " + a.annotations().get("summary"))
                .containsExactly(
                        "firing New frontier training compute record: 4.600e+26 FLOP (grok-3)",
                        "resolved New frontier training compute record: 4.600e+26 FLOP (grok-3)",
                        "firing New frontier training compute record: 5.000e+26 FLOP (grok-4)");
        // A template naming a detail the estimate lacks says so rather than failing.
        AlertRule missing = new AlertRule(
                "m",
                "compute/open-vs-closed",
                "value",
                "below",
                2,
                3.0,
                1,
                "info",
                "{details.nothing} at {value}",
                "d");
        assertThat(run(List.of(missing), List.of(gap("compute/open-vs-closed", 1, 1.0, Map.of(), 0)))
                        .get(0)
                        .annotations()
                        .get("summary"))
                .isEqualTo("n/a at 1.000");
    }

    @Test
    void defaultRulesLoadAndBadRulesSayWhy(@TempDir Path dir) throws Exception {
        assertThat(AlertRules.defaults())
                .extracting(AlertRule::id)
                .contains(
                        "compute-gap-below-half-oom",
                        "eci-lag-below-3-months",
                        "loss-gap-100k-below-threshold",
                        "convergence-moved-earlier",
                        "new-frontier-compute-record");
        Path bad = dir.resolve("rules.yaml");
        Files.writeString(
                bad,
                "rules:\n  - id: x\n    gap: compute/open-vs-closed\n    comparison: below\n    fire: 0.5\n    resolve: 0.4\n");
        assertThatThrownBy(() -> AlertRules.load(bad)).hasMessageContaining("resolve must be at or above fire");
        Path json = dir.resolve("rules.json");
        Files.writeString(
                json, "{\"rules\":[{\"id\":\"y\",\"gap\":\"compute/*\",\"comparison\":\"sideways\",\"fire\":1}]}");
        assertThatThrownBy(() -> AlertRules.load(json)).hasMessageContaining("comparison must be");
    }
}
