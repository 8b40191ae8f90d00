package dev.meektracker.producers.importer;

import dev.meektracker.core.event.BenchmarkResult;
import dev.meektracker.core.event.ScoreScale;
import dev.meektracker.core.event.Weights;
import dev.meektracker.core.validate.EventValidator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * LMArena's text leaderboard as stacked snapshots: either the daily CSV's versions stacked with a
 * {@code snapshot_date} column (fboulnois/llm-leaderboard-csv: {@code model, arena_score, 95_pct_ci,
 * votes, organization, license}), or the Elo history ({@code key, Model, rating, License,
 * Organization, date} with dates as YYYYMMDD). A leaderboard is a full state: each model's rating
 * is its rating in the newest snapshot, and a model absent from the newest snapshot is not a
 * current result at all (the watcher retracts it). Its release date is the first snapshot it
 * appears in. Licence {@code Proprietary} (and the export's typo {@code Propretary}) is closed
 * weights, {@code Other} unknown, any other licence open. One score per snapshot and model: where a
 * snapshot repeats a display name (two internal keys), the row with the most votes wins.
 */
public final class LmArenaImporter extends Importer {

    public static final String BENCHMARK = "lmarena-text";
    private static final Pattern CI =
            Pattern.compile("\\+\\s*([0-9]+(?:\\.[0-9]+)?)\\s*/\\s*-\\s*([0-9]+(?:\\.[0-9]+)?)");

    private static final String NO_LICENCE =
            "no model has a licence, so every rating has unknown weights and takes no part in the"
                    + " open-versus-closed gap";

    /** What every rating of a file lacks without these columns, in each of the two layouts. */
    private static final List<Columns.Expected> STACKED_EXPECTED = List.of(
            new Columns.Expected(NO_LICENCE, "license"),
            new Columns.Expected("no rating has an interval, so none has a standard error", "95_pct_ci"),
            new Columns.Expected(
                    "no rating has its votes, so where a snapshot lists a model twice the first row is kept", "votes"),
            new Columns.Expected("no model has an organisation", "organization"));

    private static final List<Columns.Expected> HISTORY_EXPECTED = List.of(
            new Columns.Expected(NO_LICENCE, "License"),
            new Columns.Expected("no model has an organisation", "Organization"),
            new Columns.Expected("no model has a display name: its internal key stands for it", "Model"));

    public LmArenaImporter(EventValidator validator) {
        super(validator);
    }

    /** Whether a CSV's header is one of LMArena's two layouts. */
    public static boolean recognises(List<String> header) {
        return (header.contains("snapshot_date") && header.contains("arena_score"))
                || (header.contains("rating") && header.contains("License") && header.contains("date"));
    }

    /**
     * A single leaderboard as LMArena publishes it (model and arena_score, no snapshot_date): its
     * ratings are of the day it was read, which the file does not state.
     */
    public static boolean isUndatedSnapshot(List<String> header) {
        return header.contains("arena_score") && header.contains("model") && !header.contains("snapshot_date");
    }

    private record Row(
            String key,
            String name,
            LocalDate snapshot,
            double score,
            Double stdErr,
            long votes,
            String organization,
            String license,
            long line) {}

    public ImportResult read(Path file) throws IOException {
        ImportResult result = new ImportResult();
        String name = file.getFileName().toString();
        List<String> header = CsvRows.header(file);
        if (!recognises(header)) {
            throw new IllegalArgumentException(name + " is not an LMArena leaderboard export: expected the columns"
                    + " snapshot_date, model, arena_score, license or key, Model, rating, License, date");
        }
        boolean stacked = header.contains("snapshot_date");
        new Columns(header)
                .missing(name, stacked ? STACKED_EXPECTED : HISTORY_EXPECTED)
                .forEach(result::missingColumn);
        // Per model: the first snapshot it appears in, and its row in the newest snapshot so far.
        Map<String, LocalDate> firstSeen = new HashMap<>();
        Map<String, Row> latest = new HashMap<>();
        LocalDate[] newest = {null};
        CsvRows.forEach(file, result, row -> {
            result.countRow(name);
            try {
                Row r = stacked ? stackedRow(row) : historyRow(row);
                if (r == null) {
                    result.skip(new Rejection(name, row.line(), "score", "no rating in this snapshot"));
                    return;
                }
                firstSeen.merge(r.key(), r.snapshot(), (a, b) -> a.isBefore(b) ? a : b);
                latest.merge(r.key(), r, LmArenaImporter::newer);
                if (newest[0] == null || r.snapshot().isAfter(newest[0])) {
                    newest[0] = r.snapshot();
                }
            } catch (CsvRows.CellException e) {
                result.reject(new Rejection(name, row.line(), e.column(), e.getMessage()));
            }
        });
        int retired = 0;
        for (Row r : new TreeMap<>(latest).values()) {
            if (!r.snapshot().equals(newest[0])) {
                retired++;
                continue;
            }
            BenchmarkResult b = new BenchmarkResult(
                    Slugs.of(r.key()),
                    r.name(),
                    BENCHMARK,
                    r.score(),
                    ScoreScale.ELO,
                    firstSeen.get(r.key()),
                    r.organization(),
                    weights(r.license()),
                    null,
                    "LMArena text leaderboard (" + name + "), rating of the snapshot of " + r.snapshot() + ", licence '"
                            + r.license() + "'; first listed " + firstSeen.get(r.key()),
                    name + ":" + r.line(),
                    r.stdErr(),
                    r.snapshot());
            if (offer(result, name, r.line(), b)) {
                result.accept(b);
            }
        }
        result.countSuperseded(retired);
        return result;
    }

    /** The later snapshot's row; within one snapshot, the one with more votes. */
    private static Row newer(Row a, Row b) {
        int c = a.snapshot().compareTo(b.snapshot());
        if (c != 0) {
            return c > 0 ? a : b;
        }
        return b.votes() > a.votes() ? b : a;
    }

    private static Row stackedRow(CsvRows.Row row) {
        String model = row.get("model");
        Double score = CsvRows.number(row, "arena_score", row.get("arena_score"));
        if (model == null || score == null) {
            return null;
        }
        LocalDate snapshot = CsvRows.date("snapshot_date", row.get("snapshot_date"));
        if (snapshot == null) {
            // The snapshot is the rating's date and decides which row is the newest: without it the
            // rating has no place in time.
            throw new CsvRows.CellException("snapshot_date", "blank: the rating cannot be placed in time");
        }
        Double votes = CsvRows.number(row, "votes", row.get("votes"));
        return new Row(
                model,
                model,
                snapshot,
                score,
                stdErr(row.get("95_pct_ci")),
                votes == null ? 0 : votes.longValue(),
                row.get("organization"),
                row.get("license"),
                row.line());
    }

    private static Row historyRow(CsvRows.Row row) {
        String key = row.get("key");
        Double rating = CsvRows.number(row, "rating", row.get("rating"));
        if (key == null || rating == null) {
            return null;
        }
        String date = row.get("date");
        LocalDate snapshot;
        try {
            snapshot = LocalDate.parse(date == null ? "" : date, java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
        } catch (java.time.format.DateTimeParseException e) {
            // Shaped right but not a day (20231301) as well as shaped wrong: one reason, not a stack trace.
            throw new CsvRows.CellException("date", "expected a date as YYYYMMDD, got '" + date + "'");
        }
        String model = row.get("Model");
        return new Row(
                key,
                model == null ? key : model,
                snapshot,
                rating,
                null,
                0,
                row.get("Organization"),
                row.get("License"),
                row.line());
    }

    /** The standard error from a 95 % interval written "+5/-4": the mean half-width over 1.96. */
    static Double stdErr(String ci) {
        if (ci == null) {
            return null;
        }
        Matcher m = CI.matcher(ci);
        if (!m.find()) {
            return null;
        }
        return (Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2))) / 2 / 1.96;
    }

    /**
     * Proprietary is closed; "Other" says nothing; any named licence publishes the weights. LMArena
     * writes "Proprietary" (once "Propretary") for every closed model; a variant it may write one day
     * ("Proprietary (API)", "Closed", "API only") is closed too, not read as the name of an open
     * licence, and "Unknown", "N/A" or "None" say nothing, as "Other" does.
     */
    static Weights weights(String license) {
        if (license == null || license.isBlank()) {
            return Weights.UNKNOWN;
        }
        String l = license.trim().toLowerCase(Locale.ROOT);
        if (l.startsWith("propri") || l.startsWith("propre") || l.startsWith("closed") || l.startsWith("api")) {
            return Weights.CLOSED;
        }
        return UNSTATED.contains(l) ? Weights.UNKNOWN : Weights.OPEN;
    }

    /** Licence values that state no licence. */
    private static final java.util.Set<String> UNSTATED =
            java.util.Set.of("other", "unknown", "n/a", "na", "none", "-");
}
