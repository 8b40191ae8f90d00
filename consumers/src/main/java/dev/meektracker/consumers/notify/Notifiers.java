package dev.meektracker.consumers.notify;

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
        String link = config.get("meek.notify.link.url").trim();
        String queries = link.isEmpty() ? "http://" + config.get("meek.http.host") + ":" + config.get("meek.http.port")
                : link.replaceAll("/+$", "");
        List<Sink> sinks = new ArrayList<>();
        if (Boolean.parseBoolean(config.get("meek.notify.log").trim())) {
            sinks.add(new LogSink(logLine));
        }
        String webhook = config.get("meek.notify.webhook.url").trim();
        if (!webhook.isEmpty()) {
            String auth = config.get("meek.notify.webhook.authorization").trim();
            sinks.add(new WebhookSink("webhook", webhook, auth.isEmpty() ? Map.of() : Map.of("Authorization", auth), s.timeout(), queries));
        }
        String alertmanager = config.get("meek.notify.alertmanager.url").trim();
        if (!alertmanager.isEmpty()) {
            sinks.add(new AlertmanagerSink(alertmanager, s.timeout(), s.alertmanagerResend(), queries));
        }
        String slack = config.get("meek.notify.slack.url").trim();
        if (!slack.isEmpty()) {
            sinks.add(new SlackSink(slack, s.timeout(), queries));
        }
        return sinks;
    }

    /** Starts one runner per sink. */
    public static Notifiers start(TrackerConfig config, List<Sink> sinks, MeterRegistry registry) {
        Topics topics = Topics.of(config);
        NotifySettings settings = NotifySettings.from(config);
        List<SinkRunner> runners = new ArrayList<>();
        for (Sink sink : sinks) {
            String group = config.get("meek.application.id") + "-notify-" + sink.name();
            runners.add(new SinkRunner(sink, config.clientProperties(), topics.gapAlerts().name(), group, settings, registry).start());
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
