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
                    "Model releases: Epoch AI models CSV exports (all, notable, large-scale, frontier) or JSON lines.")
    List<Path> models = new ArrayList<>();

    @Option(
            names = "--hardware",
            arity = "1..*",
            paramLabel = "FILE",
            description = "Hardware prices: Epoch AI ml_hardware.csv or JSON lines.")
    List<Path> hardware = new ArrayList<>();

    @Option(
            names = "--benchmarks",
            arity = "1..*",
            paramLabel = "FILE",
            description =
                    "Benchmark results: Epoch AI Benchmarking Hub CSVs (epoch_capabilities_index.csv and others) or JSON lines.")
    List<Path> benchmarks = new ArrayList<>();

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

    /** Reports every rejected row (file, line, field, reason), then the counts. */
    static void report(ImportResult r, PrintWriter err, boolean everyRow) {
        if (everyRow) {
            for (Rejection x : r.rejections()) {
                err.println("rejected " + x);
            }
        }
        err.printf(
                "read %d rows: %d events %s, %d rejections%s%n",
                r.rows(),
                r.events().size(),
                r.eventsByType(),
                r.rejections().size(),
                r.superseded() > 0
                        ? ", " + r.superseded() + " rows superseded by a later or better row with the same id"
                        : "");
        r.rowsByFile().forEach((f, n) -> err.printf("  %-45s %6d rows%n", f, n));
        if (!r.rejections().isEmpty()) {
            err.println("rejections by reason:");
            for (Map.Entry<String, Long> e : r.rejectionsByReason().entrySet()) {
                err.printf("  %6d  %s%n", e.getValue(), e.getKey());
            }
        }
        err.flush();
    }
}
