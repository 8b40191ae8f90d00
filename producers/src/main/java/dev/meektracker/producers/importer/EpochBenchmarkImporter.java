package dev.meektracker.producers.importer;

import dev.meektracker.core.event.BenchmarkResult;
import dev.meektracker.core.event.ScoreScale;
import dev.meektracker.core.event.Weights;
import dev.meektracker.core.validate.EventValidator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Epoch AI's Benchmarking Hub files, the Epoch Capabilities Index among them. Every file has
 * {@code Model version}, {@code Release date}, {@code Organization} and {@code Training compute (FLOP)}
 * next to its own score column; the ECI file also has {@code Model accessibility}, the only
 * open-or-closed statement in the hub, which this importer carries over to the other files' rows of
 * the same model version when the ECI file is imported in the same run.
 *
 * <p>A file's benchmark id is its name without {@code _external}, in kebab case; the Capabilities
 * Index is {@code eci}. Scores are kept on the scale the file uses: most files hold fractions even
 * where the header says %, a few hold percent, ratings or indices (see {@link #SCALES}).
 */
public final class EpochBenchmarkImporter extends Importer {

    public static final String ECI_FILE = "epoch_capabilities_index.csv";

    /** Scales that the values alone do not reveal, by benchmark id. */
    static final Map<String, ScoreScale> SCALES = Map.of(
            "eci", ScoreScale.INDEX,
            "webdev-arena", ScoreScale.ELO,
            "metr-time-horizons", ScoreScale.MINUTES,
            "geobench", ScoreScale.INDEX,
            "lech-mazur-writing", ScoreScale.INDEX,
            "aider-polyglot", ScoreScale.PERCENT,
            "live-bench", ScoreScale.PERCENT,
            "os-world", ScoreScale.PERCENT);

    /** Columns between {@code Model version} and the score that describe the run, not the result. */
    private static final Set<String> RUN_COLUMNS = Set.of("Scaffold", "Tools", "Agent");

    /** Columns every hub file has, and what every result of a file without them lacks. */
    private static final Columns.Expected COMPUTE = new Columns.Expected(
            "no result has its model's training compute, so the benchmark has no sigmoid against compute and gives"
                    + " no measure of algorithmic progress",
            "Training compute (FLOP)");

    private static final Columns.Expected ORGANISATION =
            new Columns.Expected("no result has its model's organisation", "Organization");

    private static final List<Columns.Expected> EXPECTED = List.of(COMPUTE, ORGANISATION);

    /** The Epoch Capabilities Index's benchmark id. */
    static final String ECI = "eci";

    /** The ECI's, which also states each model's weights for the other files to take. */
    private static final List<Columns.Expected> ECI_EXPECTED = List.of(
            COMPUTE,
            ORGANISATION,
            new Columns.Expected(
                    "no result has open or closed weights, here or in the other benchmark files, which take theirs"
                            + " from this one",
                    "Model accessibility"));

    public EpochBenchmarkImporter(EventValidator validator) {
        super(validator);
    }

    /** Whether a header is a Benchmarking Hub file's: its first column is {@code Model version}. */
    public static boolean recognises(List<String> header) {
        return !header.isEmpty() && header.get(0).equals("Model version");
    }

    public static String benchmarkId(Path file) {
        String stem = file.getFileName().toString().replaceFirst("\\.csv$", "");
        if (stem.equals("epoch_capabilities_index")) {
            return ECI;
        }
        return stem.replaceFirst("_external$", "").toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Open-or-closed by model version, from an ECI file, for joining onto other benchmark files. */
    public static Map<String, Weights> accessibilityIndex(Path eciFile) throws IOException {
        Map<String, Weights> index = new HashMap<>();
        CsvRows.forEach(eciFile, row -> {
            String version = row.get("Model version");
            Weights w = Weights.fromEpochAccessibility(row.get("Model accessibility"));
            if (version != null && w != Weights.UNKNOWN) {
                index.put(version, w);
            }
        });
        return index;
    }

    /**
     * @param weightsByVersion open-or-closed by model version from the ECI file; empty when unknown
     */
    public ImportResult read(Path file, Map<String, Weights> weightsByVersion) throws IOException {
        ImportResult result = new ImportResult();
        String name = file.getFileName().toString();
        List<String> header = CsvRows.header(file);
        if (!recognises(header)) {
            throw new IllegalArgumentException(
                    name + " is not an Epoch AI benchmark file: its first column is not 'Model version'");
        }
        Columns columns = new Columns(header);
        if (!columns.has("Release date")) {
            throw new IllegalArgumentException(
                    name + " is not an Epoch AI benchmark file: it has no 'Release date' column");
        }
        String benchmark = benchmarkId(file);
        columns.missing(name, benchmark.equals(ECI) ? ECI_EXPECTED : EXPECTED).forEach(result::missingColumn);
        String scoreColumn = header.stream()
                .skip(1)
                .filter(h -> !RUN_COLUMNS.contains(h))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + " has no score column"));
        ScoreScale scale = SCALES.containsKey(benchmark) ? SCALES.get(benchmark) : detectScale(file, scoreColumn);
        String scaleNote = SCALES.containsKey(benchmark) ? "stated" : "detected from the file's values";

        // Keep the best score per model version: a file can list one model several times (shots, scaffolds).
        BestScores best = new BestScores();
        CsvRows.forEach(file, result, row -> {
            result.countRow(name);
            try {
                String version = row.get("Model version");
                Weights weights = CsvRows.accessibility(
                        row,
                        version == null ? Weights.UNKNOWN : weightsByVersion.getOrDefault(version, Weights.UNKNOWN));
                Double score = CsvRows.number(row, scoreColumn, row.get(scoreColumn));
                if (score == null) {
                    // Epoch lists models it has not scored yet: nothing to publish, and nothing wrong either.
                    result.skip(new Rejection(
                            name, row.line(), "score", "no score yet (blank in column '" + scoreColumn + "')"));
                    return;
                }
                if (row.get("Release date") == null) {
                    // Epoch's files carry scores they cannot date: 414 of the hub's 2026 scored rows
                    // are a third-party leaderboard's models Epoch has not catalogued (no model version
                    // either), 57 are catalogued versions with no date yet. The source's gap, not an
                    // error in it: a score with no date has no place in time, so it is skipped.
                    result.skip(new Rejection(
                            name,
                            row.line(),
                            "date",
                            version == null
                                    ? "no release date and no model version in the file: a model Epoch has not"
                                            + " catalogued, with no place in time"
                                    : "no release date in the file: the score cannot be placed in time"));
                    return;
                }
                String displayName = row.getAny("Display name", "Model name", "Name");
                BenchmarkResult b = new BenchmarkResult(
                        Slugs.id("Model version", version),
                        displayName != null ? displayName : version,
                        benchmark,
                        score,
                        scale,
                        CsvRows.date("Release date", row.get("Release date")),
                        row.get("Organization"),
                        weights,
                        CsvRows.number(row, "Training compute (FLOP)", row.get("Training compute (FLOP)")),
                        "Epoch AI Benchmarking Hub (" + name + ", column '" + scoreColumn + "', scale " + scale.wire()
                                + " " + scaleNote + ")" + sourceSuffix(row),
                        name + ":" + row.line(),
                        CsvRows.number(row, "stderr", row.get("stderr")));
                if (offer(result, name, row.line(), b)) {
                    best.offer(b);
                }
            } catch (CsvRows.CellException e) {
                result.reject(new Rejection(name, row.line(), e.column(), e.getMessage()));
            }
        });
        best.addTo(result);
        return result;
    }

    private static String sourceSuffix(CsvRows.Row row) {
        String source = row.get("Source");
        return source == null ? "" : "; originally " + source.replaceAll("\\s+", " ");
    }

    /**
     * Fractions when every value is within 0–1, percent when within 0–100; otherwise the scale must be
     * stated. A few values beyond 100 (at most one in a hundred, and fewer than half of the file) are
     * taken for slips in a bounded file, not for an unbounded scale: the scale is detected from the
     * other values, and those rows are rejected as outside it when the file is read. Otherwise one
     * mistyped row ("850" for "85.0") refused a whole file of a few hundred good ones.
     */
    static ScoreScale detectScale(Path file, String column) throws IOException {
        double[] maxWithin = {Double.NEGATIVE_INFINITY};
        double[] maxBeyond = {Double.NEGATIVE_INFINITY};
        int[] counts = new int[2]; // values, values beyond 100
        CsvRows.forEach(file, row -> {
            try {
                Double v = CsvRows.number(row, column, row.get(column));
                if (v == null) {
                    return;
                }
                counts[0]++;
                if (v > 100.0) {
                    counts[1]++;
                    maxBeyond[0] = Math.max(maxBeyond[0], v);
                } else {
                    maxWithin[0] = Math.max(maxWithin[0], v);
                }
            } catch (CsvRows.CellException ignored) {
                // The row is rejected with its reason when it is read for real.
            }
        });
        int beyond = counts[1];
        if (beyond > 0 && (beyond > Math.max(1, counts[0] / 100) || 2 * beyond >= counts[0])) {
            throw new IllegalArgumentException(file.getFileName() + ": " + beyond + " of its " + counts[0]
                    + " scores are above 100 (up to " + maxBeyond[0]
                    + "), neither a fraction nor a percentage; give its scale in the JSON-lines format instead");
        }
        return maxWithin[0] <= 1.0 ? ScoreScale.FRACTION : ScoreScale.PERCENT;
    }
}
