package dev.meektracker.producers.importer;

import dev.meektracker.core.event.InputEvent;
import dev.meektracker.core.event.InputType;
import dev.meektracker.core.event.Weights;
import dev.meektracker.core.validate.EventValidator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads every input the producers accept and picks the importer by file type: {@code .csv} files are
 * Epoch AI exports, {@code .jsonl}/{@code .ndjson}/{@code .json} files the tracker's JSON-lines format.
 */
public final class Inputs {

    /** The curated sample shipped in the jar, one JSON-lines file per event type. */
    public static final List<String> SAMPLE =
            List.of("sample/models.jsonl", "sample/hardware.jsonl", "sample/benchmarks.jsonl");

    private final EventValidator validator;

    public Inputs(EventValidator validator) {
        this.validator = validator;
    }

    public ImportResult read(List<Path> models, List<Path> hardware, List<Path> benchmarks) throws IOException {
        ImportResult all = new ImportResult();
        for (Path p : models) {
            check(p);
            requireKind(p, "models");
            all.addAll(
                    isCsv(p)
                            ? new EpochModelsImporter(validator).read(p)
                            : new JsonLinesImporter(validator).read(p, InputType.MODEL_RELEASE));
        }
        for (Path p : hardware) {
            check(p);
            requireKind(p, "hardware");
            all.addAll(
                    isCsv(p)
                            ? new EpochHardwareImporter(validator).read(p)
                            : new JsonLinesImporter(validator).read(p, InputType.HARDWARE_PRICE));
        }
        Map<String, Weights> eciWeights = Map.of();
        for (Path p : benchmarks) {
            if (p.getFileName().toString().equals(EpochBenchmarkImporter.ECI_FILE)) {
                check(p);
                eciWeights = EpochBenchmarkImporter.accessibilityIndex(p);
            }
        }
        for (Path p : benchmarks) {
            check(p);
            requireKind(p, "benchmarks");
            all.addAll(
                    isCsv(p)
                            ? benchmarkCsv(p, eciWeights)
                            : new JsonLinesImporter(validator).read(p, InputType.BENCHMARK_RESULT));
        }
        return all;
    }

    /**
     * Refuses a CSV given for one kind of input that is plainly another kind (Epoch's hardware export
     * given as --models, say), naming the option it belongs to; its own importer would only say
     * which column it lacks.
     */
    private static void requireKind(Path p, String option) throws IOException {
        if (!isCsv(p)) {
            return;
        }
        String kind = kindOf(CsvRows.header(p));
        if (kind != null && !kind.equals(option)) {
            throw new IllegalArgumentException(p.getFileName() + " was given with --" + option + " but is "
                    + switch (kind) {
                        case "models" -> "Epoch AI's models export";
                        case "hardware" -> "Epoch AI's hardware export";
                        default -> "a benchmark file";
                    }
                    + ": give it with --" + kind);
        }
    }

    /** Which input option a CSV header belongs to, when it is plainly one of the formats read; null otherwise. */
    static String kindOf(List<String> header) {
        if (header.contains("Hardware name")) {
            return "hardware";
        }
        if (EpochBenchmarkImporter.recognises(header)
                || LmArenaImporter.recognises(header)
                || LmArenaImporter.isUndatedSnapshot(header)
                || OpenLlmLeaderboardImporter.recognises(header)) {
            return "benchmarks";
        }
        if (header.contains("Model") && header.contains("Publication date")) {
            return "models";
        }
        return null;
    }

    /** A benchmark CSV by its header: LMArena's leaderboard, the Open LLM Leaderboard, or an Epoch AI hub file. */
    private ImportResult benchmarkCsv(Path p, Map<String, Weights> eciWeights) throws IOException {
        List<String> header = CsvRows.header(p);
        if (LmArenaImporter.recognises(header)) {
            return new LmArenaImporter(validator).read(p);
        }
        if (OpenLlmLeaderboardImporter.recognises(header)) {
            return new OpenLlmLeaderboardImporter(validator).read(p);
        }
        if (LmArenaImporter.isUndatedSnapshot(header)) {
            // One leaderboard as read on some day, the day not in it: told as such, not as a file of
            // Epoch's that lacks 'Model version'.
            throw new IllegalArgumentException(p.getFileName() + " is an LMArena leaderboard without the day it"
                    + " was read: its ratings cannot be placed in time. Add a snapshot_date column"
                    + " (YYYY-MM-DD) to every row, as in a stack of dated snapshots");
        }
        if (!EpochBenchmarkImporter.recognises(header)) {
            throw new IllegalArgumentException(p.getFileName() + " is no benchmark file the tracker reads: expected"
                    + " an Epoch AI Benchmarking Hub file (first column 'Model version'), an LMArena export"
                    + " (snapshot_date, model, arena_score, … or key, Model, rating, License, date) or an Open LLM"
                    + " Leaderboard export (model, average, mmlu, … or model_name, model_average_score, …)");
        }
        return new EpochBenchmarkImporter(validator).read(p, eciWeights);
    }

    /** A JSON-lines file of any mix of the three kinds (each line says its kind in {@code _t}). */
    public ImportResult readJsonLines(Path file) throws IOException {
        check(file);
        return new JsonLinesImporter(validator).read(file, null);
    }

    /** A CSV file's column names, as its header states them. */
    public static List<String> csvHeader(Path file) throws IOException {
        return CsvRows.header(file);
    }

    /** Reads the curated sample shipped with the tracker. */
    public ImportResult readSample() throws IOException {
        Path dir = Files.createTempDirectory("meek-tracker-sample-");
        try {
            List<Path> files = new ArrayList<>();
            for (String resource : SAMPLE) {
                try (InputStream in = Inputs.class.getClassLoader().getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IllegalStateException("the curated sample is missing from the build: " + resource);
                    }
                    Path f = dir.resolve(Path.of(resource).getFileName().toString());
                    Files.copy(in, f, StandardCopyOption.REPLACE_EXISTING);
                    files.add(f);
                }
            }
            return read(List.of(files.get(0)), List.of(files.get(1)), List.of(files.get(2)));
        } finally {
            try (var s = Files.list(dir)) {
                s.forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Files.deleteIfExists(dir);
        }
    }

    /** Events in event-time order (stable: events of one date keep their input order), for --replay. */
    public static List<InputEvent> inReleaseOrder(List<? extends InputEvent> events) {
        List<InputEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing(InputEvent::eventDate));
        return sorted;
    }

    private static boolean isCsv(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".csv")) {
            return true;
        }
        if (n.endsWith(".jsonl") || n.endsWith(".ndjson") || n.endsWith(".json")) {
            return false;
        }
        throw new IllegalArgumentException(
                p + ": unknown file type (expected .csv for Epoch AI exports or .jsonl for JSON lines)");
    }

    private static void check(Path p) throws IOException {
        if (Files.isDirectory(p)) {
            throw new IllegalArgumentException(p + " is a directory: give the files in it");
        }
        if (!Files.isRegularFile(p)) {
            throw new NoSuchFileException(p.toString(), null, "no such file");
        }
        String other = otherKind(p);
        if (other != null) {
            throw new IllegalArgumentException(p + " " + other);
        }
    }

    /**
     * What a file is instead of UTF-8 text, from its first bytes, or null. Read as UTF-8 such a file
     * gave a rejection per line (a gzip of one row gave two, "not valid UTF-8 text") or "line 1 is not
     * UTF-8", where the whole file wants one step first.
     */
    static String otherKind(Path p) throws IOException {
        byte[] head = new byte[4];
        int n;
        try (java.io.InputStream in = Files.newInputStream(p)) {
            n = in.readNBytes(head, 0, head.length);
        }
        int b0 = n > 0 ? head[0] & 0xFF : -1;
        int b1 = n > 1 ? head[1] & 0xFF : -1;
        if ((b0 == 0xFF && b1 == 0xFE) || (b0 == 0xFE && b1 == 0xFF)) {
            return "is UTF-16 text (it starts with UTF-16's byte-order mark): save it as UTF-8";
        }
        if (b0 == 0x1F && b1 == 0x8B) {
            return "is gzip-compressed: decompress it first (gunzip)";
        }
        if (b0 == 'P' && b1 == 'K' && n == 4 && head[2] == 3 && head[3] == 4) {
            return "is a zip archive: unzip it and give the files in it (the watcher reads Epoch's zips itself)";
        }
        return null;
    }
}
