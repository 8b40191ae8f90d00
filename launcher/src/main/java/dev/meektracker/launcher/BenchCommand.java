package dev.meektracker.launcher;

import dev.meektracker.core.config.Settings;
import dev.meektracker.broker.EmbeddedKafkaBroker;
import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.core.event.InputEvent;
import dev.meektracker.core.event.InputType;
import dev.meektracker.core.event.GapEstimate;
import dev.meektracker.core.event.ModelRelease;
import dev.meektracker.core.event.TrackerEvent;
import dev.meektracker.core.event.Weights;
import dev.meektracker.core.serde.JsonSerde;
import dev.meektracker.core.topic.Topic;
import dev.meektracker.core.topic.TopicInstaller;
import dev.meektracker.core.topic.Topics;
import dev.meektracker.launcher.bench.AlertLatencyBench;
import dev.meektracker.launcher.bench.SyntheticEvents;
import dev.meektracker.producers.EventPublisher;
import dev.meektracker.streams.TrackerStreamsApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure the pipeline on this machine and print the figures: the broker's raw produce-and-consume rate",
            "(the baseline), events per second through the whole topology with exactly-once, and the latency from a model",
            "release to its gap estimate at a fixed rate (p50, p99), and the time from a threshold crossing to a webhook receiving",
            "its alert. Uses the embedded broker unless --bootstrap-servers."})
final class BenchCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--events", defaultValue = "100000", description = "Synthetic events replayed through the topology (default ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--warmup-events", defaultValue = "200000",
            description = "Synthetic events run through a throw-away topology first, untimed, so the timed run measures compiled code, "
                    + "not the JIT compiling it (default ${DEFAULT-VALUE}; 0 times a cold start).")
    int warmupEvents;

    @Option(names = "--rate", defaultValue = "1000", description = "Model releases per second in the latency run (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--latency-seconds", defaultValue = "20", description = "Length of the latency run (default ${DEFAULT-VALUE}).")
    int latencySeconds;

    @Option(names = "--run", split = ",", paramLabel = "PART", defaultValue = "throughput,latency,alerts",
            description = "What to measure: throughput (raw baseline and topology), latency (release to gap), alerts (threshold crossing "
                    + "to webhook); default ${DEFAULT-VALUE}.")
    java.util.Set<String> parts;

    @Option(names = "--alert-crossings", defaultValue = "300", description = "Threshold crossings in the alert run (default ${DEFAULT-VALUE}).")
    int alertCrossings;

    @Option(names = "--alert-rate", defaultValue = "20", description = "Crossings per second in the alert run (default ${DEFAULT-VALUE}).")
    int alertRate;

    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() throws Exception {
        if (events < 1000 || rate < 1 || latencySeconds < 3 || warmupEvents < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--events must be at least 1000, --rate positive, --latency-seconds at least 3");
        }
        if (alertCrossings < 20 || alertRate < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--alert-crossings must be at least 20 and --alert-rate positive");
        }
        for (String part : parts) {
            if (!List.of("throughput", "latency", "alerts").contains(part)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--run takes throughput, latency and alerts, not '" + part + "'");
            }
        }
        var out = spec.commandLine().getOut();
        TrackerConfig config = connection.load();
        EmbeddedKafkaBroker broker = null;
        try {
            if (config.bootstrapServers().isEmpty()) {
                broker = new EmbeddedKafkaBroker().start();
                config = config.with(Settings.BOOTSTRAP_SERVERS, broker.bootstrapServers());
            }
            out.printf("meek-tracker bench: %d synthetic events, %d cores, max heap %d MB, Kafka %s at %s%n", events,
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                    org.apache.kafka.common.utils.AppInfoParser.getVersion(), config.bootstrapServers());
            if (parts.contains("throughput")) {
                List<InputEvent> history = SyntheticEvents.generate(events, 42);
                List<ProducerRecord<String, byte[]>> records = serialize(history);
                if (warmupEvents > 0) {
                    List<InputEvent> warmup = SyntheticEvents.generate(warmupEvents, 7);
                    rawRate(config, serialize(warmup));
                    double[] w = topologyRate(config, warmup);
                    out.printf(Locale.ROOT, "warm-up: %,d events through a throw-away topology at %,.0f events/s (not counted)%n", warmupEvents, w[1]);
                    out.flush();
                }
                double[] raw = rawRate(config, records);
                out.printf(Locale.ROOT, "raw broker baseline: produce %,.0f events/s, consume %,.0f events/s, produce-then-consume %,.0f events/s%n",
                        raw[0], raw[1], raw[2]);
                out.flush();
                double[] topo = topologyRate(config, history);
                out.printf(Locale.ROOT, "topology (exactly_once_v2): %,.0f events/s from start to idle, %,.0f events/s from the first event processed; "
                        + "%.1f %% of the raw produce-then-consume rate%n", topo[0], topo[1], 100 * topo[1] / raw[2]);
                out.flush();
            }
            if (parts.contains("latency")) {
                double[] latency = latency(config);
                out.printf(Locale.ROOT, "latency, model release to gap estimate at %d events/s (%d measured): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                        rate, (long) latency[3], latency[0], latency[1], latency[2]);
                out.flush();
            }
            if (parts.contains("alerts")) {
                AlertLatencyBench.Result a = AlertLatencyBench.run(config, alertCrossings, alertRate);
                out.printf(Locale.ROOT, "alert latency, gap estimate crossing a threshold to webhook receipt at %d crossings/s (%d of %d measured): "
                        + "p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", alertRate, a.measured(), a.sent(), a.p50(), a.p99(), a.max());
            }
            out.printf("peak resident memory of this process: %s%n", peakRss());
            return 0;
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
    }

    private static List<ProducerRecord<String, byte[]>> serialize(List<InputEvent> history) {
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>(history.size());
        for (InputEvent e : history) {
            out.add(new ProducerRecord<>("", e.key(), InputType.toBytes(e)));
        }
        return out;
    }

    private static Properties producerProps(TrackerConfig c) {
        Properties p = c.clientProperties();
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return p;
    }

    /** The same records (same bytes, same producer settings) through the broker with no processing. */
    private static double[] rawRate(TrackerConfig c, List<ProducerRecord<String, byte[]>> records) throws Exception {
        String topic = "bench-raw-" + UUID.randomUUID();
        try (Admin admin = Admin.create(c.clientProperties())) {
            // The same partitioning as the input topics, so the baseline moves the same records the same way.
            admin.createTopics(List.of(new NewTopic(topic, c.topicPartitions(), (short) 1))).all().get();
        }
        TopicInstaller.awaitLeaders(c.clientProperties(), List.of(topic));
        long t0 = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps(c), new StringSerializer(), new ByteArraySerializer())) {
            for (ProducerRecord<String, byte[]> r : records) {
                producer.send(new ProducerRecord<>(topic, r.key(), r.value()));
            }
            producer.flush();
        }
        long t1 = System.nanoTime();
        Properties p = c.clientProperties();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-raw-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        long t2;
        int read = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long start = System.nanoTime();
            while (read < records.size()) {
                read += consumer.poll(Duration.ofMillis(200)).count();
                if (System.nanoTime() - start > Duration.ofMinutes(5).toNanos()) {
                    throw new IllegalStateException("raw consume did not finish: " + read + " of " + records.size());
                }
            }
            t2 = System.nanoTime();
        }
        double produce = records.size() / ((t1 - t0) / 1e9);
        double consume = records.size() / ((t2 - t1) / 1e9);
        double both = records.size() / ((t2 - t0) / 1e9);
        return new double[] {produce, consume, both};
    }

    /** Pre-loads the history, then times the topology from start until every event is processed and the deferred outputs flushed. */
    private static double[] topologyRate(TrackerConfig base, List<InputEvent> history) throws Exception {
        String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        TrackerConfig c = base.with(Settings.TOPIC_PREFIX, prefix).with(Settings.APPLICATION_ID, prefix + "tracker");
        Topics topics = Roles.installTopics(c);
        try (EventPublisher publisher = new EventPublisher(c.clientProperties(), topics)) {
            publisher.publish(history, null, n -> { });
        }
        long t0 = System.nanoTime();
        long first = 0;
        try (TrackerStreamsApp app = new TrackerStreamsApp(c).start()) {
            long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
            while (app.metrics().processedCount() < history.size() || app.metrics().deferredPending()) {
                if (first == 0 && app.metrics().processedCount() > 0) {
                    first = System.nanoTime();
                }
                if (System.nanoTime() > deadline || app.state() == org.apache.kafka.streams.KafkaStreams.State.ERROR) {
                    throw new IllegalStateException("the topology did not finish: " + app.metrics().processedCount() + " of " + history.size());
                }
                Thread.sleep(5);
            }
            long t1 = System.nanoTime();
            return new double[] {history.size() / ((t1 - t0) / 1e9), history.size() / ((t1 - first) / 1e9)};
        }
    }

    /**
     * Sends closed model releases at a fixed rate, each a new compute record so that it changes the
     * compute gap, and times the send until the gap estimate naming it is readable (read_committed).
     */
    private double[] latency(TrackerConfig base) throws Exception {
        String prefix = "latency-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        TrackerConfig c = base.with(Settings.TOPIC_PREFIX, prefix).with(Settings.APPLICATION_ID, prefix + "tracker");
        Topics topics = Roles.installTopics(c);
        ConcurrentSkipListMap<Integer, Long> sentAt = new ConcurrentSkipListMap<>();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean running = new AtomicBoolean(true);
        try (TrackerStreamsApp app = new TrackerStreamsApp(c).start()) {
            if (!app.awaitRunning(Duration.ofSeconds(60))) {
                throw new IllegalStateException("streams did not start");
            }
            Thread reader = new Thread(() -> readGaps(c, topics.gapEstimates(), sentAt, latencies, running), "bench-reader");
            reader.start();
            try (EventPublisher publisher = new EventPublisher(c.clientProperties(), topics)) {
                publisher.send(new ModelRelease("open-baseline", "Open baseline", null, LocalDate.of(2020, 1, 1), null, Weights.OPEN,
                        1e20, null, null, null, null, "bench", "bench"));
                publisher.flush();
                Thread.sleep(2000);
                long intervalNanos = 1_000_000_000L / rate;
                long startNanos = System.nanoTime();
                int total = rate * latencySeconds;
                LocalDate day = LocalDate.of(2021, 1, 1);
                for (int i = 0; i < total; i++) {
                    long due = startNanos + i * intervalNanos;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    String id = "closed-" + i;
                    ModelRelease m = new ModelRelease(id, id, null, day.plusDays(i / 50), null, Weights.CLOSED, 1e21 * Math.pow(1.0001, i),
                            null, null, null, null, "bench", "bench");
                    sentAt.put(i, System.nanoTime());
                    publisher.send(m);
                }
                publisher.flush();
            }
            long deadline = System.currentTimeMillis() + 30_000;
            while (latencies.size() < rate * latencySeconds * 0.99 && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            running.set(false);
            reader.join(10_000);
        }
        List<Double> sorted = new ArrayList<>(latencies);
        // The first two seconds warm the JIT and the transaction path up.
        int skip = Math.min(sorted.size() / 10, rate * 2);
        sorted = new ArrayList<>(sorted.subList(skip, sorted.size()));
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            throw new IllegalStateException("no gap estimates arrived");
        }
        return new double[] {percentile(sorted, 0.50), percentile(sorted, 0.99), sorted.get(sorted.size() - 1), sorted.size()};
    }

    /**
     * Each release is a new compute record, so a gap estimate naming release k as the closed leader
     * reflects every release up to k: their latency ends when it is readable. Estimates are coalesced
     * per key (meek.emit.interval.ms), so most releases are reflected by a later one's estimate.
     */
    private static void readGaps(TrackerConfig c, Topic<String, GapEstimate> topic, ConcurrentSkipListMap<Integer, Long> sentAt,
                                 List<Double> latencies, AtomicBoolean running) {
        Properties p = c.clientProperties();
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-latency-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic.name()));
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(20))) {
                    long now = System.nanoTime();
                    GapEstimate g = topic.valueSerde().deserializer().deserialize(r.topic(), r.value());
                    Object leader = g.details().get("closedLeader");
                    if (leader == null || !leader.toString().startsWith("closed-")) {
                        continue;
                    }
                    var reflected = sentAt.headMap(Integer.parseInt(leader.toString().substring("closed-".length())), true);
                    for (Long sent : reflected.values()) {
                        latencies.add((now - sent) / 1e6);
                    }
                    reflected.clear();
                }
            }
        }
    }

    private static double percentile(List<Double> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    private static String peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return line.substring(6).trim();
                }
            }
        } catch (Exception e) {
            return "unknown (" + e.getMessage() + ")";
        }
        return "unknown";
    }
}
