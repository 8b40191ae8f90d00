package dev.meektracker.consumers.notify;

import dev.meektracker.core.config.Settings;
import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.core.topic.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured sinks, each on its own runner and consumer group ({@code <meek.application.id>-notify-<sink>}).
 * Which sinks run comes from meek.notify.*: the log unless turned off, and each of webhook,
 * Alertmanager and Slack whose URL is set.
 */
public final class Notifiers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Notifiers.class);

    private final List<SinkRunner> runners = new ArrayList<>();

    private Notifiers(List<SinkRunner> runners) {
        this.runners.addAll(runners);
    }

    /** The sinks meek.notify.* asks for; {@code logLine} receives the log sink's lines. */
    public static List<Sink> sinks(TrackerConfig config, Consumer<String> logLine) {
        NotifySettings s = NotifySettings.from(config);
        String link = config.string(Settings.NOTIFY_LINK_URL);
        String queries =
                link.isEmpty() ? "http://" + config.httpHost() + ":" + config.httpPort() : link.replaceAll("/+$", "");
        List<Sink> sinks = new ArrayList<>();
        if (config.bool(Settings.NOTIFY_LOG)) {
            sinks.add(new LogSink(logLine));
        }
        String webhook = config.secret(Settings.NOTIFY_WEBHOOK_URL);
        if (!webhook.isEmpty()) {
            String auth = config.secret(Settings.NOTIFY_WEBHOOK_AUTHORIZATION);
            sinks.add(new WebhookSink(
                    "webhook",
                    webhook,
                    auth.isEmpty() ? Map.of() : Map.of("Authorization", auth),
                    s.timeout(),
                    queries));
        }
        String alertmanager = config.string(Settings.NOTIFY_ALERTMANAGER_URL);
        if (!alertmanager.isEmpty()) {
            sinks.add(new AlertmanagerSink(alertmanager, s.timeout(), s.alertmanagerResend(), queries));
        }
        String slack = config.secret(Settings.NOTIFY_SLACK_URL);
        if (!slack.isEmpty()) {
            sinks.add(new SlackSink(slack, s.timeout(), queries));
        }
        return sinks;
    }

    /** Starts one runner per sink. */
    /**
     * The sink's memory of earlier runs (meek.notify.memory.dir), for the sinks that send messages to
     * people (webhook, Slack). Not the log sink, which prints to the console, where a replay's history
     * is what the user asked to see; not Alertmanager, which holds state rather than messages (it
     * merges a repeat by its labels, and must hear of every alert still firing, or it expires it).
     */
    private static DeliveredLog memory(TrackerConfig config, Sink sink) {
        String dir = config.string(Settings.NOTIFY_MEMORY_DIR);
        if (dir.isBlank() || sink instanceof LogSink || sink instanceof AlertmanagerSink) {
            return DeliveredLog.none();
        }
        return DeliveredLog.open(
                java.nio.file.Path.of(dir).resolve(config.applicationId() + "-" + sink.name() + ".json"),
                config.bool(Settings.NOTIFY_HISTORY));
    }

    public static Notifiers start(TrackerConfig config, List<Sink> sinks, MeterRegistry registry) {
        Topics topics = Topics.of(config);
        NotifySettings settings = NotifySettings.from(config);
        List<SinkRunner> runners = new ArrayList<>();
        for (Sink sink : sinks) {
            String group = config.applicationId() + "-notify-" + sink.name();
            runners.add(new SinkRunner(
                            sink,
                            config.clientProperties(),
                            topics.gapAlerts().name(),
                            group,
                            settings,
                            registry,
                            memory(config, sink))
                    .start());
            LOG.info("notifier {} started", sink);
        }
        return new Notifiers(runners);
    }

    public List<String> names() {
        return runners.stream().map(r -> r.sink().toString()).toList();
    }

    @Override
    public void close() {
        runners.forEach(SinkRunner::close);
    }
}
