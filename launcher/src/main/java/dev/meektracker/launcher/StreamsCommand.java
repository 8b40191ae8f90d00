package dev.meektracker.launcher;

import dev.meektracker.core.config.TrackerConfig;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "streams",
        header = "Run the exactly-once streams application with its query API against a cluster.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Run the streams application alone against a Kafka cluster: the exactly-once topology, its query API",
            "and its /metrics, until Ctrl-C or SIGTERM. Run several for more partitions; they share meek.application.id."
        })
final class StreamsCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() throws Exception {
        TrackerConfig config = connection.requireCluster(spec);
        PrintWriter err = spec.commandLine().getErr();
        // Ready by the time the task opens its store, instead of loaded then on the stream thread.
        dev.meektracker.streams.TrackerStreamsApp.loadStoreLibraryInBackground(config);
        try (Lifecycle life = new Lifecycle("streams")) {
            Roles.installTopics(config);
            Monitoring monitoring = life.add(new Monitoring(config));
            Roles.awaitRunning(Roles.streams(config, life, monitoring, err));
            err.println("Prometheus metrics at " + monitoring.url());
            err.println("running; Ctrl-C stops the streams application");
            err.flush();
            life.awaitShutdown();
        }
        return 0;
    }
}
