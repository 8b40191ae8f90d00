package dev.meektracker.launcher;

import dev.meektracker.consumers.OutputCollector;
import dev.meektracker.consumers.alerts.AlertEvaluatorApp;
import dev.meektracker.consumers.alerts.AlertRule;
import dev.meektracker.consumers.notify.Notifiers;
import dev.meektracker.consumers.notify.Sink;
import dev.meektracker.core.config.Settings;
import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.core.topic.TopicInstaller;
import dev.meektracker.core.topic.Topics;
import dev.meektracker.core.validate.EventValidator;
import dev.meektracker.producers.importer.Inputs;
import dev.meektracker.producers.watch.Fetcher;
import dev.meektracker.producers.watch.SourceSpec;
import dev.meektracker.producers.watch.SourceWatcher;
import dev.meektracker.streams.QueryServer;
import dev.meektracker.streams.TrackerStreamsApp;
import dev.meektracker.streams.page.TopicTail;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The tracker's three roles, started the same way by the demo (all in one process) and by the
 * {@code streams} and {@code consumers} commands (one role per process, as in docker-compose).
 */
final class Roles {

    private Roles() {}

    /** Creates the missing topics and waits until they answer. */
    static Topics installTopics(TrackerConfig config) throws Exception {
        return TopicInstaller.install(config);
    }

    /**
     * The topology (exactly-once) with its query API, its counters on the metrics. Returns once the
     * application has started, before it has joined its group: the caller starts what else it runs
     * meanwhile (the demo's consumers join their own group at the same time) and then {@link
     * #awaitRunning}s it.
     */
    static TrackerStreamsApp streams(TrackerConfig config, Lifecycle life, Monitoring monitoring, PrintWriter err)
            throws Exception {
        TrackerStreamsApp app = life.add(new TrackerStreamsApp(config).start());
        monitoring.bindTracker(app);
        TopicTail alerts = life.add(new TopicTail(
                config.clientProperties(), Topics.of(config).gapAlerts().name()));
        TopicTail revisions = life.add(new TopicTail(
                config.clientProperties(), Topics.of(config).sourceRevisions().name()));
        QueryServer queries = life.add(new QueryServer(
                app,
                alerts::records,
                revisions::latestByKey,
                config.httpHost(),
                config.httpPort(),
                config.secret(Settings.HTTP_TOKEN)));
        err.println("the gap over time, in a browser: " + queries.url() + "/");
        err.println("interactive queries at " + queries.url() + "/api (fits, gaps, history by event time)");
        return app;
    }

    /** Waits until the streams application runs (has joined its group and restored its state), or fails. */
    static void awaitRunning(TrackerStreamsApp app) throws InterruptedException {
        if (!app.awaitRunning(Duration.ofSeconds(60))) {
            throw new IllegalStateException("the streams application did not start: " + app.state());
        }
    }

    /** The sources file given, or the one shipped in the jar naming the real public URLs. */
    static List<SourceSpec> sources(java.nio.file.Path file) throws java.io.IOException {
        if (file != null) {
            return SourceSpec.load(file, System::getenv);
        }
        java.nio.file.Path tmp = java.nio.file.Files.createTempFile("meek-tracker-sources-", ".yaml");
        try (var in = Roles.class.getClassLoader().getResourceAsStream("sources/default-sources.yaml")) {
            java.nio.file.Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return SourceSpec.load(tmp, System::getenv);
        } finally {
            java.nio.file.Files.deleteIfExists(tmp);
        }
    }

    /**
     * The source watcher (one transactional id per application id: a second watcher fences the first).
     * Closed after the other resources, so the loop that polls with it has stopped before its producer does.
     */
    static SourceWatcher watcher(TrackerConfig config, Lifecycle life, Monitoring monitoring) {
        return life.addFoundation(new SourceWatcher(
                config.clientProperties(),
                Topics.of(config),
                new Inputs(
                        new EventValidator(java.time.Clock.systemUTC(), config.maxFutureSkew()),
                        config.longValue(Settings.WATCH_MAX_BYTES),
                        Settings.WATCH_MAX_BYTES + " (" + config.longValue(Settings.WATCH_MAX_BYTES) + " bytes)"),
                Fetcher.defaults(config.longValue(Settings.WATCH_MAX_BYTES)),
                monitoring.registry(),
                config.applicationId() + "-watch",
                java.time.Clock.systemUTC()));
    }

    /**
     * The consumers: the alert evaluator (exactly-once), one notifier per configured sink, and an output
     * collector turning fits, gaps and alerts into gauges (and, when {@code printer} is given, console lines).
     */
    static OutputCollector consumers(
            TrackerConfig config,
            List<AlertRule> rules,
            Lifecycle life,
            Monitoring monitoring,
            PrintStream alertLines,
            Consumer<Object> printer,
            PrintWriter err) {
        AlertEvaluatorApp evaluator = life.add(new AlertEvaluatorApp(config, rules).start());
        monitoring.bindStreams(evaluator.streams()).bindRules(rules);
        List<Sink> sinks = Notifiers.sinks(config, alertLines::println);
        Notifiers notifiers = life.add(Notifiers.start(config, sinks, monitoring.registry()));
        err.println("alert rules: " + rules.size() + "; notifiers: " + String.join(", ", notifiers.names()));
        Consumer<Object> listener = printer == null ? monitoring.listener() : printer.andThen(monitoring.listener());
        OutputCollector collector =
                life.add(new OutputCollector(config.clientProperties(), Topics.of(config), listener));
        Thread t = new Thread(collector, "output-collector");
        t.setDaemon(true);
        t.start();
        return collector;
    }
}
