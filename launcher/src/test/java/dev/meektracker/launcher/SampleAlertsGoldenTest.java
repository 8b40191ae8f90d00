package dev.meektracker.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meektracker.consumers.alerts.AlertRules;
import dev.meektracker.consumers.alerts.AlertTopology;
import dev.meektracker.consumers.alerts.GapAlert;
import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.core.event.GapEstimate;
import dev.meektracker.core.event.InputEvent;
import dev.meektracker.core.event.InputType;
import dev.meektracker.core.serde.JsonSerde;
import dev.meektracker.core.topic.Topics;
import dev.meektracker.core.validate.EventValidator;
import dev.meektracker.producers.importer.Inputs;
import dev.meektracker.streams.TrackerMetrics;
import dev.meektracker.streams.TrackerTopology;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/**
 * The curated sample replayed through the tracker's topology and then the default alert rules, on
 * simulated wall-clock time (250 ms between events, so the projections' and sigmoids' intervals pass
 * too): the sequence of alert transitions is compared with a golden file recorded before the engine
 * was split into parts. Record it again with {@code -Dmeek.golden.update=true} only for a change that
 * means to move the alerts.
 */
class SampleAlertsGoldenTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/sample-alerts.txt");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC);

    private static Properties driverProperties(String id) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, id);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        return p;
    }

    @Test
    void theSampleGivesTheSameAlertTransitions() throws Exception {
        TrackerConfig config = TrackerConfig.defaults();
        Topics topics = Topics.of(config);
        List<InputEvent> events = Inputs.inReleaseOrder(new Inputs(new EventValidator(CLOCK, Duration.ofDays(2)))
                .readSample()
                .events());

        List<GapEstimate> estimates = new ArrayList<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(
                TrackerTopology.build(config, new TrackerMetrics(), CLOCK), driverProperties("golden-tracker"))) {
            TestOutputTopic<String, GapEstimate> gaps = driver.createOutputTopic(
                    topics.gapEstimates().name(),
                    new StringDeserializer(),
                    topics.gapEstimates().valueSerde().deserializer());
            for (InputEvent e : events) {
                TestInputTopic<String, byte[]> in = driver.createInputTopic(
                        topics.input(e.inputType()).name(), new StringSerializer(), new ByteArraySerializer());
                in.pipeInput(e.key(), InputType.toBytes(e));
                driver.advanceWallClockTime(Duration.ofMillis(250));
            }
            driver.advanceWallClockTime(Duration.ofSeconds(5));
            estimates.addAll(gaps.readValuesToList());
        }

        List<String> transitions = new ArrayList<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(
                AlertTopology.build(topics, AlertRules.defaults()), driverProperties("golden-alerts"))) {
            TestInputTopic<String, GapEstimate> in = driver.createInputTopic(
                    topics.gapEstimates().name(),
                    new StringSerializer(),
                    topics.gapEstimates().valueSerde().serializer());
            TestOutputTopic<String, GapAlert> out = driver.createOutputTopic(
                    topics.gapAlerts().name(),
                    new StringDeserializer(),
                    JsonSerde.of(GapAlert.class).deserializer());
            estimates.forEach(g -> in.pipeInput(g.id(), g));
            for (GapAlert a : out.readValuesToList()) {
                transitions.add(String.join(
                        " | ",
                        a.status(),
                        a.labels().get("rule"),
                        a.labels().get("gap"),
                        String.valueOf(a.asOf()),
                        String.valueOf(a.value()),
                        a.annotations().get("summary")));
            }
        }
        String actual = "# " + estimates.size() + " gap estimates\n" + String.join("\n", transitions) + "\n";

        if (Boolean.getBoolean("meek.golden.update")) {
            Files.createDirectories(GOLDEN.getParent());
            Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
        }
        assertThat(GOLDEN)
                .as("golden file; record it with -Dmeek.golden.update=true")
                .exists();
        assertThat(transitions).isNotEmpty();
        assertThat(actual).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    }
}
