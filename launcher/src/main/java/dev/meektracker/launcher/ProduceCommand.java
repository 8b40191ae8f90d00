package dev.meektracker.launcher;

import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.core.event.InputEvent;
import dev.meektracker.core.topic.TopicInstaller;
import dev.meektracker.core.topic.Topics;
import dev.meektracker.producers.EventPublisher;
import dev.meektracker.producers.importer.ImportResult;
import dev.meektracker.producers.importer.Inputs;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "produce",
        header = "Validate input files and publish their events, keyed by stable id.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Validate input files and publish their events, keyed by stable id (publishing a corrected row again is an upsert).",
            "Every rejected row is reported with file, line and reason; any rejection fails the run unless --skip-invalid."
        })
final class ProduceCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    InputOptions inputs;

    @Option(names = "--sample", description = "Publish the curated sample shipped with the tracker.")
    boolean sample;

    @Option(names = "--replay", description = "Publish in release-date order.")
    boolean replay;

    @Option(
            names = "--speed-up",
            paramLabel = "FACTOR",
            description = "With --replay, pace events in event time: one day of history takes 86400/FACTOR seconds.")
    Double speedUp;

    @Option(names = "--dry-run", description = "Validate and report; publish nothing.")
    boolean dryRun;

    @Option(names = "--skip-invalid", description = "Publish the valid rows even when some are rejected, and exit 0.")
    boolean skipInvalid;

    @Option(
            names = "--create-topics",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description =
                    "Create the tracker's topics when missing (default); --no-create-topics leaves the cluster alone.")
    boolean createTopics;

    @Option(
            names = "--verbose",
            description = "List every rejected and skipped row (default: a summary by reason with the first few).")
    boolean verbose;

    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        if (inputs.none() && !sample) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "nothing to publish: give --models, --hardware, --benchmarks or --sample");
        }
        if (speedUp != null && (!replay || !(speedUp > 0) || speedUp.isInfinite())) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--speed-up needs --replay and a finite positive factor");
        }
        TrackerConfig config = connection.load();
        ImportResult result = inputs.read(config, sample);
        if (sample && !inputs.none()) {
            result.addAll(inputs.read(config, true));
        }
        InputOptions.report(result, err, verbose);
        boolean rejected = !result.rejections().isEmpty();
        if (rejected && !skipInvalid) {
            err.println("meek-tracker: " + InputOptions.rejected(result)
                    + "; nothing published (--skip-invalid publishes the valid rows)");
            return 1;
        }
        if (dryRun) {
            out.println("dry run: " + InputOptions.count(result.events().size(), "valid event", "valid events")
                    + ", nothing published");
            return 0;
        }
        String bootstrap = config.bootstrapServers().isEmpty() ? "127.0.0.1:9092" : config.bootstrapServers();
        Properties client = config.clientProperties();
        client.put("bootstrap.servers", bootstrap);
        Topics topics = Topics.of(config);
        String unreachable = BrokerCheck.unreachable(client, Duration.ofSeconds(10));
        if (unreachable != null) {
            err.println("meek-tracker: " + BrokerCheck.message(client, Duration.ofSeconds(10), unreachable)
                    + "; nothing published");
            return 1;
        }
        if (createTopics) {
            try (Admin admin = Admin.create(client)) {
                TopicInstaller.ensure(admin, topics, config.replicationFactor());
            }
        }
        List<InputEvent> events = replay ? Inputs.inReleaseOrder(result.events()) : result.events();
        ProgressBar bar = new ProgressBar(err, events.size());
        Map<String, Integer> sent;
        try (EventPublisher publisher = new EventPublisher(client, topics)) {
            sent = publisher.publish(events, speedUp, bar::update);
        }
        bar.done();
        out.println("published " + events.size() + " events to " + bootstrap + ": " + sent);
        return 0;
    }
}
