package dev.meektracker.launcher;

import dev.meektracker.broker.EmbeddedKafkaBroker;
import dev.meektracker.core.config.KafkaVersion;
import dev.meektracker.core.config.Settings;
import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.core.event.InputEvent;
import dev.meektracker.core.serde.Json;
import dev.meektracker.launcher.bench.AlertLatencyBench;
import dev.meektracker.launcher.bench.EngineScalingBench;
import dev.meektracker.launcher.bench.Latencies;
import dev.meektracker.launcher.bench.PassThroughBench;
import dev.meektracker.launcher.bench.RawBaselineBench;
import dev.meektracker.launcher.bench.ReleaseLatencyBench;
import dev.meektracker.launcher.bench.RoleMemoryBench;
import dev.meektracker.launcher.bench.SyntheticEvents;
import dev.meektracker.launcher.bench.TopologyThroughputBench;
import dev.meektracker.launcher.bench.TopologyVariant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "bench",
        header = "Measure this machine: raw, pass-through and topology rates, latencies, engine cost, role memory.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Measure the pipeline on this machine and print the figures: the broker's raw produce-then-consume rate, an",
            "exactly-once pass-through loop's rate and the topology's with exactly_once_v2 and at_least_once on the same",
            "records (and twice more with exactly_once_v2: its latest items in memory, and no event-time checkpoints), with",
            "their ratios; the latency from a model release to its gap estimate at a fixed rate (p50, p99)",
            "and from a threshold crossing to a webhook receiving its alert; the engine's cost per event against its history;",
            "the streams and consumers roles' peak resident memory, each in its own JVM. Uses the embedded broker unless",
            "--bootstrap-servers."
        })
final class BenchCommand implements Callable<Integer> {

    /** Runs of the engine part per history size; the median is reported. */
    private static final int ENGINE_RUNS = 5;

    /** Warm-up rounds stop once the JIT compiles for less than this share of a round's time, or after the last round. */
    private static final double WARM_JIT_SHARE = 0.15;

    private static final int MAX_WARMUP_ROUNDS = 5;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--events",
            defaultValue = "100000",
            description = "Synthetic events replayed through the topology (default ${DEFAULT-VALUE}).")
    int events;

    @Option(
            names = "--warmup-events",
            defaultValue = "100000",
            description =
                    "Synthetic events run through throw-away runs first, untimed, repeated until the JIT compiles for less than 15 %% "
                            + "of a round (at most 5 rounds), so the timed runs measure compiled code, not the JIT compiling it (default "
                            + "${DEFAULT-VALUE}; 0 times a cold start). The engine part warms up the same way on its own runs at every "
                            + "history size (any value but 0).")
    int warmupEvents;

    @Option(
            names = "--rounds",
            defaultValue = "3",
            description =
                    "Rounds in which the exactly-once pass-through, the topology with exactly_once_v2, with at_least_once and "
                            + "its exactly_once_v2 variants (items in memory, no event-time checkpoints) take turns; the rates and ratios printed last are the rounds' medians (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(
            names = "--rate",
            defaultValue = "1000",
            description = "Model releases per second in the latency run (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(
            names = "--latency-seconds",
            defaultValue = "20",
            description = "Length of the latency run (default ${DEFAULT-VALUE}).")
    int latencySeconds;

    @Option(
            names = "--run",
            split = ",",
            paramLabel = "PART",
            defaultValue = "throughput,latency,alerts,engine,roles",
            description =
                    "What to measure: throughput (raw baseline and topology), latency (release to gap), alerts (threshold crossing "
                            + "to webhook), engine (its cost per event at 10^3, 10^5 and 10^6 items of history), roles (the resident "
                            + "memory of the streams and consumers roles, each in its own JVM); default ${DEFAULT-VALUE}.")
    java.util.Set<String> parts;

    @Option(
            names = "--role-items",
            defaultValue = "1000000",
            description =
                    "Items of history the roles part runs the streams and consumers roles on (default ${DEFAULT-VALUE}).")
    int roleItems;

    @Option(
            names = "--role-java-opts",
            defaultValue = "-Xmx256m -XX:+UseSerialGC",
            description =
                    "JVM options of each role's process in the roles part (default ${DEFAULT-VALUE}: the heap budget of a lean role).")
    String roleJavaOpts;

    @Option(
            names = "--alert-crossings",
            defaultValue = "300",
            description = "Threshold crossings in the alert run (default ${DEFAULT-VALUE}).")
    int alertCrossings;

    @Option(
            names = "--alert-rate",
            defaultValue = "20",
            description = "Crossings per second in the alert run (default ${DEFAULT-VALUE}).")
    int alertRate;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON to FILE, for scripts.")
    Path json;

    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() throws Exception {
        if (events < 1000 || rate < 1 || latencySeconds < 3 || warmupEvents < 0 || rounds < 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--events must be at least 1000, --rate positive, --latency-seconds at least 3,"
                            + " --warmup-events at least 0, --rounds at least 1");
        }
        // Found before minutes of measuring, not when the figures are written.
        OutputFiles.requireWritable(spec.commandLine(), "--json", json);
        if (roleItems < 1000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--role-items must be at least 1000");
        }
        if (alertCrossings < 20 || alertRate < 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--alert-crossings must be at least 20 and --alert-rate positive");
        }
        for (String part : parts) {
            if (!List.of("throughput", "latency", "alerts", "engine", "roles").contains(part)) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--run takes throughput, latency, alerts, engine and roles, not '" + part + "'");
            }
        }
        var out = spec.commandLine().getOut();
        Map<String, Object> figures = new LinkedHashMap<>();
        TrackerConfig loaded = connection.load();
        EmbeddedKafkaBroker broker = null;
        try {
            if (loaded.bootstrapServers().isEmpty()) {
                broker = new EmbeddedKafkaBroker().start();
            }
            TrackerConfig config =
                    broker == null ? loaded : loaded.with(Settings.BOOTSTRAP_SERVERS, broker.bootstrapServers());
            out.printf(
                    "meek-tracker bench: %d synthetic events, %d cores, max heap %d MB, Kafka %s at %s%n",
                    events,
                    Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() >> 20,
                    KafkaVersion.get(),
                    config.bootstrapServers());
            if (parts.contains("throughput")) {
                List<InputEvent> history = SyntheticEvents.generate(events, 42);
                List<TopologyVariant> variants = TopologyVariant.of(config);
                if (warmupEvents > 0) {
                    // Throw-away runs until the JIT has compiled what the runs use: on two cores its
                    // compiler threads take most of a core for the first minute or two (the broker,
                    // the clients, Kafka Streams and the tracker are a lot of code), and a run timed
                    // meanwhile measures the compiler, not the pipeline.
                    List<InputEvent> warmup = SyntheticEvents.generate(warmupEvents, 7);
                    warmUp(out, () -> {
                        RawBaselineBench.run(config, RawBaselineBench.records(warmup));
                        PassThroughBench.run(
                                config, RawBaselineBench.records(warmup), PassThroughBench.Writes.LIKE_TOPOLOGY);
                        PassThroughBench.run(
                                config, RawBaselineBench.records(warmup), PassThroughBench.Writes.ZEROS_LZ4);
                        TopologyThroughputBench.Rates w = TopologyThroughputBench.run(config, warmup);
                        for (TopologyVariant v : variants) {
                            TopologyThroughputBench.run(v.config(), warmup);
                        }
                        return String.format(
                                Locale.ROOT,
                                "%,d events through throw-away runs, topology at %,.0f events/s",
                                warmupEvents,
                                w.fromFirstEvent());
                    });
                }
                RawBaselineBench.Rates raw = RawBaselineBench.run(config, RawBaselineBench.records(history));
                out.printf(
                        Locale.ROOT,
                        "raw broker baseline: produce %,.0f events/s, consume %,.0f events/s, produce-then-consume %,.0f events/s%n",
                        raw.produce(),
                        raw.consume(),
                        raw.produceThenConsume());
                out.flush();
                double passThroughZeros = PassThroughBench.run(
                        config, RawBaselineBench.records(history), PassThroughBench.Writes.ZEROS_LZ4);
                out.printf(
                        Locale.ROOT,
                        "exactly-once loop writing zero-filled values with lz4, as first built (the broker stores a few bytes a "
                                + "record): %,.0f events/s%n",
                        passThroughZeros);
                out.flush();
                // The pass-through and the topology take turns, round after round, and each round's ratio
                // compares two runs a few seconds apart: this VM's speed drifts by up to 2x within minutes,
                // and one run of each, a minute apart, gave ratios from 0.29 to 0.70 on the same build.
                List<Map<String, Object>> roundFigures = new java.util.ArrayList<>();
                double[] passThroughs = new double[rounds];
                double[] exactlyOnce = new double[rounds];
                double[] exactlyOnceFromStart = new double[rounds];
                double[] atLeastOnce = new double[rounds];
                double[] overPassThrough = new double[rounds];
                double[] overAtLeastOnce = new double[rounds];
                double[][] variantRates = new double[variants.size()][rounds];
                for (int r = 0; r < rounds; r++) {
                    passThroughs[r] = PassThroughBench.run(
                            config, RawBaselineBench.records(history), PassThroughBench.Writes.LIKE_TOPOLOGY);
                    TopologyThroughputBench.Rates topo = TopologyThroughputBench.run(config, history);
                    TopologyThroughputBench.Rates alo = TopologyThroughputBench.run(
                            config.with(Settings.PROCESSING_GUARANTEE, "at_least_once"), history);
                    for (int v = 0; v < variants.size(); v++) {
                        variantRates[v][r] = TopologyThroughputBench.run(
                                        variants.get(v).config(), history)
                                .fromFirstEvent();
                    }
                    exactlyOnce[r] = topo.fromFirstEvent();
                    exactlyOnceFromStart[r] = topo.fromStart();
                    atLeastOnce[r] = alo.fromFirstEvent();
                    overPassThrough[r] = exactlyOnce[r] / passThroughs[r];
                    overAtLeastOnce[r] = exactlyOnce[r] / atLeastOnce[r];
                    out.printf(
                            Locale.ROOT,
                            "round %d of %d: exactly-once pass-through %,.0f events/s; topology exactly_once_v2 %,.0f events/s "
                                    + "from the first event processed (%,.0f from start to idle), %.2fx the pass-through; "
                                    + "at_least_once %,.0f events/s, exactly_once_v2 at %.2fx of it%n",
                            r + 1,
                            rounds,
                            passThroughs[r],
                            exactlyOnce[r],
                            exactlyOnceFromStart[r],
                            overPassThrough[r],
                            atLeastOnce[r],
                            overAtLeastOnce[r]);
                    for (int v = 0; v < variants.size(); v++) {
                        out.printf(
                                Locale.ROOT,
                                "  %s: exactly_once_v2 %,.0f events/s, %.2fx the pass-through; the configured topology at "
                                        + "%.2fx of it%n",
                                variants.get(v).label(),
                                variantRates[v][r],
                                variantRates[v][r] / passThroughs[r],
                                exactlyOnce[r] / variantRates[v][r]);
                    }
                    out.flush();
                    Map<String, Object> round = new LinkedHashMap<>();
                    round.put("passThrough", passThroughs[r]);
                    round.put("exactlyOnce", exactlyOnce[r]);
                    round.put("exactlyOnceFromStart", exactlyOnceFromStart[r]);
                    round.put("atLeastOnce", atLeastOnce[r]);
                    for (int v = 0; v < variants.size(); v++) {
                        round.put(variants.get(v).key(), variantRates[v][r]);
                    }
                    roundFigures.add(round);
                }
                double passThrough = median(passThroughs);
                double eos = median(exactlyOnce);
                double eosOverPassThrough = median(overPassThrough);
                double eosOverAlo = median(overAtLeastOnce);
                out.printf(
                        Locale.ROOT,
                        "exactly-once pass-through baseline (read_committed, a changelog and an output record per event, offsets in the "
                                + "transaction, commit every 100 ms; the input's own bytes and the topology's producer settings): "
                                + "%,.0f events/s, median of %d rounds%n",
                        passThrough,
                        rounds);
                out.printf(
                        Locale.ROOT,
                        "topology (exactly_once_v2): %,.0f events/s from the first event processed, median of %d rounds (%,.0f from "
                                + "start to idle); %.1f %% of the raw produce-then-consume rate; %.2fx the exactly-once pass-through "
                                + "(median of the rounds' ratios; %.2fx the zero-filled loop)%n",
                        eos,
                        rounds,
                        median(exactlyOnceFromStart),
                        100 * eos / raw.produceThenConsume(),
                        eosOverPassThrough,
                        eos / passThroughZeros);
                out.printf(
                        Locale.ROOT,
                        "topology (at_least_once): %,.0f events/s from the first event processed, median of %d rounds; "
                                + "exactly_once_v2 runs at %.2fx of it (median of the rounds' ratios)%n",
                        median(atLeastOnce),
                        rounds,
                        eosOverAlo);
                double[][] variantOverPassThrough = new double[variants.size()][rounds];
                double[][] eosOverVariant = new double[variants.size()][rounds];
                for (int v = 0; v < variants.size(); v++) {
                    for (int r = 0; r < rounds; r++) {
                        variantOverPassThrough[v][r] = variantRates[v][r] / passThroughs[r];
                        eosOverVariant[v][r] = exactlyOnce[r] / variantRates[v][r];
                    }
                    out.printf(
                            Locale.ROOT,
                            "topology (exactly_once_v2), %s: %,.0f events/s from the first event processed, median of %d "
                                    + "rounds; %.2fx the exactly-once pass-through; the configured topology runs at %.2fx of it "
                                    + "(medians of the rounds' ratios)%n",
                            variants.get(v).label(),
                            median(variantRates[v]),
                            rounds,
                            median(variantOverPassThrough[v]),
                            median(eosOverVariant[v]));
                }
                out.flush();
                Map<String, Object> rates = new LinkedHashMap<>();
                rates.put("raw", raw.produceThenConsume());
                rates.put("passThrough", passThrough);
                rates.put("passThroughZerosLz4", passThroughZeros);
                rates.put("atLeastOnce", median(atLeastOnce));
                rates.put("exactlyOnce", eos);
                rates.put("exactlyOnceFromStart", median(exactlyOnceFromStart));
                Map<String, Object> ratios = new LinkedHashMap<>();
                ratios.put("exactlyOnceOverPassThrough", eosOverPassThrough);
                ratios.put("exactlyOnceOverPassThroughZerosLz4", eos / passThroughZeros);
                ratios.put("exactlyOnceOverAtLeastOnce", eosOverAlo);
                ratios.put("exactlyOnceOverRaw", eos / raw.produceThenConsume());
                for (int v = 0; v < variants.size(); v++) {
                    String key = variants.get(v).key();
                    rates.put(key, median(variantRates[v]));
                    ratios.put(key + "OverPassThrough", median(variantOverPassThrough[v]));
                    ratios.put("exactlyOnceOver" + key.substring("exactlyOnce".length()), median(eosOverVariant[v]));
                }
                figures.put("rates", rates);
                figures.put("ratios", ratios);
                figures.put("rounds", roundFigures);
            }
            if (parts.contains("latency")) {
                Latencies.Summary l = ReleaseLatencyBench.run(config, rate, latencySeconds);
                figures.put(
                        "latencyMs",
                        Map.of("p50", l.p50Ms(), "p99", l.p99Ms(), "max", l.maxMs(), "measured", l.count()));
                out.printf(
                        Locale.ROOT,
                        "latency, model release to gap estimate at %d events/s (%d measured): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                        rate,
                        l.count(),
                        l.p50Ms(),
                        l.p99Ms(),
                        l.maxMs());
                out.flush();
            }
            if (parts.contains("alerts")) {
                AlertLatencyBench.Result a = AlertLatencyBench.run(config, alertCrossings, alertRate);
                Latencies.Summary l = a.latency();
                figures.put(
                        "alertLatencyMs",
                        Map.of("p50", l.p50Ms(), "p99", l.p99Ms(), "max", l.maxMs(), "measured", l.count()));
                out.printf(
                        Locale.ROOT,
                        "alert latency, gap estimate crossing a threshold to webhook receipt at %d crossings/s (%d of %d measured): "
                                + "p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                        alertRate,
                        l.count(),
                        a.counted(),
                        l.p50Ms(),
                        l.p99Ms(),
                        l.maxMs());
            }
            if (parts.contains("engine")) {
                // Throw-away runs first, so the timed ones measure compiled code; then each size
                // ENGINE_RUNS times, each on a fresh engine, and the median: one run moved by ±20 % with
                // the JIT and the collector, as much as the history's size moved it. The sizes take
                // turns (10^3, 10^5, 10^6, 10^3, ...) rather than running one after another, so a
                // machine whose speed drifts during the bench (a shared VM's did by 1.5x within
                // minutes) slows every size alike instead of the last one most.
                int[] sizes = {1_000, 100_000, 1_000_000};
                if (warmupEvents > 0) {
                    // Every size in each throw-away round, until the JIT is done: with two throw-away runs
                    // of the two smaller sizes only, the compiler still took 30-60 % of a core through
                    // the first timed rounds (the largest history's data sends the compiled code down
                    // paths it had not profiled, and it is recompiled), and took 3-5 rounds to settle.
                    warmUp(out, () -> {
                        for (int size : sizes) {
                            EngineScalingBench.run(config, size, 40_000);
                        }
                        return "engine at every history size";
                    });
                }
                List<List<EngineScalingBench.Point>> bySize = new java.util.ArrayList<>();
                for (int i = 0; i < sizes.length; i++) {
                    bySize.add(new java.util.ArrayList<>());
                }
                for (int r = 0; r < ENGINE_RUNS; r++) {
                    for (int i = 0; i < sizes.length; i++) {
                        bySize.get(i).add(EngineScalingBench.run(config, sizes[i], 40_000));
                    }
                }
                // Each size's cost over the smallest size's in the same round as well, the median of those
                // per size: a round's runs are seconds apart, so its ratios see the machine at one speed,
                // where each size's median may come from another minute of a drifting VM (the throughput
                // part reports its ratios the same way). Taken before the runs are sorted below.
                double[] paired = pairedRelativeCosts(bySize, EngineScalingBench.Point::microsPerEvent);
                double[] pairedRest = pairedRelativeCosts(bySize, EngineScalingBench.Point::withoutRefits);
                List<Map<String, Object>> points = new java.util.ArrayList<>();
                double[] corrections = new double[sizes.length];
                double least = Double.MAX_VALUE;
                double most = 0;
                double leastRest = Double.MAX_VALUE;
                double mostRest = 0;
                for (List<EngineScalingBench.Point> runs : bySize) {
                    runs.sort(java.util.Comparator.comparingDouble(EngineScalingBench.Point::microsPerEvent));
                    EngineScalingBench.Point p = runs.get(runs.size() / 2);
                    least = Math.min(least, p.microsPerEvent());
                    most = Math.max(most, p.microsPerEvent());
                    double rest = new org.apache.commons.math3.stat.descriptive.rank.Median()
                            .evaluate(runs.stream()
                                    .mapToDouble(EngineScalingBench.Point::withoutRefits)
                                    .toArray());
                    leastRest = Math.min(leastRest, rest);
                    mostRest = Math.max(mostRest, rest);
                    double correction = new org.apache.commons.math3.stat.descriptive.rank.Median()
                            .evaluate(runs.stream()
                                    .mapToDouble(EngineScalingBench.Point::microsPerCorrection)
                                    .toArray());
                    corrections[points.size()] = correction;
                    points.add(Map.of(
                            "microsPerCorrection",
                            correction,
                            "withoutSigmoidRefitsMicrosPerEvent",
                            rest,
                            "historyItems",
                            p.historyItems(),
                            "microsPerEvent",
                            p.microsPerEvent(),
                            "runsMicrosPerEvent",
                            runs.stream()
                                    .map(EngineScalingBench.Point::microsPerEvent)
                                    .toList(),
                            "heapMb",
                            p.heapMb()));
                    out.printf(
                            Locale.ROOT,
                            "engine, %,d items of history: %.1f µs per event, median of %d runs (%.1f-%.1f; %,d events"
                                    + " timed each, heap %d MB); outside the sigmoid refits %.1f µs%n",
                            p.historyItems(),
                            p.microsPerEvent(),
                            runs.size(),
                            runs.get(0).microsPerEvent(),
                            runs.get(runs.size() - 1).microsPerEvent(),
                            p.timedEvents(),
                            p.heapMb(),
                            rest);
                    out.flush();
                }
                out.printf(
                        Locale.ROOT,
                        "engine, %,d corrections after the new events (an item of the history again with its compute,"
                                + " weights, score or price changed): %s µs each at %s items, medians of the runs%n",
                        bySize.get(0).get(0).corrections(),
                        slashed(corrections),
                        Arrays.stream(sizes)
                                .mapToObj(n -> String.format(Locale.ROOT, "%,d", n))
                                .collect(Collectors.joining(" / ")));
                out.printf(
                        Locale.ROOT,
                        "engine cost per event, largest over smallest median: %.2f; outside the sigmoid refits (whose cost"
                                + " is set by the points a refit takes, at most meek.sigmoid.max.points a benchmark): %.2f%n",
                        most / least,
                        mostRest / leastRest);
                out.printf(
                        Locale.ROOT,
                        "engine cost per event against %,d items in the same round (its sizes seconds apart), median"
                                + " of the rounds: %s, largest over smallest %.2f; outside the sigmoid refits %s, %.2f%n",
                        sizes[0],
                        slashed(paired),
                        spread(paired),
                        slashed(pairedRest),
                        spread(pairedRest));
                figures.put(
                        "engine",
                        Map.of(
                                "points",
                                points,
                                "largestOverSmallest",
                                most / least,
                                "withoutSigmoidRefitsLargestOverSmallest",
                                mostRest / leastRest,
                                "pairedBySize",
                                Arrays.stream(paired).boxed().toList(),
                                "pairedLargestOverSmallest",
                                spread(paired),
                                "withoutSigmoidRefitsPairedBySize",
                                Arrays.stream(pairedRest).boxed().toList(),
                                "withoutSigmoidRefitsPairedLargestOverSmallest",
                                spread(pairedRest)));
            }
            if (parts.contains("roles")) {
                List<String> opts = List.of(roleJavaOpts.trim().split("\\s+"));
                List<Map<String, Object>> roles = new java.util.ArrayList<>();
                for (RoleMemoryBench.Role r :
                        RoleMemoryBench.run(config, roleItems, opts, java.time.Duration.ofMinutes(30))) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("role", r.role());
                    m.put("historyItems", roleItems);
                    m.put("javaOptions", roleJavaOpts);
                    m.put("peakResidentKb", r.peakRssKb());
                    m.put("seconds", r.seconds());
                    if (!Double.isNaN(r.gcPauseSeconds())) {
                        m.put("gcPauseSeconds", r.gcPauseSeconds());
                    }
                    m.put("finished", r.failure() == null);
                    if (r.failure() != null) {
                        m.put("failure", r.failure());
                    }
                    if (!r.enginePasses().isEmpty()) {
                        m.put("enginePasses", r.enginePasses());
                    }
                    roles.add(m);
                    out.printf(
                            Locale.ROOT,
                            "role %s (%s, %,d items of history): peak resident memory %,d MB%s%n",
                            r.role(),
                            roleJavaOpts,
                            roleItems,
                            r.peakRssKb() >> 10,
                            r.failure() == null
                                    ? String.format(Locale.ROOT, ", work done in %.0f s", r.seconds())
                                            + (Double.isNaN(r.gcPauseSeconds())
                                                    ? ""
                                                    : String.format(
                                                            Locale.ROOT,
                                                            ", %.1f s of it in collection pauses",
                                                            r.gcPauseSeconds()))
                                    : "; did not finish: " + r.failure());
                    if (!r.enginePasses().isEmpty()) {
                        // What held its stream thread besides the events: the refit after the replay
                        // went quiet, the month ends' checkpoints (meektracker_engine_pass_seconds).
                        out.printf(
                                Locale.ROOT,
                                "role %s, gap engine's passes: %s%n",
                                r.role(),
                                r.enginePasses().entrySet().stream()
                                        .filter(e -> e.getValue().count() > 0)
                                        .map(e -> String.format(
                                                Locale.ROOT,
                                                "%s %,d in %.2f s (longest %.0f ms)",
                                                e.getKey(),
                                                e.getValue().count(),
                                                e.getValue().seconds(),
                                                e.getValue().longestSeconds() * 1e3))
                                        .collect(java.util.stream.Collectors.joining(", ")));
                    }
                    out.flush();
                }
                figures.put("roles", roles);
            }
            out.printf("peak resident memory of this process: %s%n", peakRss());
            figures.put("events", events);
            figures.put("peakResidentMemory", peakRss());
            if (json != null) {
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), figures);
                out.printf("figures written to %s%n", json);
            }
            return 0;
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
    }

    private static String peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return line.substring(6).trim();
                }
            }
        } catch (Exception e) {
            return "unknown (" + e.getMessage() + ")";
        }
        return "unknown";
    }

    /**
     * Throw-away rounds until the JIT has compiled what they run: on two cores its compiler threads
     * take most of a core at first, and a run timed meanwhile measures the compiler, not the code.
     * Each round is printed with the share of its wall time the JIT compiled for (its threads' time
     * over the round's, so above 100 % with several threads at once).
     */
    private static void warmUp(java.io.PrintWriter out, Callable<String> round) throws Exception {
        var jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        for (int r = 1; ; r++) {
            long compiled = jit.getTotalCompilationTime();
            long w0 = System.nanoTime();
            String what = round.call();
            double share = (jit.getTotalCompilationTime() - compiled) / ((System.nanoTime() - w0) / 1e6);
            out.printf(
                    Locale.ROOT,
                    "warm-up %d: %s; the JIT compiled for %.0f %% of the time (not counted)%n",
                    r,
                    what,
                    100 * share);
            out.flush();
            if (share < WARM_JIT_SHARE || r >= MAX_WARMUP_ROUNDS) {
                return;
            }
        }
    }

    /** The median (Commons Math's: the middle value, or the mean of the middle two). */
    private static double median(double[] values) {
        return new org.apache.commons.math3.stat.descriptive.rank.Median().evaluate(values);
    }

    /**
     * Each size's figure over the first size's in the same round, the median over the rounds: 1 for
     * the first size.
     */
    static double[] pairedRelativeCosts(
            List<List<EngineScalingBench.Point>> bySize, ToDoubleFunction<EngineScalingBench.Point> figure) {
        double[] relative = new double[bySize.size()];
        for (int i = 0; i < relative.length; i++) {
            List<EngineScalingBench.Point> runs = bySize.get(i);
            double[] ratios = new double[runs.size()];
            for (int r = 0; r < ratios.length; r++) {
                ratios[r] = figure.applyAsDouble(runs.get(r))
                        / figure.applyAsDouble(bySize.get(0).get(r));
            }
            relative[i] = median(ratios);
        }
        return relative;
    }

    /** The largest over the smallest. */
    private static double spread(double[] v) {
        return Arrays.stream(v).max().orElseThrow() / Arrays.stream(v).min().orElseThrow();
    }

    private static String slashed(double[] v) {
        return Arrays.stream(v)
                .mapToObj(x -> String.format(Locale.ROOT, "%.2f", x))
                .collect(Collectors.joining(" / "));
    }
}
