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
            all.addAll(
                    isCsv(p)
                            ? new EpochModelsImporter(validator).read(p)
                            : new JsonLinesImporter(validator).read(p, InputType.MODEL_RELEASE));
        }
        for (Path p : hardware) {
            check(p);
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
            all.addAll(
                    isCsv(p)
                            ? benchmarkCsv(p, eciWeights)
                            : new JsonLinesImporter(validator).read(p, InputType.BENCHMARK_RESULT));
        }
        return all;
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
    }
}
