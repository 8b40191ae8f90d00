package dev.meektracker.launcher;

import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.core.validate.EventValidator;
import dev.meektracker.producers.importer.ImportResult;
import dev.meektracker.producers.importer.Inputs;
import dev.meektracker.producers.importer.Rejection;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The input files a command publishes, by kind; CSV files are Epoch AI exports, .jsonl files the tracker's own format. */
final class InputOptions {

    @Option(
            names = "--models",
            arity = "1..*",
            paramLabel = "FILE",
            description =
                    "Model releases: Epoch AI models CSV exports (all, notable, large-scale, frontier) or JSON lines;"
                            + " a .zip or .gz of them is read as the files it holds.")
    List<Path> models = new ArrayList<>();

    @Option(
            names = "--hardware",
            arity = "1..*",
            paramLabel = "FILE",
            description = "Hardware prices: Epoch AI ml_hardware.csv or JSON lines (also zipped or gzipped).")
    List<Path> hardware = new ArrayList<>();

    @Option(
            names = "--benchmarks",
            arity = "1..*",
            paramLabel = "FILE",
            description = "Benchmark results: Epoch AI Benchmarking Hub CSVs (epoch_capabilities_index.csv and others),"
                    + " the hub's benchmark_data.zip as downloaded, or JSON lines.")
    List<Path> benchmarks = new ArrayList<>();

    /** Whether any input file was given. */
    boolean any() {
        return !models.isEmpty() || !hardware.isEmpty() || !benchmarks.isEmpty();
    }

    boolean none() {
        return models.isEmpty() && hardware.isEmpty() && benchmarks.isEmpty();
    }

    ImportResult read(TrackerConfig config, boolean sampleWhenEmpty) throws IOException {
        Inputs inputs = new Inputs(new EventValidator(Clock.systemUTC(), config.maxFutureSkew()));
        if (none() && sampleWhenEmpty) {
            return inputs.readSample();
        }
        return inputs.read(models, hardware, benchmarks);
    }

    /** How many rows of each reason the summary shows unless asked for all of them. */
    static final int EXAMPLES_PER_REASON = 3;

    /**
     * Prints the import's summary: rows, events by type, rejections and skipped rows by reason with
     * the first few rows of each (every row with {@code everyRow}).
     */
    static void report(ImportResult r, PrintWriter err, boolean everyRow) {
        err.printf(
                "read %s: %s %s, %s, %d skipped%s%n",
                rows(r.rows()),
                count(r.events().size(), "event", "events"),
                r.eventsByType(),
                rejected(r),
                r.skipped().size(),
                r.superseded() > 0
                        ? ", " + r.superseded() + " superseded (the same id again: the better or later one is kept)"
                        : "");
        r.rowsByFile().forEach((f, n) -> err.printf("  %-45s %6d %s%n", f, n, n == 1 ? "row" : "rows"));
        // Before the rows' reasons, and every one of them: a missing column changes every row of its
        // file, where a row's reason changes one row.
        if (!r.missingColumns().isEmpty()) {
            err.println(
                    "columns missing (every row of the file lacks what they hold; the rows are read all the same):");
            r.missingColumns().forEach(m -> err.println("  " + m));
        }
        byReason("rejected", r.rejections(), r.rejectionsByReason(), err, everyRow);
        byReason("skipped (not errors: nothing to publish yet)", r.skipped(), r.skippedByReason(), err, everyRow);
        byReason(
                "published with a note (a value left out or not understood, or an id qualified)",
                r.notes(),
                r.notesByReason(),
                err,
                everyRow);
        byReason(
                "superseded (two rows with one id: one is published)",
                r.supersededRows(),
                r.supersededByReason(),
                err,
                everyRow);
        unclassified(r, err);
        err.flush();
    }

    private static String rows(long n) {
        return count(n, "row", "rows");
    }

    /** "1 event", "2 events": a count with its noun in the number it takes. */
    static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** "2 rows rejected", or "1 row rejected (3 problems)" when rows broke more than one rule each. */
    static String rejected(ImportResult r) {
        long rows = r.rejectedRows();
        int problems = r.rejections().size();
        return rows(rows) + " rejected" + (problems > rows ? " (" + problems + " problems)" : "");
    }

    /**
     * Benchmark results whose source states no weights: the topology joins them to the weights the
     * same model has in any other benchmark file on the topic; say how many wait for that join.
     */
    private static void unclassified(ImportResult r, PrintWriter err) {
        Map<String, Long> byBenchmark = new java.util.TreeMap<>();
        for (dev.meektracker.core.event.BenchmarkResult b :
                r.eventsOf(dev.meektracker.core.event.BenchmarkResult.class)) {
            if (b.weights() == dev.meektracker.core.event.Weights.UNKNOWN) {
                byBenchmark.merge(b.benchmarkId(), 1L, Long::sum);
            }
        }
        if (byBenchmark.isEmpty()) {
            return;
        }
        err.println("benchmark results with no open/closed weights in their file (the topology takes them from the"
                + " same model's results in other benchmark files, e.g. the ECI; until then they are left out of the"
                + " open-versus-closed gap):");
        byBenchmark.forEach((b, n) -> err.printf("  %6d  %s%n", n, b));
    }

    private static void byReason(
            String title, List<Rejection> rows, Map<String, Long> counts, PrintWriter err, boolean everyRow) {
        if (rows.isEmpty()) {
            return;
        }
        err.println(title + ", by reason:");
        // The rows by reason once: filtering every row for each reason was quadratic, minutes for a
        // file with tens of thousands of distinct reasons.
        Map<String, List<Rejection>> byCategory = new java.util.HashMap<>();
        rows.forEach(x ->
                byCategory.computeIfAbsent(x.category(), k -> new ArrayList<>()).add(x));
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            err.printf("  %6d  %s%n", e.getValue(), e.getKey());
            List<Rejection> of = byCategory.getOrDefault(e.getKey(), List.of());
            int shown = everyRow ? of.size() : Math.min(EXAMPLES_PER_REASON, of.size());
            for (Rejection x : of.subList(0, shown)) {
                err.println("          " + x);
            }
            if (shown < of.size()) {
                err.printf("          ... and %d more (--verbose lists them all)%n", of.size() - shown);
            }
        }
    }
}
