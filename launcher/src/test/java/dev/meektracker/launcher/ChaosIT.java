package dev.meektracker.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.meektracker.core.CommittedReader;
import dev.meektracker.core.JsonCompare;
import dev.meektracker.core.LocalService;
import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.core.event.InputEvent;
import dev.meektracker.core.event.InputType;
import dev.meektracker.core.serde.Json;
import dev.meektracker.core.topic.Topics;
import dev.meektracker.launcher.bench.SyntheticEvents;
import dev.meektracker.producers.importer.Inputs;
import dev.meektracker.streams.engine.EngineSettings;
import dev.meektracker.streams.engine.GapEngine;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults on real processes, in the spirit of Kafka's own exactly-once system tests and their
 * verifier: the broker (with a log directory that outlives it), the streams role and the consumers
 * role run as child processes of the shaded jar, and are killed with SIGKILL or frozen with SIGSTOP
 * while a paced replay is being published. Each run's final fits and gaps are compared with an
 * uninterrupted run and with what a verifier recomputes, with the engine alone, from the input log
 * the run left on the broker; the input log itself must hold every event published, once.
 */
class ChaosIT {

    /** 2,000 synthetic events dated 2010-2026, published over about 15 s of wall time. */
    private static final int EVENTS = 2000;

    private static final double SPEED_UP = 16 * 365 * 86_400 / 15.0;
    private static final Duration SETTLE = Duration.ofSeconds(180);

    /**
     * A killed member's partitions move once its session has timed out: 45 s by default, cut to 10 s
     * here so that four kills fit in a few minutes of CI.
     */
    private static final String SESSION_TIMEOUT = "session.timeout.ms=10000";

    @TempDir
    static Path tmp;

    private static Path models;
    private static Path hardware;
    private static Path benchmarks;
    private static Map<String, String> reference;

    @BeforeAll
    static void inputsAndAnUninterruptedRun() throws Exception {
        assertThat(ShadedJar.JAR)
                .as("the shaded jar, built in the package phase")
                .exists();
        List<InputEvent> events = SyntheticEvents.generate(EVENTS, 11);
        models = write("models.jsonl", events, InputType.MODEL_RELEASE);
        hardware = write("hardware.jsonl", events, InputType.HARDWARE_PRICE);
        benchmarks = write("benchmarks.jsonl", events, InputType.BENCHMARK_RESULT);
        try (Cluster c = Cluster.start(tmp.resolve("reference"));
                LocalService streams = c.streams()) {
            LocalService.Result produced = c.produce(null).awaitExit(Duration.ofSeconds(120));
            assertThat(produced.exitCode()).as(produced.output()).isZero();
            reference = c.settledOutputs();
        }
        assertThat(reference).containsKeys("gap compute/open-vs-closed", "fit frontier-compute");
        System.out.printf("chaos: the uninterrupted run left %d fits and gaps%n", reference.size());
    }

    @Test
    void streamsKilledThreeTimesDuringAReplayEndsWithTheOutputsOfAnUninterruptedRun() throws Exception {
        try (Cluster c = Cluster.start(tmp.resolve("streams-killed"))) {
            LocalService streams = c.streams();
            try (LocalService producer = c.produce(SPEED_UP)) {
                // Killed once the group has committed a fifth, then half of the input: mid-transaction,
                // since a transaction commits every 100 ms while events keep coming.
                for (double share : new double[] {0.2, 0.5}) {
                    awaitProgress(c, share);
                    streams.kill();
                    streams = c.streams();
                }
                // The third time during start-up: the restarted process is restoring or rebalancing.
                streams.close();
                streams = c.streamsStarting();
                Thread.sleep(2500);
                streams.kill();
                assertThat(streams.exitCode()).isEqualTo(137);
                streams = c.streams();
                assertThat(producer.awaitExit(Duration.ofSeconds(120)).exitCode())
                        .as(producer.output())
                        .isZero();
            }
            c.expectSameAsUninterruptedAndVerifier();
            streams.close();
        }
    }

    @Test
    void streamsFrozenPastTheTransactionTimeoutRecoversByItself() throws Exception {
        try (Cluster c = Cluster.start(tmp.resolve("streams-frozen"));
                LocalService streams = c.streams()) {
            try (LocalService producer = c.produce(SPEED_UP)) {
                awaitProgress(c, 0.3);
                // The broker aborts a transaction left open past transaction.timeout.ms (Kafka Streams
                // sets 10 s under exactly-once); the frozen producer learns it was fenced when it wakes.
                streams.pause();
                Thread.sleep(12_000);
                streams.resume();
                assertThat(producer.awaitExit(Duration.ofSeconds(120)).exitCode())
                        .as(producer.output())
                        .isZero();
            }
            c.expectSameAsUninterruptedAndVerifier();
            assertThat(streams.alive()).as("the same process, not restarted").isTrue();
        }
    }

    @Test
    void brokerKilledDuringAReplayAndRestartedLosesNothing() throws Exception {
        try (Cluster c = Cluster.start(tmp.resolve("broker-killed"));
                LocalService streams = c.streams()) {
            try (LocalService producer = c.produce(SPEED_UP)) {
                awaitProgress(c, 0.4);
                c.broker.kill();
                Thread.sleep(3000);
                c.restartBroker();
                // The producer and the streams process ride over the outage on their own retries.
                assertThat(producer.awaitExit(Duration.ofSeconds(180)).exitCode())
                        .as(producer.output())
                        .isZero();
            }
            c.expectSameAsUninterruptedAndVerifier();
            assertThat(streams.alive()).isTrue();
        }
    }

    @Test
    void consumersKilledMidDeliveryDeliverEveryAlertTransitionAtLeastOnce() throws Exception {
        List<String> delivered = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", ex -> {
            try (ex) {
                // A slow receiver, so that the kill lands while deliveries are still queued.
                Thread.sleep(400);
                JsonNode body = Json.MAPPER.readTree(ex.getRequestBody());
                for (JsonNode a : body.path("alerts")) {
                    delivered.add(transition(
                            a.path("fingerprint").asText(),
                            a.path("status").asText(),
                            Instant.parse(a.path("startsAt").asText())));
                }
                ex.sendResponseHeaders(200, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        receiver.start();
        String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        try (Cluster c = Cluster.start(tmp.resolve("consumers-killed"));
                LocalService streams = c.streams()) {
            LocalService consumers = c.consumers(hook);
            LocalService.Result produced = LocalService.run(
                    ShadedJar.command("256m", "produce", "--bootstrap-servers", c.bootstrap(), "--sample", "--replay"),
                    Duration.ofSeconds(90));
            assertThat(produced.exitCode()).as(produced.output()).isZero();
            await().atMost(Duration.ofSeconds(90)).until(() -> delivered.size() >= 3);
            consumers.kill();
            int beforeKill = delivered.size();
            consumers = c.consumers(hook);
            try {
                // Every transition committed to gap-alerts reaches the webhook, however often.
                await().atMost(SETTLE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    List<String> committed = c.committedTransitions();
                    assertThat(committed).hasSizeGreaterThan(beforeKill);
                    assertThat(delivered).containsAll(committed);
                });
                Thread.sleep(3000);
                c.expectNoMeterRegistrationWarnings();
                // More transitions may be committed after the first settling: the replay's last outputs
                // (published at once at its end), and the ones the restarted evaluator re-evaluates once
                // the killed member's session and open transaction have timed out. Once the evaluator
                // has consumed every gap estimate, every transition is committed: they must all arrive
                // (the slow receiver takes 400 ms a request).
                await().atMost(SETTLE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    assertThat(c.evaluatorCaughtUp())
                            .as("the evaluator has read every gap estimate")
                            .isTrue();
                    assertThat(delivered).containsAll(c.committedTransitions());
                });
                List<String> committed = c.committedTransitions();
                assertThat(delivered).as("nothing but committed transitions").allMatch(committed::contains);
                assertThat(delivered).containsAll(committed);
                long repeats = delivered.size() - delivered.stream().distinct().count();
                System.out.printf(
                        "chaos: consumers killed after %d deliveries; %d transitions committed, %d deliveries, %d repeats%n",
                        beforeKill, committed.size(), delivered.size(), repeats);
            } finally {
                consumers.close();
            }
        } finally {
            receiver.stop(0);
        }
    }

    /** A transition as a receiver de-duplicates it: the same alert, the same status, the same start. */
    private static String transition(String fingerprint, String status, Instant startsAt) {
        return fingerprint + "|" + status + "|" + startsAt;
    }

    private static Path write(String name, List<InputEvent> events, InputType type) throws Exception {
        List<String> lines = events.stream()
                .filter(e -> e.inputType() == type)
                .map(e -> new String(InputType.toBytes(e), java.nio.charset.StandardCharsets.UTF_8))
                .toList();
        return Files.write(tmp.resolve(name), lines);
    }

    /** Waits until the streams application has committed {@code share} of the events as consumed. */
    private static void awaitProgress(Cluster c, double share) {
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> c.committedInputOffsets() >= share * EVENTS);
    }

    /** A broker and the roles of one run, all child processes. */
    private static final class Cluster implements AutoCloseable {

        private final Path dir;
        private final int port;
        private final List<LocalService> started = new ArrayList<>();
        LocalService broker;

        private Cluster(Path dir, int port) {
            this.dir = dir;
            this.port = port;
        }

        static Cluster start(Path dir) throws Exception {
            Cluster c = new Cluster(Files.createDirectories(dir), LocalService.freePort());
            c.restartBroker();
            return c;
        }

        String bootstrap() {
            return "127.0.0.1:" + port;
        }

        /** The broker on the same port with the same log directory: what it had written survives. */
        void restartBroker() throws Exception {
            broker = ShadedJar.broker("broker", port, dir.resolve("kafka"));
            started.add(broker);
        }

        /** The streams role, its state kept in one folder across restarts; returns once it serves. */
        LocalService streams() throws Exception {
            int metrics = LocalService.freePort();
            LocalService s = LocalService.start(
                    "streams", streamsCommand(metrics), "http://127.0.0.1:" + metrics + "/metrics", SETTLE);
            started.add(s);
            return s;
        }

        /** The streams role, returned as soon as the process is started. */
        LocalService streamsStarting() throws Exception {
            LocalService s = LocalService.startUntilOutput("streams", streamsCommand(0), "", Duration.ofSeconds(10));
            started.add(s);
            return s;
        }

        private List<String> streamsCommand(int metricsPort) {
            return ShadedJar.command(
                    "256m",
                    "streams",
                    "--bootstrap-servers",
                    bootstrap(),
                    "-D",
                    SESSION_TIMEOUT,
                    "-D",
                    "meek.metrics.port=" + metricsPort,
                    "-D",
                    "meek.http.port=0",
                    "-D",
                    "meek.state.dir=" + dir.resolve("state"));
        }

        LocalService consumers(String webhook) throws Exception {
            int metrics = LocalService.freePort();
            LocalService s = LocalService.start(
                    "consumers",
                    ShadedJar.command(
                            "256m",
                            "consumers",
                            "--bootstrap-servers",
                            bootstrap(),
                            "-D",
                            SESSION_TIMEOUT,
                            "-D",
                            "meek.metrics.port=" + metrics,
                            "-D",
                            "meek.notify.webhook.url=" + webhook,
                            "-D",
                            "meek.state.dir=" + dir.resolve("consumers-state")),
                    "http://127.0.0.1:" + metrics + "/metrics",
                    SETTLE);
            started.add(s);
            return s;
        }

        /** Publishes the synthetic events, paced when {@code speedUp} is given; returns while it runs. */
        LocalService produce(Double speedUp) throws Exception {
            List<String> command = ShadedJar.command(
                    "256m",
                    "produce",
                    "--bootstrap-servers",
                    bootstrap(),
                    "--models",
                    models.toString(),
                    "--hardware",
                    hardware.toString(),
                    "--benchmarks",
                    benchmarks.toString(),
                    "--replay");
            if (speedUp != null) {
                command.addAll(List.of("--speed-up", String.valueOf(speedUp)));
            }
            LocalService p = LocalService.startUntilOutput("produce", command, "", Duration.ofSeconds(10));
            started.add(p);
            return p;
        }

        Properties client() {
            Properties p = new Properties();
            p.put("bootstrap.servers", bootstrap());
            return p;
        }

        private Topics topics() {
            return Topics.of(TrackerConfig.defaults());
        }

        /** Input offsets the streams application has committed, summed over the input topics. */
        long committedInputOffsets() throws Exception {
            try (Admin admin = Admin.create(client())) {
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(
                                TrackerConfig.defaults().applicationId())
                        .partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS);
                List<String> inputs = inputTopics();
                return offsets.entrySet().stream()
                        .filter(e -> inputs.contains(e.getKey().topic()) && e.getValue() != null)
                        .mapToLong(e -> e.getValue().offset())
                        .sum();
            } catch (Exception notYet) {
                return 0;
            }
        }

        private List<String> inputTopics() {
            List<String> names = new ArrayList<>();
            for (InputType t : InputType.values()) {
                names.add(topics().input(t).name());
            }
            return names;
        }

        /** True once the group has consumed every input record (transaction markers included). */
        private boolean caughtUp() throws Exception {
            return caughtUp(TrackerConfig.defaults().applicationId(), inputTopics());
        }

        /**
         * True once the alert evaluator has consumed every gap estimate (transaction markers included):
         * every transition it will commit for them is then committed, the ones it re-evaluates after a
         * restart too (those wait for the killed member's session and transaction to time out).
         */
        boolean evaluatorCaughtUp() throws Exception {
            return caughtUp(
                    TrackerConfig.defaults().applicationId() + "-alerts",
                    List.of(topics().gapEstimates().name()));
        }

        /** True once {@code group} has committed, on every partition of {@code topics}, the partition's end. */
        private boolean caughtUp(String group, List<String> topicNames) throws Exception {
            try (Admin admin = Admin.create(client())) {
                Map<TopicPartition, OffsetSpec> query = new java.util.HashMap<>();
                for (var d : admin.describeTopics(topicNames)
                        .allTopicNames()
                        .get(10, TimeUnit.SECONDS)
                        .values()) {
                    d.partitions()
                            .forEach(p -> query.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
                }
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS);
                for (var e :
                        admin.listOffsets(query).all().get(10, TimeUnit.SECONDS).entrySet()) {
                    OffsetAndMetadata c = committed.get(e.getKey());
                    if (e.getValue().offset() > 0
                            && (c == null || c.offset() < e.getValue().offset())) {
                        return false;
                    }
                }
                return true;
            }
        }

        /**
         * The final committed fits and gaps once the application has consumed every input and its
         * outputs have not changed for 4 s (the deferred outputs flush every 2 s at the slowest).
         */
        Map<String, String> settledOutputs() {
            await().atMost(SETTLE).pollInterval(Duration.ofMillis(500)).until(ignoreErrors(this::caughtUp));
            Map<String, String>[] last = new Map[] {outputs()};
            await().atMost(SETTLE)
                    .pollDelay(Duration.ofSeconds(4))
                    .pollInterval(Duration.ofSeconds(4))
                    .until(() -> {
                        Map<String, String> now = outputs();
                        boolean stable = now.equals(last[0]);
                        last[0] = now;
                        return stable;
                    });
            return last[0];
        }

        /** The latest committed value of every fit and gap id; an id whose latest record is a tombstone is gone. */
        Map<String, String> outputs() {
            Map<String, String> out = new TreeMap<>();
            latest("fit ", topics().scalingFits().name(), out);
            latest("gap ", topics().gapEstimates().name(), out);
            return out;
        }

        private void latest(String kind, String topic, Map<String, String> out) {
            for (ConsumerRecord<String, byte[]> r : CommittedReader.records(client(), topic)) {
                if (r.value() == null) {
                    out.remove(kind + r.key());
                } else {
                    out.put(kind + r.key(), new String(r.value(), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }

        /** The input log as the broker holds it, each committed record read back into its event. */
        List<InputEvent> inputLog() {
            List<InputEvent> log = new ArrayList<>();
            for (InputType t : InputType.values()) {
                for (ConsumerRecord<String, byte[]> r :
                        CommittedReader.records(client(), topics().input(t).name())) {
                    log.add(t.serde().deserializer().deserialize(r.topic(), r.value()));
                }
            }
            return log;
        }

        /**
         * The verifier: the engine alone, fed the input log, flushed; its fits and gaps as the topology
         * would write them.
         */
        static Map<String, String> recompute(List<InputEvent> log) {
            GapEngine engine = new GapEngine(EngineSettings.from(TrackerConfig.defaults()));
            Inputs.inReleaseOrder(log).forEach(engine::upsert);
            engine.flush();
            Map<String, String> out = new TreeMap<>();
            engine.fits().forEach(f -> out.put("fit " + f.key(), Json.write(f)));
            engine.gaps().forEach(g -> out.put("gap " + g.key(), Json.write(g)));
            return out;
        }

        void expectSameAsUninterruptedAndVerifier() {
            Map<String, String> outputs = settledOutputs();
            expectNoMeterRegistrationWarnings();
            List<InputEvent> log = inputLog();
            assertThat(log)
                    .as("every published event is in the input log, once")
                    .hasSize(EVENTS);
            assertThat(log.stream().map(e -> e.inputType() + "/" + e.key()).distinct())
                    .hasSize(EVENTS);
            assertThat(JsonCompare.differences(reference, outputs))
                    .as("final fits and gaps equal those of the uninterrupted run")
                    .isEmpty();
            assertThat(JsonCompare.differences(recompute(log), outputs))
                    .as("final fits and gaps equal the verifier's, recomputed from the input log")
                    .isEmpty();
            System.out.printf(
                    "chaos: %d events in the input log, %d fits and gaps equal to the uninterrupted run and the verifier%n",
                    log.size(), outputs.size());
        }

        /**
         * Restarts, replaced threads and reconnects make Kafka clients' metrics come and go: none of it
         * may make a meter's registration fail (issue 13 found a restarted process logging that).
         */
        void expectNoMeterRegistrationWarnings() {
            for (LocalService s : started) {
                assertThat(s.output())
                        .as(s + "'s output")
                        .doesNotContain("registration has failed")
                        .doesNotContain("has been already registered");
            }
        }

        /** Committed alert transitions, as receivers tell them apart. */
        List<String> committedTransitions() throws java.io.IOException {
            List<String> out = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> r :
                    CommittedReader.records(client(), topics().gapAlerts().name())) {
                if (r.value() != null) {
                    JsonNode a = Json.MAPPER.readTree(r.value());
                    out.add(transition(
                            a.path("fingerprint").asText(),
                            a.path("status").asText(),
                            Instant.parse(a.path("startsAt").asText())));
                }
            }
            return out;
        }

        private static java.util.concurrent.Callable<Boolean> ignoreErrors(
                java.util.concurrent.Callable<Boolean> check) {
            return () -> {
                try {
                    return check.call();
                } catch (Exception notYet) {
                    return false;
                }
            };
        }

        @Override
        public void close() throws Exception {
            for (int i = started.size() - 1; i >= 0; i--) {
                started.get(i).close();
            }
        }
    }
}
