package dev.meektracker.launcher;

import dev.meektracker.consumers.alerts.AlertRule;
import dev.meektracker.core.config.TrackerConfig;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "consumers",
        header = "Run the consumers against a cluster: alert evaluator, notifiers and /metrics.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Run the consumers alone against a Kafka cluster: the alert evaluator, the notifiers configured by",
            "meek.notify.* (log, webhook, Alertmanager, Slack) and /metrics with a gauge per gap and fit, until Ctrl-C or SIGTERM.",
            "Webhook and Slack URLs are secrets: pass them in the environment (MEEK_NOTIFY_WEBHOOK_URL, MEEK_NOTIFY_SLACK_URL)."
        })
final class ConsumersCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    AlertOptions alerts;

    @Option(names = "--print-gaps", description = "Print each changed gap estimate too, not only alert transitions.")
    boolean printGaps;

    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() throws Exception {
        // The rules first: a bad file is one line at once, not after the cluster check's seconds.
        List<AlertRule> rules = alerts.rules();
        TrackerConfig config = alerts.apply(connection.requireCluster(spec));
        PrintWriter err = spec.commandLine().getErr();
        try (Lifecycle life = new Lifecycle("consumers")) {
            Roles.installTopics(config);
            Monitoring monitoring = life.add(new Monitoring(config));
            Roles.consumers(
                    config,
                    rules,
                    life,
                    monitoring,
                    System.out,
                    printGaps ? new dev.meektracker.consumers.GapPrinter(System.out, false) : null,
                    err);
            err.println("Prometheus metrics at " + monitoring.url());
            err.println("running; Ctrl-C stops the consumers");
            err.flush();
            life.awaitShutdown();
        }
        return 0;
    }
}
