package dev.meektracker.launcher;

import dev.meektracker.consumers.alerts.AlertRule;
import dev.meektracker.consumers.alerts.AlertRules;
import dev.meektracker.core.config.Settings;
import dev.meektracker.core.config.TrackerConfig;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Options of the commands that run the alert evaluator and notifiers (demo, consumers). */
final class AlertOptions {

    @Option(
            names = "--alert-rules",
            paramLabel = "FILE",
            description = "Alert rules (YAML or JSON); default: the rules shipped in the jar.")
    Path alertRules;

    @Option(
            names = "--alertmanager-url",
            paramLabel = "URL",
            description =
                    "Also push alerts to this Alertmanager (meek.notify.alertmanager.url), e.g. http://127.0.0.1:9093.")
    String alertmanagerUrl;

    /** The rules, read and checked now, so a bad file fails before anything starts. */
    List<AlertRule> rules() {
        return alertRules == null ? AlertRules.defaults() : AlertRules.load(alertRules);
    }

    TrackerConfig apply(TrackerConfig config) {
        return alertmanagerUrl == null ? config : config.with(Settings.NOTIFY_ALERTMANAGER_URL, alertmanagerUrl);
    }
}
