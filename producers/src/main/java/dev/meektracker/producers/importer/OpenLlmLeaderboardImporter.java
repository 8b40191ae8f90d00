package dev.meektracker.producers.importer;

import dev.meektracker.core.event.BenchmarkResult;
import dev.meektracker.core.event.ScoreScale;
import dev.meektracker.core.event.Weights;
import dev.meektracker.core.validate.EventValidator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Hugging Face's Open LLM Leaderboard, v1 ({@code model, average, arc, hellaswag, mmlu, truthfulqa,
 * winogrande, gsm8k, merged, flagged, date}) or v2 ({@code model_name, model_average_score,
 * evaluations_<benchmark>_normalized_score, features_is_merged, features_is_flagged,
 * metadata_submission_date}). Every model on it has open weights; scores are the leaderboard's own
 * (v1 percent, v2 normalised to 0-100) and not comparable with other sources', so each becomes its
 * own benchmark ({@code open-llm-v1-mmlu}, {@code open-llm-v2-gpqa}, ...). Flagged and merged models
 * are skipped, not rejected: the leaderboard marks them itself. The date is the submission date,
 * not the release date: the leaderboard states no other. A model listed several times (other
 * precisions, revisions, types) keeps its best score per benchmark, as the Epoch hub's files do.
 *
 * <p>v1's {@code merged}, {@code flagged} and {@code moe} columns are negations under the
 * leaderboard's own names: they were scraped from its table, whose hidden filter columns said
 * "not merged", "not flagged", "not MoE". The file shows it: {@code flagged} is TRUE for 7,060 of
 * 7,169 rows and FALSE for Contamination/contaminated_proof_7b_v1.0 and una-xaberius-34b, which
 * the leaderboard flagged; {@code merged} is TRUE for 380 of 392 pretrained models and FALSE for
 * 732 of 1,009 "base merges"; {@code moe} is FALSE for 279 of 327 models named MoE or Mixtral.
 * Read as written, the import kept the 109 flagged rows and skipped the rest. v2's
 * {@code features_is_*} columns say what they name.
 */
public final class OpenLlmLeaderboardImporter extends Importer {

    private static final List<String> V1 =
            List.of("average", "arc", "hellaswag", "mmlu", "truthfulqa", "winogrande", "gsm8k");
    private static final List<String> V2 = List.of("ifeval", "bbh", "math", "gpqa", "musr", "mmlu_pro");

    /** The columns a file of either version is read from, and what every row lacks without each. */
    private static List<Columns.Expected> expected(boolean v2) {
        List<Columns.Expected> e = new ArrayList<>();
        scoreColumns(v2)
                .forEach((benchmark, column) -> e.add(new Columns.Expected(
                        "no model has a score on " + benchmark + ", so open-llm-" + (v2 ? "v2-" : "v1-")
                                + benchmark.replace('_', '-') + " is not published",
                        column)));
        String flagged = v2 ? "features_is_flagged" : "flagged";
        String merged = v2 ? "features_is_merged" : "merged";
        e.add(new Columns.Expected("models the leaderboard flagged are not told apart, and are published", flagged));
        e.add(new Columns.Expected("merges of other models are not told apart, and are published", merged));
        return e;
    }

    /** Each benchmark's score column, by the benchmark's name. */
    private static Map<String, String> scoreColumns(boolean v2) {
        Map<String, String> columns = new LinkedHashMap<>();
        if (v2) {
            columns.put("average", "model_average_score");
            V2.forEach(b -> columns.put(b, "evaluations_" + b + "_normalized_score"));
        } else {
            V1.forEach(b -> columns.put(b, b));
        }
        return columns;
    }

    public OpenLlmLeaderboardImporter(EventValidator validator) {
        super(validator);
    }

    public static boolean recognises(List<String> header) {
        return (header.contains("model") && header.contains("mmlu") && header.contains("average"))
                || (header.contains("model_name") && header.contains("model_average_score"));
    }

    public ImportResult read(Path file) throws IOException {
        ImportResult result = new ImportResult();
        String name = file.getFileName().toString();
        List<String> header = CsvRows.header(file);
        if (!recognises(header)) {
            throw new IllegalArgumentException(name + " is not an Open LLM Leaderboard export: expected the columns"
                    + " model, average, mmlu (v1) or model_name, model_average_score (v2)");
        }
        boolean v2 = header.contains("model_name");
        String dateColumn = v2 ? "metadata_submission_date" : "date";
        if (!header.contains(dateColumn)) {
            // Without it every row would be skipped as undated: say so once instead.
            throw new IllegalArgumentException(name + " is an Open LLM Leaderboard export without its date column ("
                    + dateColumn + "): its scores cannot be placed in time");
        }
        new Columns(header).missing(name, expected(v2)).forEach(result::missingColumn);
        Map<String, String> scores = scoreColumns(v2);
        BestScores best = new BestScores();
        CsvRows.forEach(file, result, row -> {
            result.countRow(name);
            try {
                String model = row.get(v2 ? "model_name" : "model");
                if (model == null) {
                    result.reject(new Rejection(name, row.line(), v2 ? "model_name" : "model", "no model name"));
                    return;
                }
                if (v2 ? is(row.get("features_is_flagged"), "true") : is(row.get("flagged"), "false")) {
                    result.skip(new Rejection(name, row.line(), "flagged", "flagged by the leaderboard"));
                    return;
                }
                if (v2 ? is(row.get("features_is_merged"), "true") : is(row.get("merged"), "false")) {
                    result.skip(new Rejection(name, row.line(), "merged", "a merge of other models"));
                    return;
                }
                String date = row.get(dateColumn);
                if (date == null) {
                    // The leaderboard's own gap (22 rows of v1, 12 of v2), as an undated Epoch row is:
                    // scores with no date have no place in time, so the row is skipped, once for the
                    // row, not once for each of its scores.
                    result.skip(new Rejection(
                            name,
                            row.line(),
                            dateColumn,
                            "no submission date in the file: the scores cannot be placed in time"));
                    return;
                }
                LocalDate day = CsvRows.date(dateColumn, date.substring(0, Math.min(10, date.length())));
                for (Map.Entry<String, String> c : scores.entrySet()) {
                    Double score = CsvRows.number(row, c.getValue(), row.get(c.getValue()));
                    if (score == null) {
                        continue;
                    }
                    BenchmarkResult b = new BenchmarkResult(
                            Slugs.of(model),
                            model,
                            (v2 ? "open-llm-v2-" : "open-llm-v1-") + c.getKey().replace('_', '-'),
                            score,
                            ScoreScale.PERCENT,
                            day,
                            model.contains("/") ? model.substring(0, model.indexOf('/')) : null,
                            Weights.OPEN,
                            null,
                            "Hugging Face Open LLM Leaderboard " + (v2 ? "v2" : "v1") + " (" + name + ", column '"
                                    + c.getValue() + "'; submission date)",
                            name + ":" + row.line());
                    if (offer(result, name, row.line(), b)) {
                        best.offer(b);
                    }
                }
            } catch (CsvRows.CellException e) {
                result.reject(new Rejection(name, row.line(), e.column(), e.getMessage()));
            }
        });
        best.addTo(result);
        return result;
    }

    private static boolean is(String v, String value) {
        return v != null && v.trim().toLowerCase(Locale.ROOT).equals(value);
    }
}
