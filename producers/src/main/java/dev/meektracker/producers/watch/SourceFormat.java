package dev.meektracker.producers.watch;

import dev.meektracker.core.event.InputType;
import dev.meektracker.producers.importer.Archives;
import dev.meektracker.producers.importer.ImportResult;
import dev.meektracker.producers.importer.Inputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What a watched source's body is, and how it becomes events: the importers of {@code produce}, one per format. */
public enum SourceFormat {
    EPOCH_MODELS("epoch-models", InputType.MODEL_RELEASE, ".csv"),
    EPOCH_HARDWARE("epoch-hardware", InputType.HARDWARE_PRICE, ".csv"),
    /** One Benchmarking Hub CSV, or the hub's zip with the ECI and per-benchmark CSVs. */
    EPOCH_BENCHMARKS("epoch-benchmarks", InputType.BENCHMARK_RESULT, ".csv"),
    LMARENA("lmarena", InputType.BENCHMARK_RESULT, ".csv"),
    OPEN_LLM_LEADERBOARD("open-llm-leaderboard", InputType.BENCHMARK_RESULT, ".csv"),
    /** The tracker's own JSON lines, any mix of the three kinds. */
    JSONL("jsonl", null, ".jsonl");

    private final String wire;
    private final InputType type;
    private final String suffix;

    SourceFormat(String wire, InputType type, String suffix) {
        this.wire = wire;
        this.type = type;
        this.suffix = suffix;
    }

    public String wire() {
        return wire;
    }

    public static SourceFormat fromWire(String s) {
        for (SourceFormat f : values()) {
            if (f.wire.equals(s == null ? "" : s.trim().toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + s + "': expected one of "
                + Arrays.stream(values()).map(SourceFormat::wire).toList());
    }

    /**
     * Reads a fetched body (saved as {@code body}) into events. A zip that does not open, a CSV that
     * does not parse or has the wrong columns, throws: such a body is never published. A zip's files
     * together may hold at most {@code maxBytes} unzipped, as the body itself may (meek.watch.max.bytes).
     */
    Parsed read(Path body, String name, Inputs inputs, Path scratch, long maxBytes) throws IOException {
        if (this == EPOCH_BENCHMARKS && Archives.isZip(body)) {
            List<Path> csvs = Archives.unzip(
                    body,
                    name,
                    scratch,
                    maxBytes,
                    "meek.watch.max.bytes (" + maxBytes + " bytes)",
                    f -> f.toLowerCase(Locale.ROOT).endsWith(".csv"),
                    "CSV");
            List<String> columns = new ArrayList<>();
            for (Path csv : csvs) {
                for (String c : Inputs.csvHeader(csv)) {
                    columns.add(csv.getFileName() + ":" + c);
                }
            }
            return new Parsed(inputs.readUnpacked(List.of(), List.of(), csvs), columns);
        }
        Path file = scratch.resolve(name.endsWith(suffix) ? name : name + suffix);
        Files.copy(body, file);
        if (this == JSONL) {
            return new Parsed(inputs.readJsonLines(file), null);
        }
        List<String> columns = Inputs.csvHeader(file);
        ImportResult result = switch (type) {
            case MODEL_RELEASE -> inputs.read(List.of(file), List.of(), List.of());
            case HARDWARE_PRICE -> inputs.read(List.of(), List.of(file), List.of());
            case BENCHMARK_RESULT -> inputs.read(List.of(), List.of(), List.of(file));
        };
        return new Parsed(result, columns);
    }

    /** A body read: its events and rejections, and its columns (null for JSON lines, which have none). */
    record Parsed(ImportResult result, List<String> columns) {}
}
