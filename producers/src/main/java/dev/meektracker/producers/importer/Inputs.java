package dev.meektracker.producers.importer;

import dev.meektracker.core.event.InputEvent;
import dev.meektracker.core.event.InputType;
import dev.meektracker.core.event.Weights;
import dev.meektracker.core.validate.EventValidator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads every input the producers accept and picks the importer by file type: {@code .csv} files are
 * Epoch AI exports, {@code .jsonl}/{@code .ndjson}/{@code .json} files the tracker's JSON-lines format.
 * A zip or gzip given instead is read as the files it holds ({@link Archives}): Epoch AI's
 * Benchmarking Hub comes as one zip; a directory, as the input files in it.
 */
public final class Inputs {

    /** The curated sample shipped in the jar, one JSON-lines file per event type. */
    public static final List<String> SAMPLE =
            List.of("sample/models.jsonl", "sample/hardware.jsonl", "sample/benchmarks.jsonl");

    private final EventValidator validator;
    private final long maxUnpackedBytes;
    private final String unpackLimit;

    /** Inputs given on the command line: an archive may unpack to {@link Archives#LOCAL_MAX_BYTES}. */
    public Inputs(EventValidator validator) {
        this(validator, Archives.LOCAL_MAX_BYTES, "1 GiB");
    }

    /**
     * @param maxUnpackedBytes the most a zip or gzip given as input may unpack to
     * @param unpackLimit      that limit in words, for the error past it
     */
    public Inputs(EventValidator validator, long maxUnpackedBytes, String unpackLimit) {
        this.validator = validator;
        this.maxUnpackedBytes = maxUnpackedBytes;
        this.unpackLimit = unpackLimit;
    }

    public ImportResult read(List<Path> models, List<Path> hardware, List<Path> benchmarks) throws IOException {
        Path scratch = null;
        // Files the user did not name one by one: those of an archive or a directory.
        Set<Path> inBulk = new HashSet<>();
        try {
            List<List<Path>> given = List.of(models, hardware, benchmarks);
            List<List<Path>> files = new ArrayList<>();
            for (int k = 0; k < given.size(); k++) {
                List<Path> kind = given.get(k);
                boolean forBenchmarks = k == 2;
                List<Path> unpacked = new ArrayList<>();
                for (Path p : kind) {
                    if (Files.isDirectory(p)) {
                        List<Path> inside = inputFilesIn(p);
                        if (forBenchmarks) {
                            requireBenchmarkFile(p.getFileName().toString(), inside);
                        }
                        unpacked.addAll(inside);
                        inBulk.addAll(inside);
                        continue;
                    }
                    checkFile(p);
                    if (Archives.isZip(p) || Archives.isGzip(p)) {
                        if (scratch == null) {
                            scratch = Files.createTempDirectory("meek-tracker-unpacked-");
                        }
                        List<Path> inside = Archives.unpack(p, scratch, maxUnpackedBytes, unpackLimit);
                        for (Path inner : inside) {
                            // Named by the archive and the file's name in it, not by the scratch path.
                            String other = otherKind(inner);
                            if (other != null) {
                                throw new IllegalArgumentException(
                                        p.getFileName() + ": " + inner.getFileName() + " " + other);
                            }
                        }
                        if (forBenchmarks) {
                            requireBenchmarkFile(p.getFileName().toString(), inside);
                        }
                        unpacked.addAll(inside);
                        inBulk.addAll(inside);
                    } else {
                        unpacked.add(p);
                    }
                }
                files.add(unpacked);
            }
            return readFiles(files.get(0), files.get(1), files.get(2), inBulk);
        } finally {
            if (scratch != null) {
                deleteTree(scratch);
            }
        }
    }

    /**
     * Reads files that came out of an archive (a watched source's zip, unpacked by the watcher): like
     * {@link #read}, but a benchmark CSV of no format the tracker reads is left out with a note instead
     * of failing the whole archive.
     */
    public ImportResult readUnpacked(List<Path> models, List<Path> hardware, List<Path> benchmarks) throws IOException {
        Set<Path> all = new HashSet<>(models);
        all.addAll(hardware);
        all.addAll(benchmarks);
        if (!benchmarks.isEmpty()) {
            requireBenchmarkFile("the archive", benchmarks);
        }
        return readFiles(models, hardware, benchmarks, all);
    }

    /**
     * Refuses an archive or directory given for benchmarks none of whose files is in a benchmark format:
     * each would be left out with a note, and the run would end with nothing read and no error (a
     * folder of the models export given as --benchmarks, say).
     */
    private static void requireBenchmarkFile(String given, List<Path> files) throws IOException {
        List<String> names = new ArrayList<>();
        for (Path f : files) {
            if (!isCsv(f) || readsAsBenchmarks(CsvRows.header(f))) {
                return;
            }
            names.add(f.getFileName().toString());
        }
        String kind = kindOf(CsvRows.header(files.get(0)));
        throw new IllegalArgumentException(given + " holds no benchmark results in a format the tracker reads (an"
                + " Epoch AI Benchmarking Hub file, an LMArena export or an Open LLM Leaderboard export): "
                + (names.size() == 1
                        ? "its one CSV, " + names.get(0) + ", is none of these"
                        : "none of its " + names.size() + " CSVs is one (" + names.get(0) + ", " + names.get(1)
                                + (names.size() > 2 ? ", …)" : ")"))
                + (kind == null
                        ? ""
                        : "; " + names.get(0) + " is Epoch AI's " + kind + " export: give it with --" + kind));
    }

    /**
     * @param inBulk the files that came out of an archive or a directory. Of those, a benchmark CSV whose
     *               header is none of the formats read is left out with a note rather than an error:
     *               Epoch AI's Benchmarking Hub zip holds the Capabilities Index's model parameters
     *               ({@code additional_eci_data/}) beside the benchmark files, and a user who gave the
     *               zip did not choose its files one by one. One given on its own still fails.
     */
    private ImportResult readFiles(List<Path> models, List<Path> hardware, List<Path> benchmarks, Set<Path> inBulk)
            throws IOException {
        ImportResult all = new ImportResult();
        // Epoch's exports read as one: a model in several of them is one row, not one per file.
        List<Path> exports = new ArrayList<>();
        for (Path p : models) {
            check(p);
            requireKind(p, "models");
            if (isCsv(p)) {
                exports.add(p);
            } else {
                all.addAll(new JsonLinesImporter(validator).read(p, InputType.MODEL_RELEASE));
            }
        }
        if (!exports.isEmpty()) {
            all.addAll(new EpochModelsImporter(validator).read(exports));
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
            if (inBulk.contains(p) && isCsv(p) && !readsAsBenchmarks(CsvRows.header(p))) {
                all.skip(new Rejection(
                        p.getFileName().toString(),
                        1,
                        "file",
                        "no benchmark results in a format the tracker reads (its columns: '"
                                + String.join(", ", CsvRows.header(p))
                                + "'): left out, as one of the files of an archive or a directory"));
                continue;
            }
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
        if (readsAsBenchmarks(header)) {
            return "benchmarks";
        }
        if (header.contains("Model") && header.contains("Publication date")) {
            return "models";
        }
        return null;
    }

    /** Whether a CSV header is one of the benchmark formats (an undated LMArena snapshot included, refused later with its reason). */
    private static boolean readsAsBenchmarks(List<String> header) {
        return EpochBenchmarkImporter.recognises(header)
                || LmArenaImporter.recognises(header)
                || LmArenaImporter.isUndatedSnapshot(header)
                || OpenLlmLeaderboardImporter.recognises(header);
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
            deleteTree(dir);
        }
    }

    /**
     * The input files of a directory given in their place (an unzipped download), in its subdirectories
     * too, in the order of their paths; dot-files and other files (a README) are left.
     */
    private static List<Path> inputFilesIn(Path dir) throws IOException {
        List<Path> files;
        try (var walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(f -> visible(dir.relativize(f)))
                    .filter(f -> Archives.isInputFile(f.getFileName().toString()))
                    .sorted()
                    .toList();
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(dir + " is a directory with no CSV or JSON-lines file in it");
        }
        return files;
    }

    /** Whether no part of a relative path is a dot-file or macOS's {@code __MACOSX} folder of copies. */
    private static boolean visible(Path relative) {
        for (Path part : relative) {
            String n = part.toString();
            if (n.startsWith(".") || n.equals("__MACOSX")) {
                return false;
            }
        }
        return true;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
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

    /** A path given that is no file to read: a directory, or nothing. */
    private static void checkFile(Path p) throws IOException {
        if (Files.isDirectory(p)) {
            throw new IllegalArgumentException(p + " is a directory: give the files in it");
        }
        if (!Files.isRegularFile(p)) {
            throw new NoSuchFileException(p.toString(), null, "no such file");
        }
    }

    private static void check(Path p) throws IOException {
        checkFile(p);
        String other = otherKind(p);
        if (other != null) {
            throw new IllegalArgumentException(p + " " + other);
        }
    }

    /**
     * What a file is instead of UTF-8 text, from its first bytes, or null. Read as UTF-8 such a file
     * gave a rejection per line (a gzip of one row gave two, "not valid UTF-8 text") or "line 1 is not
     * UTF-8", where the whole file wants one step first. A gzip or zip met here was inside another
     * archive: one level is unpacked, not archives in archives.
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
            return "is gzip-compressed, and an archive is not unpacked here (one inside another, or a watched"
                    + " source's body): unpack it first";
        }
        if (b0 == 'P' && b1 == 'K' && n == 4 && head[2] == 3 && head[3] == 4) {
            return "is a zip archive, and an archive is not unpacked here (one inside another, or a watched"
                    + " source's body): unpack it first";
        }
        return null;
    }
}
