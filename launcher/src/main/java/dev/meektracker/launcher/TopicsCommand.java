package dev.meektracker.launcher;

import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.core.topic.Topics;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "topics",
        header = "Create the tracker's topics on a cluster where missing, then list them.",
        mixinStandardHelpOptions = true,
        description =
                "Create the tracker's topics on a Kafka cluster where missing (partitions and replication from meek.topic.*), then exit.")
final class TopicsCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() throws Exception {
        TrackerConfig config = connection.requireCluster(spec);
        Topics topics = Roles.installTopics(config);
        topics.all().forEach(t -> spec.commandLine().getOut().println(t.name()));
        return 0;
    }
}
