package dev.meektracker.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meektracker.broker.EmbeddedKafkaBroker;
import dev.meektracker.core.CommittedReader;
import dev.meektracker.core.HostileRecords;
import dev.meektracker.core.JsonCompare;
import dev.meektracker.core.config.Settings;
import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.core.event.DeadLetter;
import dev.meektracker.core.event.InputEvent;
import dev.meektracker.core.event.InputType;
import dev.meektracker.core.event.TrackerEvent;
import dev.meektracker.core.serde.Json;
import dev.meektracker.core.topic.TopicInstaller;
import dev.meektracker.core.topic.Topics;
import dev.meektracker.core.validate.EventValidator;
import dev.meektracker.producers.importer.Inputs;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 2,000 seeded hostile records written as raw bytes to every input topic of a real broker, between
 * the sample's valid events: the topology keeps running, every bad record is in tracker-dlq exactly
 * once with a category and a reason (none as an engine failure), the harmless ones are taken without
 * a dead letter, and the final fits and gaps are byte for byte those of a run without them.
 */
class FuzzIT {

    private static final int HOSTILE = 2000;
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void start() {
        broker = new EmbeddedKafkaBroker().start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private record Run(
            Map<String, String> outputs,
            List<DeadLetter> deadLetters,
            Map<String, HostileRecords.Hostile> sentBad,
            Map<String, HostileRecords.Hostile> sentHarmless) {}

    private static Run run(List<InputEvent> valid, List<HostileRecords.Hostile> hostile) throws Exception {
        String prefix = "fuzz-" + UUID.randomUUID().toString().substring(0, 6) + ".";
        TrackerConfig c = TrackerConfig.defaults()
                .with(Settings.BOOTSTRAP_SERVERS, broker.bootstrapServers())
                .with(Settings.TOPIC_PREFIX, prefix)
                .with(Settings.APPLICATION_ID, prefix + "tracker");
        Topics topics = TopicInstaller.install(c);
        Map<String, HostileRecords.Hostile> bad = new HashMap<>();
        Map<String, HostileRecords.Hostile> harmless = new HashMap<>();
        var p = c.clientProperties();
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(4 << 20));
        try (TrackerStreamsApp app = new TrackerStreamsApp(c).start();
                KafkaProducer<String, byte[]> producer =
                        new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
            // Valid events in release order, hostile ones spread between them at random (seeded).
            Random r = new Random(5);
            int h = 0;
            for (int i = 0; i < valid.size(); i++) {
                InputEvent e = valid.get(i);
                producer.send(new ProducerRecord<>(topics.input(e.inputType()).name(), e.key(), InputType.toBytes(e)))
                        .get();
                int share = (hostile.size() - h) / (valid.size() - i);
                for (int k = 0; k < share + (r.nextBoolean() ? 1 : 0) && h < hostile.size(); k++, h++) {
                    HostileRecords.Hostile x = hostile.get(h);
                    RecordMetadata m = producer.send(
                                    new ProducerRecord<>(topics.input(x.topic()).name(), x.key(), x.value()))
                            .get();
                    (x.bad() ? bad : harmless).put(m.topic() + "-" + m.partition() + "@" + m.offset(), x);
                }
            }
            long expected = valid.size() + hostile.size() - bad.size();
            await().atMost(Duration.ofSeconds(120))
                    .until(() -> app.metrics().processedCount() + app.metrics().deadLetteredCount()
                                    >= valid.size() + hostile.size()
                            && !app.metrics().deferredPending());
            // Let the deferred outputs (projections, sigmoids, lags) settle past their intervals.
            Thread.sleep(3000);
            assertThat(app.state()).as("no stream thread died").isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(app.metrics().processedCount()).isEqualTo(expected);
        }
        Map<String, String> outputs = new TreeMap<>();
        for (TrackerEvent f : CommittedReader.read(
                c.clientProperties(),
                topics.scalingFits().name(),
                topics.scalingFits().valueSerde().deserializer())) {
            outputs.put("fit " + f.key(), Json.write(f));
        }
        for (TrackerEvent g : CommittedReader.read(
                c.clientProperties(),
                topics.gapEstimates().name(),
                topics.gapEstimates().valueSerde().deserializer())) {
            outputs.put("gap " + g.key(), Json.write(g));
        }
        List<DeadLetter> dlq = CommittedReader.read(
                c.clientProperties(),
                topics.deadLetters().name(),
                topics.deadLetters().valueSerde().deserializer());
        return new Run(outputs, dlq, bad, harmless);
    }

    @Test
    void hostileRecordsAreDeadLetteredOnceAndLeaveTheValidOutputsByteIdentical() throws Exception {
        List<InputEvent> valid = Inputs.inReleaseOrder(
                new Inputs(EventValidator.systemDefault()).readSample().events());
        List<HostileRecords.Hostile> hostile = HostileRecords.generate(valid, HOSTILE, 42);

        Run clean = run(valid, List.of());
        Run fuzzed = run(valid, hostile);

        assertThat(clean.deadLetters()).isEmpty();
        Map<String, Integer> seen = new HashMap<>();
        for (DeadLetter d : fuzzed.deadLetters()) {
            String where = d.sourceTopic() + "-" + d.partition() + "@" + d.offset();
            seen.merge(where, 1, Integer::sum);
            assertThat(fuzzed.sentBad())
                    .as("dead letter %s (%s) is a record sent as bad", where, d.reason())
                    .containsKey(where);
            assertThat(d.category()).as(where).isIn("deserialization", "validation");
            assertThat(d.reason())
                    .as(where)
                    .isNotBlank()
                    .doesNotContain("dev.meektracker")
                    .doesNotContain("\tat ");
            assertThat(d.reason().length())
                    .as("%s: %s", where, fuzzed.sentBad().get(where).kind())
                    .isLessThanOrEqualTo(400);
        }
        assertThat(fuzzed.sentBad().keySet())
                .as("every bad record is dead-lettered")
                .allSatisfy(k -> assertThat(seen).containsKey(k));
        assertThat(seen.values()).as("exactly once").containsOnly(1);
        assertThat(fuzzed.sentBad().size() + fuzzed.sentHarmless().size()).isEqualTo(HOSTILE);
        assertThat(fuzzed.sentHarmless()).isNotEmpty();
        // Final fits and gaps: those of the clean run (the latest value of each id), every field equal and
        // every number equal to 12 significant digits.
        assertThat(JsonCompare.differences(clean.outputs(), fuzzed.outputs())).isEmpty();
        long identical = clean.outputs().keySet().stream()
                .filter(k -> clean.outputs().get(k).equals(fuzzed.outputs().get(k)))
                .count();
        System.out.printf(
                "fuzz: %d hostile records (%d bad, %d harmless), %d dead letters, %d of %d outputs byte-identical%n",
                HOSTILE,
                fuzzed.sentBad().size(),
                fuzzed.sentHarmless().size(),
                fuzzed.deadLetters().size(),
                identical,
                clean.outputs().size());
    }
}
