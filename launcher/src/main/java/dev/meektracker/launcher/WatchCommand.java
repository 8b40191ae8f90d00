package dev.meektracker.launcher;

import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.core.event.SourceRevision;
import dev.meektracker.producers.watch.SourceSpec;
import dev.meektracker.producers.watch.SourceWatcher;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "watch",
        header = "Watch the data sources and publish what changed, against a cluster.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Fetch each source of the sources file at its interval (conditional requests, retries), read it, and",
            "publish only what changed since the last revision: new and changed rows as upserts, vanished rows as",
            "tombstones, every fetch as a revision on source-revisions. A body that fails, does not read or changed",
            "its columns is not published; a revision deleting more than a source's share of rows is held back",
            "until accepted. Without --sources, the sources shipped in the jar (Epoch AI, LMArena, Open LLM Leaderboard)."
        })
final class WatchCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(
            names = "--sources",
            paramLabel = "FILE",
            description = "Sources file (YAML); default: the one shipped in the jar.")
    Path sources;

    @Option(
            names = "--once",
            description = "Fetch each source once, print its revision and exit (1 if any failed or was held back).")
    boolean once;

    @Option(
            names = "--accept",
            paramLabel = "SOURCE",
            description =
                    "Publish the next revision of this source even if it deletes many rows or changed its columns.")
    List<String> accept = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        List<SourceSpec> specs = accepted(load(spec, sources), accept, spec);
        TrackerConfig config = connection.requireCluster(spec);
        PrintWriter err = spec.commandLine().getErr();
        try (Lifecycle life = new Lifecycle("watch")) {
            Roles.installTopics(config);
            Monitoring monitoring = life.add(new Monitoring(config));
            SourceWatcher watcher = Roles.watcher(config, life, monitoring);
            if (once) {
                boolean ok = true;
                for (SourceSpec s : specs) {
                    SourceRevision r = watcher.poll(s);
                    spec.commandLine().getOut().println(line(r));
                    ok &= r.outcome().equals(SourceRevision.PUBLISHED)
                            || r.outcome().equals(SourceRevision.UNCHANGED);
                }
                return ok ? 0 : 1;
            }
            err.println("watching " + specs.size() + " sources; Prometheus metrics at " + monitoring.url()
                    + "; Ctrl-C stops");
            err.flush();
            Thread loop = new Thread(
                    () -> {
                        try {
                            watcher.run(specs);
                        } catch (InterruptedException stop) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "source-watcher");
            loop.start();
            life.add(() -> {
                loop.interrupt();
                loop.join(30_000);
            });
            life.awaitShutdown();
        }
        return 0;
    }

    static List<SourceSpec> load(CommandLine.Model.CommandSpec spec, Path file) {
        try {
            return Roles.sources(file);
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--sources: " + e.getMessage());
        }
    }

    static List<SourceSpec> accepted(List<SourceSpec> specs, List<String> accept, CommandLine.Model.CommandSpec spec) {
        Set<String> ids = new java.util.HashSet<>();
        specs.forEach(s -> ids.add(s.id()));
        for (String a : accept) {
            if (!ids.contains(a)) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--accept " + a + ": no such source (sources: " + ids + ")");
            }
        }
        return specs.stream()
                .map(s -> accept.contains(s.id()) ? s.accepting() : s)
                .toList();
    }

    /** One revision in a line: id, outcome, counts, and the error if any. */
    static String line(SourceRevision r) {
        return String.format(
                java.util.Locale.ROOT,
                "%-28s %-10s %6d rows %6d upserts %6d tombstones %6d ms%s",
                r.sourceId(),
                r.outcome(),
                r.rows(),
                r.upserts(),
                r.tombstones(),
                r.durationMs(),
                r.error() == null ? "" : "  " + r.error());
    }
}
