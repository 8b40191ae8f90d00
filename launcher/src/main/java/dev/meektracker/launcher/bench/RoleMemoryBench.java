package dev.meektracker.launcher.bench;

import dev.meektracker.core.config.Settings;
import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.core.event.InputEvent;
import dev.meektracker.core.net.FreePorts;
import dev.meektracker.core.topic.TopicInstaller;
import dev.meektracker.core.topic.Topics;
import dev.meektracker.producers.EventPublisher;
import dev.meektracker.streams.TrackerMetrics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The resident memory of the long-running roles, each in its own JVM as it runs in production: a
 * synthetic history of N items is published, then {@code streams} and {@code consumers} are started
 * as child processes of this jar with the given heap, side by side, until the streams role has
 * processed every item and published its outputs and every consumer group has read them. Their peak
 * resident set (VmHWM) is read from /proc then, each one's collection pauses and the streams role's
 * gap-engine passes from their metrics. A role that dies (out of heap, say) is reported as such,
 * with its log's last lines.
 */
public final class RoleMemoryBench {

    /**
     * @param role      the command
     * @param peakRssKb peak resident set, kB (-1 when unknown)
     * @param seconds   from start to the end of its work (streams: the last output published; consumers: caught up)
     * @param failure   why the role did not finish, or null
     * @param gcPauseSeconds the role's garbage-collection pauses until then, in all
     *                  ({@code jvm_gc_pause_seconds_sum} from its metrics); NaN when they could not be read
     * @param enginePasses of the streams role, its gap engine's passes by {@link TrackerMetrics.Pass}
     *                  tag; empty for the consumers
     */
    public record Role(
            String role,
            long peakRssKb,
            double seconds,
            String failure,
            double gcPauseSeconds,
            Map<String, EnginePass> enginePasses) {}

    /**
     * One kind of the gap engine's passes in the streams role ({@code meektracker_engine_pass_*}): how
     * many ran, their total time, and the longest (the role's maximum over the last two minutes, read
     * every half second while it worked, so the longest of the run), seconds.
     */
    public record EnginePass(long count, double seconds, double longestSeconds) {}

    /** A role that processes nothing for this long has run out of something (heap, most likely). */
    private static final Duration STALL = Duration.ofSeconds(90);

    private RoleMemoryBench() {}

    /** The shaded jar this code runs from, or null when it runs from classes (tests, an IDE). */
    public static Path runningJar() {
        try {
            Path p = Path.of(RoleMemoryBench.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return Files.isRegularFile(p) && p.toString().endsWith(".jar") ? p : null;
        } catch (Exception e) {
            return null;
        }
    }

    public static List<Role> run(TrackerConfig base, int items, List<String> javaOptions, Duration timeout)
            throws Exception {
        Path jar = runningJar();
        if (jar == null) {
            throw new IllegalStateException(
                    "the roles part runs the roles from the shaded jar: run it as ./meek-tracker bench");
        }
        String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        TrackerConfig c = base.with(Settings.TOPIC_PREFIX, prefix).with(Settings.APPLICATION_ID, prefix + "tracker");
        Topics topics = TopicInstaller.install(c);
        List<InputEvent> history = SyntheticEvents.generate(items, 4242);
        try (EventPublisher publisher = new EventPublisher(c.clientProperties(), topics)) {
            publisher.publish(history, null, n -> {});
        }
        history = null;
        Path logs = Files.createTempDirectory("meek-bench-roles-");
        int streamsMetrics = FreePorts.next();
        Child streams = Child.start(
                jar,
                javaOptions,
                logs,
                streamsMetrics,
                "streams",
                List.of(
                        "--bootstrap-servers", c.bootstrapServers(),
                        "--topic-prefix", prefix,
                        "-D", Settings.APPLICATION_ID + "=" + prefix + "tracker",
                        "-D", Settings.METRICS_PORT + "=" + streamsMetrics,
                        // The store measured is the one the bench was told of (-D meek.items.store=memory).
                        "-D", Settings.ITEMS_STORE + "=" + base.string(Settings.ITEMS_STORE),
                        "-D", Settings.HTTP_PORT + "=" + FreePorts.next()));
        int consumersMetrics = FreePorts.next();
        Child consumers = Child.start(
                jar,
                javaOptions,
                logs,
                consumersMetrics,
                "consumers",
                List.of(
                        "--bootstrap-servers",
                        c.bootstrapServers(),
                        "--topic-prefix",
                        prefix,
                        "-D",
                        Settings.METRICS_PORT + "=" + consumersMetrics,
                        "-D",
                        Settings.HTTP_PORT + "=" + FreePorts.next()));
        List<Role> out = new ArrayList<>();
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            Map<String, EnginePass> passes = new LinkedHashMap<>();
            String failure = awaitStreams(streams, items, deadline, passes);
            out.add(streams.result(failure, passes));
            String consumerFailure = failure != null
                    ? "not measured: the streams role did not finish"
                    : awaitConsumers(c, prefix, consumers, deadline);
            out.add(consumers.result(consumerFailure, Map.of()));
        } finally {
            streams.stop();
            consumers.stop();
        }
        // The roles' logs explain a failure: kept then (the failure quotes their last lines and the
        // folder), removed after a clean run.
        if (out.stream().allMatch(r -> r.failure() == null)) {
            try (var files = Files.list(logs)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(logs);
        } else {
            out.replaceAll(r -> r.failure() == null
                    ? r
                    : new Role(
                            r.role(),
                            r.peakRssKb(),
                            r.seconds(),
                            r.failure() + " (logs in " + logs + ")",
                            r.gcPauseSeconds(),
                            r.enginePasses()));
        }
        return out;
    }

    /**
     * Until the streams role has processed every item and its outputs stopped changing; null, or why
     * not. {@code passes} gets its gap engine's passes as of the last scrape.
     */
    private static String awaitStreams(Child streams, int items, long deadline, Map<String, EnginePass> passes)
            throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        double lastEmitted = -1;
        int stable = 0;
        double processed = 0;
        double progressAt = 0;
        long progressSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            if (!streams.process.isAlive()) {
                return "exited with code " + streams.process.exitValue() + " after " + (long) processed + " items: "
                        + streams.tail();
            }
            Map<String, Double> m = scrape(http, streams.metricsPort);
            enginePasses(m, passes);
            processed = Math.max(processed, m.getOrDefault("meektracker_events_processed_total", 0.0));
            double emitted = m.getOrDefault("meektracker_outputs_emitted_total", 0.0);
            if (processed > progressAt) {
                progressAt = processed;
                progressSince = System.nanoTime();
            } else if (processed > 0 && System.nanoTime() - progressSince > STALL.toNanos() && processed < items) {
                return "stalled: no item processed for " + STALL.toSeconds() + " s after " + (long) processed + " of "
                        + items + " (" + streams.gcNote() + ")";
            }
            if (processed >= items && emitted == lastEmitted && emitted > 0) {
                // Replayed history is published at the idle flush (meek.emit.idle.ms): wait out a few
                // seconds with nothing new before calling the work done.
                if (++stable >= 6) {
                    streams.done();
                    return null;
                }
            } else {
                stable = 0;
            }
            lastEmitted = emitted;
            Thread.sleep(500);
        }
        return "did not finish in time, " + (long) processed + " of " + items + " items processed: " + streams.tail();
    }

    /** Until every consumer group reading this run's output topics has caught up; null, or why not. */
    private static String awaitConsumers(TrackerConfig c, String prefix, Child consumers, long deadline)
            throws Exception {
        try (Admin admin = Admin.create(c.clientProperties())) {
            int caughtUp = 0;
            while (System.nanoTime() < deadline) {
                if (!consumers.process.isAlive()) {
                    return "exited with code " + consumers.process.exitValue() + ": " + consumers.tail();
                }
                long lag = 0;
                int groups = 0;
                for (ConsumerGroupListing g : admin.listConsumerGroups().all().get()) {
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(g.groupId())
                            .partitionsToOffsetAndMetadata()
                            .get();
                    Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
                    committed.keySet().stream()
                            .filter(tp -> tp.topic().startsWith(prefix))
                            .forEach(tp -> ends.put(tp, OffsetSpec.latest()));
                    if (ends.isEmpty() || g.groupId().equals(prefix + "tracker")) {
                        continue;
                    }
                    groups++;
                    var latest = admin.listOffsets(ends).all().get();
                    for (TopicPartition tp : ends.keySet()) {
                        // Transaction markers take an offset each: a read_committed consumer that has read
                        // everything may sit one or two below the end offset.
                        lag += Math.max(
                                0, latest.get(tp).offset() - committed.get(tp).offset() - 2);
                    }
                }
                caughtUp = groups > 0 && lag == 0 ? caughtUp + 1 : 0;
                if (caughtUp >= 4) {
                    consumers.done();
                    return null;
                }
                Thread.sleep(500);
            }
        }
        return "did not catch up in time: " + consumers.tail();
    }

    /** Folds one scrape's engine-pass figures into {@code passes}, keeping the longest seen. */
    static void enginePasses(Map<String, Double> scraped, Map<String, EnginePass> passes) {
        for (TrackerMetrics.Pass p : TrackerMetrics.Pass.values()) {
            String labels = "{pass=\"" + p.tag() + "\"}";
            Double count = scraped.get("meektracker_engine_pass_seconds_count" + labels);
            if (count == null) {
                continue;
            }
            double longest = scraped.getOrDefault("meektracker_engine_pass_max_seconds" + labels, 0.0);
            EnginePass before = passes.get(p.tag());
            passes.put(
                    p.tag(),
                    new EnginePass(
                            count.longValue(),
                            scraped.getOrDefault("meektracker_engine_pass_seconds_sum" + labels, 0.0),
                            before == null ? longest : Math.max(before.longestSeconds(), longest)));
        }
    }

    /**
     * A role's metrics: each name's samples summed over their labels, and each labelled sample under
     * its whole name too ({@code name{label="value"}}, as the exposition writes it).
     */
    private static Map<String, Double> scrape(HttpClient http, int port) {
        Map<String, Double> m = new HashMap<>();
        try {
            String body = http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                    .timeout(Duration.ofSeconds(30))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            for (String line : body.split("\n")) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                int space = line.lastIndexOf(' ');
                int brace = line.indexOf('{');
                String name = brace > 0 && brace < space ? line.substring(0, brace) : line.substring(0, space);
                try {
                    double value = Double.parseDouble(line.substring(space + 1));
                    m.merge(name, value, Double::sum);
                    if (brace > 0 && brace < space) {
                        m.put(line.substring(0, space), value);
                    }
                } catch (NumberFormatException ignored) {
                    // Not a sample line.
                }
            }
        } catch (IOException notUpYet) {
            // The role is still starting.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return m;
    }

    /** One role as a child JVM, its output in a log file. */
    private static final class Child {
        final String role;
        final Process process;
        final Path log;
        final int metricsPort;
        final long started = System.nanoTime();
        long finished;

        private Child(String role, Process process, Path log, int metricsPort) {
            this.role = role;
            this.process = process;
            this.log = log;
            this.metricsPort = metricsPort;
        }

        static Child start(
                Path jar, List<String> javaOptions, Path logs, int metricsPort, String role, List<String> args)
                throws IOException {
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(javaOptions);
            cmd.add("-jar");
            cmd.add(jar.toString());
            cmd.add(role);
            cmd.addAll(args);
            Path log = logs.resolve(role + ".log");
            Process p = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new Child(role, p, log, metricsPort);
        }

        void done() {
            finished = System.nanoTime();
        }

        Role result(String failure, Map<String, EnginePass> enginePasses) {
            double seconds = ((finished == 0 ? System.nanoTime() : finished) - started) / 1e9;
            // A heap near its limit shows as time in collection rather than as resident memory.
            double gc = process.isAlive()
                    ? scrape(HttpClient.newHttpClient(), metricsPort)
                            .getOrDefault("jvm_gc_pause_seconds_sum", Double.NaN)
                    : Double.NaN;
            return new Role(role, peakRssKb(process.pid()), seconds, failure, gc, enginePasses);
        }

        /** The child's share of time in garbage collection, from jstat when the JDK has it. */
        String gcNote() {
            try {
                Process p = new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "jstat")
                                        .toString(),
                                "-gcutil",
                                Long.toString(process.pid()))
                        .redirectErrorStream(true)
                        .start();
                String text = new String(p.getInputStream().readAllBytes()).trim();
                p.waitFor(10, TimeUnit.SECONDS);
                String[] lines = text.split("\n");
                return lines.length == 2
                        ? "jstat -gcutil: " + lines[0].trim().replaceAll("\\s+", " ") + " = "
                                + lines[1].trim().replaceAll("\\s+", " ")
                        : "no jstat";
            } catch (IOException e) {
                return "no jstat";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "no jstat";
            }
        }

        String tail() {
            try {
                List<String> lines = Files.readAllLines(log);
                return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
            } catch (IOException e) {
                return "(no log: " + e.getMessage() + ")";
            }
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** VmHWM of a live process, kB; -1 when /proc does not tell (not Linux, or the process is gone). */
    static long peakRssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
