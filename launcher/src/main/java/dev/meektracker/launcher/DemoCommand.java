package dev.meektracker.launcher;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meektracker.broker.EmbeddedKafkaBroker;
import dev.meektracker.consumers.GapPrinter;
import dev.meektracker.consumers.OutputCollector;
import dev.meektracker.consumers.alerts.AlertRule;
import dev.meektracker.core.config.Settings;
import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.core.event.GapEstimate;
import dev.meektracker.core.event.InputEvent;
import dev.meektracker.core.event.SourceRevision;
import dev.meektracker.core.serde.Json;
import dev.meektracker.core.topic.Topics;
import dev.meektracker.producers.EventPublisher;
import dev.meektracker.producers.importer.ImportResult;
import dev.meektracker.producers.importer.Inputs;
import dev.meektracker.producers.watch.SourceSpec;
import dev.meektracker.producers.watch.SourceWatcher;
import dev.meektracker.streams.TrackerStreamsApp;
import dev.meektracker.streams.page.PageData;
import dev.meektracker.streams.page.PageView;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "demo",
        header = "Run the whole pipeline in one process on an embedded broker and print the gap estimates.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "The whole pipeline in one process: an embedded Kafka broker (unless --bootstrap-servers), the topics, the streams",
            "application and the consumers; then it replays the curated sample (or the given files) in release order and prints",
            "the gap estimates as they change. --once waits until the pipeline is idle, writes a JSON report and exits."
        })
final class DemoCommand implements Callable<Integer> {

    private static final String REPLAY_COMMIT_INTERVAL_MS = "1000";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    InputOptions inputs;

    @Option(names = "--once", description = "Exit when the pipeline is idle, after writing the report.")
    boolean once;

    @Option(
            names = "--report",
            paramLabel = "FILE",
            description = "With --once, write the JSON report here instead of to standard output.")
    Path report;

    @Option(
            names = "--sources",
            paramLabel = "FILE",
            description =
                    "Watch the sources of this file (YAML) instead of replaying files: with --once each is fetched"
                            + " once; without, they are polled at their intervals.")
    Path sources;

    @Option(
            names = "--notify-history",
            description = "Send webhooks, Slack and Alertmanager the transitions earlier runs already covered too"
                    + " (by default a run sends only what is newer than what it sent before: meek.notify.memory.dir).")
    boolean notifyHistory;

    @Option(
            names = "--html",
            paramLabel = "FILE",
            description = "With --once, also write the page as one self-contained HTML file (data, scripts and styles"
                    + " inline; opens offline).")
    Path html;

    @Option(
            names = "--speed-up",
            paramLabel = "FACTOR",
            description =
                    "Pace the replay in event time: one day of history takes 86400/FACTOR seconds (default: as fast as possible).")
    Double speedUp;

    @Option(
            names = "--http-port",
            paramLabel = "PORT",
            description = "Port of the interactive-query API (meek.http.port; 0 picks a free one).")
    Integer httpPort;

    @Mixin
    AlertOptions alerts;

    @Option(
            names = "--metrics-port",
            paramLabel = "PORT",
            description = "Port of the Prometheus /metrics endpoint (meek.metrics.port; 0 picks a free one).")
    Integer metricsPort;

    @Option(
            names = "--idle-timeout",
            paramLabel = "SECONDS",
            defaultValue = "120",
            description =
                    "With --once, give up if the pipeline is not idle after this long (default ${DEFAULT-VALUE}).")
    int idleTimeoutSeconds;

    @Option(names = "--fits", description = "Print changed fits too, not only gaps.")
    boolean printFits;

    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() throws Exception {
        if (report != null && !once) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--report needs --once");
        }
        if (html != null && !once) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--html needs --once (a running tracker serves the same file at /report.html)");
        }
        if (speedUp != null && (!(speedUp > 0) || speedUp.isInfinite())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--speed-up must be a finite positive factor");
        }
        // Found before the replay, not when the report is written.
        OutputFiles.requireWritable(spec.commandLine(), "--report", report);
        OutputFiles.requireWritable(spec.commandLine(), "--html", html);
        if (idleTimeoutSeconds < 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--idle-timeout must be at least 1 second, not " + idleTimeoutSeconds);
        }
        PrintWriter err = spec.commandLine().getErr();
        TrackerConfig config = connection.load();
        // A demo replays a bounded history (the sample, a download, the watched sources: at most some
        // 10^5 items): its latest items stay on the heap, where each event skips a RocksDB write and
        // the process skips loading RocksDB at all. The user's own setting wins.
        if (!config.isSet(Settings.ITEMS_STORE)) {
            config = config.with(Settings.ITEMS_STORE, "memory");
        }
        TrackerStreamsApp.loadStoreLibraryInBackground(config);
        if (httpPort != null) {
            config = config.with(Settings.HTTP_PORT, String.valueOf(httpPort));
        }
        if (metricsPort != null) {
            config = config.with(Settings.METRICS_PORT, String.valueOf(metricsPort));
        }
        // Each demo runs on a fresh broker: without a memory on disk, every run would notify the whole
        // history again. The user's own setting (or an empty one for none) wins.
        if (!config.isSet(Settings.NOTIFY_MEMORY_DIR)) {
            config = config.with(
                    Settings.NOTIFY_MEMORY_DIR,
                    Path.of(System.getProperty("user.home"), ".meek-tracker", "notified")
                            .toString());
        }
        if (notifyHistory) {
            config = config.with(Settings.NOTIFY_HISTORY, "true");
        }
        List<AlertRule> rules = alerts.rules();
        config = alerts.apply(config);
        List<SourceSpec> watched = null;
        ImportResult imported;
        if (sources != null) {
            if (inputs.any()) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--sources watches sources instead of replaying files: give one or the other");
            }
            watched = WatchCommand.load(spec, sources);
            imported = new ImportResult();
        } else {
            // Read and check the inputs before starting anything: a bad path fails in a second, not after start-up.
            imported = inputs.read(config, true);
            InputOptions.report(imported, err, false);
        }

        Lifecycle life = new Lifecycle("demo");
        try {
            if (config.bootstrapServers().isEmpty()) {
                EmbeddedKafkaBroker broker = life.addFoundation(new EmbeddedKafkaBroker().start());
                config = config.with(Settings.BOOTSTRAP_SERVERS, broker.bootstrapServers());
                // The broker is in this process: a request it turns away while things are being set up
                // (internal topics not ready yet, a transaction coordinator still loading) is worth
                // retrying after 10 ms rather than Kafka's 100, which both Streams applications' start
                // waits out several times (the demo ended 0.4 s sooner, mean of six alternated runs).
                config = config.withClientDefault("retry.backoff.ms", "10");
                err.println("embedded Kafka broker at " + broker.bootstrapServers());
            }
            Topics topics = Roles.installTopics(config);
            Monitoring monitoring = life.add(new Monitoring(config));
            // With --once the replay is all the tracker will ever read, and its end is told to
            // the processor, which commits its end state at once: the commits in between only cost
            // the stream thread a transaction each (some 50 ms on this cold JVM, every 100 ms).
            // One a second instead made the demo 0.26-0.51 s quicker (means of six and eight runs). The
            // alert evaluator keeps its 100 ms: it cannot know when its input has ended.
            TrackerConfig trackerConfig = once
                    ? config.withClientDefault(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, REPLAY_COMMIT_INTERVAL_MS)
                    : config;
            TrackerStreamsApp app = Roles.streams(trackerConfig, life, monitoring, err);
            PrintStream human = once && report == null ? System.err : System.out;
            OutputCollector collector =
                    Roles.consumers(config, rules, life, monitoring, human, new GapPrinter(human, printFits), err);
            err.println("Prometheus metrics at " + monitoring.url());

            List<InputEvent> events = Inputs.inReleaseOrder(imported.events());
            List<SourceRevision> revisions = new ArrayList<>();
            int published;
            if (watched != null) {
                SourceWatcher watcher = Roles.watcher(config, life, monitoring);
                if (once) {
                    for (SourceSpec s : watched) {
                        SourceRevision r = watcher.poll(s);
                        revisions.add(r);
                        err.println(WatchCommand.line(r));
                    }
                } else {
                    List<SourceSpec> polled = watched;
                    Thread loop = new Thread(
                            () -> {
                                try {
                                    watcher.run(polled);
                                } catch (InterruptedException stop) {
                                    Thread.currentThread().interrupt();
                                }
                            },
                            "source-watcher");
                    loop.setDaemon(true);
                    loop.start();
                    life.add(loop::interrupt);
                    err.println("watching " + watched.size() + " sources");
                }
                published = revisions.stream()
                        .mapToInt(r -> r.upserts() + r.tombstones())
                        .sum();
            } else {
                try (EventPublisher publisher = new EventPublisher(config.clientProperties(), topics)) {
                    publisher.publish(events, speedUp, n -> {});
                }
                err.println("published " + events.size() + " events in release order");
                published = events.size();
            }

            // The events were published while both applications joined their groups (the topics exist,
            // and a new group reads from the earliest offset): the replay does not wait out the join.
            Roles.awaitRunning(app);
            if (!once) {
                err.println("running; Ctrl-C stops the tracker");
                life.awaitShutdown();
                return 0;
            }
            try (AlertProgress alertProgress = new AlertProgress(config, topics)) {
                awaitIdle(app, collector, alertProgress, topics, published, Duration.ofSeconds(idleTimeoutSeconds));
            }
            if (html != null) {
                List<com.fasterxml.jackson.databind.JsonNode> transitions = collector.alerts().stream()
                        .map(a -> (com.fasterxml.jackson.databind.JsonNode) Json.MAPPER.valueToTree(a))
                        .toList();
                List<com.fasterxml.jackson.databind.JsonNode> sourced = revisions.stream()
                        .map(r -> (com.fasterxml.jackson.databind.JsonNode) Json.MAPPER.valueToTree(r))
                        .toList();
                Files.writeString(html, PageView.report(PageData.build(app.pageSnapshot(transitions, sourced))));
                err.println("HTML report written to " + html);
            }
            ObjectNode doc = report(app, collector, imported, published);
            if (watched != null) {
                doc.set("sources", Json.MAPPER.valueToTree(revisions));
            }
            byte[] json = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
            if (report == null) {
                System.out.write(json);
                System.out.println();
                System.out.flush();
            } else {
                Files.write(report, json);
                err.println("report written to " + report);
            }
            return 0;
        } finally {
            if (once) {
                life.close();
            }
        }
    }

    /**
     * The replay did not finish within --idle-timeout: a failed run (exit code 1) said in one line, with
     * how far the pipeline got, not a stack trace.
     */
    static final class NotIdle extends RuntimeException {
        NotIdle(String message) {
            super(message);
        }
    }

    /**
     * Idle: every published event validated and taken by the engine, its end state forwarded and in a
     * committed transaction, every gap estimate evaluated for alerts (the evaluator's offsets are
     * committed with its alerts), and the collector past the last stable offsets read after that.
     * Each step follows from the one before, so the report holds the whole end state without waiting
     * out a quiet period. Where the stream thread's commits cannot be counted, idleness must instead
     * hold over three checks 100 ms apart (a commit interval): outputs become readable only when
     * their transaction commits.
     */
    private static void awaitIdle(
            TrackerStreamsApp app,
            OutputCollector collector,
            AlertProgress alerts,
            Topics topics,
            int published,
            Duration timeout)
            throws Exception {
        // What the report is read from.
        List<String> outputs = List.of(
                topics.scalingFits().name(),
                topics.gapEstimates().name(),
                topics.gapAlerts().name());
        long deadline = System.nanoTime() + timeout.toNanos();
        int stableChecks = 0;
        Map<org.apache.kafka.common.TopicPartition, Long> ends = null;
        while (true) {
            if (System.nanoTime() > deadline) {
                throw new NotIdle("the pipeline was not idle after " + timeout.toSeconds() + " s: "
                        + app.metrics().acceptedCount()
                        + " accepted, " + app.metrics().deadLetteredCount() + " dead-lettered, "
                        + app.metrics().processedCount()
                        + " processed of " + published + " published");
            }
            boolean validated = app.metrics().acceptedCount() + app.metrics().deadLetteredCount() >= published;
            boolean taken =
                    validated && app.metrics().processedCount() >= app.metrics().acceptedCount();
            if (taken && app.metrics().deferredPending()) {
                // Every event of this bounded replay is in the engine: its end state can be published now,
                // not after meek.emit.idle.ms of quiet (which a live tracker needs, not knowing the end).
                app.metrics().endOfInput();
            }
            boolean processed = taken && !app.metrics().deferredPending();
            Boolean committed = app.metrics().outputsCommitted();
            if (committed == null) {
                stableChecks = processed && alerts.caughtUp() && collector.caughtUp() ? stableChecks + 1 : 0;
                if (stableChecks == 3) {
                    return;
                }
                Thread.sleep(100);
                continue;
            }
            if (ends == null && processed && committed && alerts.caughtUp()) {
                // Null while a transaction on the outputs is still being completed: checked again.
                ends = alerts.settledEnds(outputs);
            }
            if (ends != null) {
                if (!processed || !committed) {
                    // An event arrived after all (a replay is bounded, but the topics are shared): again.
                    ends = null;
                } else if (collector.reached(ends)) {
                    return;
                }
            }
            Thread.sleep(20);
        }
    }

    private static ObjectNode report(
            TrackerStreamsApp app, OutputCollector collector, ImportResult imported, int published) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("generatedBy", "meek-tracker demo --once");
        Map<String, GapEstimate> gaps = collector.gaps();
        doc.put(
                "asOf",
                gaps.values().stream()
                        .map(GapEstimate::asOf)
                        .max(java.time.LocalDate::compareTo)
                        .map(Object::toString)
                        .orElse(null));
        ObjectNode in = doc.putObject("inputs");
        in.put("rows", imported.rows());
        in.put("events", imported.events().size());
        in.put("rejected", imported.rejections().size());
        in.set("eventsByType", Json.MAPPER.valueToTree(imported.eventsByType()));
        in.set("rejectionsByReason", Json.MAPPER.valueToTree(imported.rejectionsByReason()));
        in.put("skipped", imported.skipped().size());
        in.set("skippedByReason", Json.MAPPER.valueToTree(imported.skippedByReason()));
        ObjectNode pipeline = doc.putObject("pipeline");
        pipeline.put("published", published);
        pipeline.set("accepted", Json.MAPPER.valueToTree(app.metrics().accepted()));
        pipeline.set("deadLettered", Json.MAPPER.valueToTree(app.metrics().deadLettered()));
        pipeline.put("processed", app.metrics().processedCount());
        pipeline.set("emitted", Json.MAPPER.valueToTree(app.metrics().emitted()));
        doc.set("fits", Json.MAPPER.valueToTree(collector.fits().values()));
        doc.set("gaps", Json.MAPPER.valueToTree(gaps.values()));
        doc.set("alerts", Json.MAPPER.valueToTree(collector.alerts()));
        return doc;
    }
}
