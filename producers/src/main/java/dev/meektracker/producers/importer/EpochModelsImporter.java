package dev.meektracker.producers.importer;

import dev.meektracker.core.event.ModelRelease;
import dev.meektracker.core.event.Weights;
import dev.meektracker.core.validate.EventValidator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Epoch AI's "Data on AI Models" exports (all, notable, large-scale and frontier files, which share
 * their column names). The model's stable id is the slug of its {@code Model} name.
 */
public final class EpochModelsImporter extends Importer {

    /**
     * The columns the tracker's outputs read, and what every model of a file without them lacks. The
     * other fields (parameters, dataset size, cost) go on the topic for its readers; Epoch's large-scale
     * export has no cost column, so a missing one is no news.
     */
    private static final List<Columns.Expected> EXPECTED = List.of(
            new Columns.Expected(
                    "no model has open or closed weights, so none takes part in the open-versus-closed gaps",
                    "Model accessibility",
                    "Open model weights?"),
            new Columns.Expected(
                    "no model has a training compute figure, so none is on the compute frontier or in the compute"
                            + " gap",
                    "Training compute (FLOP)"),
            new Columns.Expected(
                    "no model's compute estimate has a confidence, so none counts for the compute gap when"
                            + " meek.gap.compute.confidence is above any",
                    "Confidence"),
            new Columns.Expected("no model has an organisation", "Organization"));

    public EpochModelsImporter(EventValidator validator) {
        super(validator);
    }

    public ImportResult read(Path file) throws IOException {
        return read(List.of(file));
    }

    /**
     * Several of Epoch's exports read as one (the four files of the models download, or their
     * folder): one row per id across them, by the same rules as within a file, so a model listed in
     * both all_ai_models.csv and notable_ai_models.csv is published once, and two distinct models of
     * one name in different files (CALM by NVIDIA in all_ai_models.csv, CaLM by Oxford in both) stay
     * two, where publishing each file's rows on their own made one id of them.
     */
    public ImportResult read(List<Path> files) throws IOException {
        ImportResult result = new ImportResult();
        Map<String, Kept> byId = new LinkedHashMap<>();
        for (int i = 0; i < files.size(); i++) {
            read(files.get(i), i, result, byId);
        }
        byId.values().forEach(k -> result.accept(k.model()));
        qualifiedIds(byId).forEach(result::note);
        return result;
    }

    private void read(Path file, int order, ImportResult result, Map<String, Kept> byId) throws IOException {
        String name = file.getFileName().toString();
        Columns header = new Columns(CsvRows.header(file));
        if (!header.has("Model")) {
            throw new IllegalArgumentException(name + " is not an Epoch AI models export: it has no 'Model' column");
        }
        // Epoch's models exports say "Publication date"; its benchmark hub says "Release date" for the
        // same thing, and an export may follow it one day.
        String dateColumn = header.has("Publication date") ? "Publication date" : "Release date";
        if (!header.has(dateColumn)) {
            throw new IllegalArgumentException(
                    name + " is not an Epoch AI models export: it has no 'Publication date' column");
        }
        header.missing(name, EXPECTED).forEach(result::missingColumn);
        CsvRows.forEach(file, result, row -> {
            result.countRow(name);
            try {
                String model = row.get("Model");
                // Epoch lists some models before it has dated them (18 rows of the 2026 all-models
                // export, most with nothing but a name): the source's gap, not an error in it, and a
                // model with no date has no place on any timeline, so the row is skipped and counted.
                if (row.get(dateColumn) == null) {
                    result.skip(new Rejection(
                            name,
                            row.line(),
                            "releaseDate",
                            "no publication date in the file: the model cannot be placed in time"));
                    return;
                }
                String accessibility = row.get("Model accessibility");
                // Some exports state only the Yes/No column; it uses the same mapping.
                String open = row.get("Open model weights?");
                Weights weights = CsvRows.accessibility(
                        row,
                        "Yes".equalsIgnoreCase(open)
                                ? Weights.OPEN
                                : "No".equalsIgnoreCase(open) ? Weights.CLOSED : Weights.UNKNOWN);
                ModelRelease m = new ModelRelease(
                        Slugs.id("Model", model),
                        model,
                        row.get("Organization"),
                        CsvRows.date(dateColumn, row.get(dateColumn)),
                        accessibility,
                        weights,
                        CsvRows.amount(row, "Training compute (FLOP)", row.get("Training compute (FLOP)")),
                        CsvRows.amount(row, "Parameters", row.get("Parameters")),
                        CsvRows.amount(
                                row,
                                "Training dataset size (total)",
                                row.getAny(
                                        "Training dataset size (total)",
                                        "(DEPRECATED) Training dataset size (datapoints)",
                                        "Training dataset size (datapoints)")),
                        CsvRows.amount(
                                row, "Training compute cost (2023 USD)", row.get("Training compute cost (2023 USD)")),
                        row.get("Confidence"),
                        "Epoch AI, Data on AI Models (" + name + "), CC BY 4.0",
                        name + ":" + row.line());
                if (offer(result, name, row.line(), m)) {
                    keep(result, byId, new Kept(m, name, order, row.line()));
                }
            } catch (CsvRows.CellException e) {
                result.reject(new Rejection(name, row.line(), e.column(), e.getMessage()));
            }
        });
    }

    /** A note on each published row whose id was qualified, naming the row that kept the name's id. */
    private static List<Rejection> qualifiedIds(Map<String, Kept> byId) {
        List<Rejection> notes = new ArrayList<>();
        for (Kept k : byId.values()) {
            String base = Slugs.of(k.model().name());
            Kept stays = byId.get(base);
            if (k.model().id().equals(base) || stays == null) {
                continue;
            }
            notes.add(new Rejection(
                    k.file(),
                    k.line(),
                    "id",
                    "'" + base + "' is also the id of " + stays.where(k) + " ('"
                            + stays.model().name().strip() + "' by '"
                            + stays.model().organization().strip()
                            + (stays.model().releaseDate().isAfter(k.model().releaseDate())
                                    ? "', released later"
                                    : "', released the same day and listed first")
                            + "), a distinct model: this row ('"
                            + k.model().name().strip() + "' by '"
                            + k.model().organization().strip()
                            + "') is published as '" + k.model().id() + "'"));
        }
        Map<String, Integer> order = new HashMap<>();
        byId.values().forEach(k -> order.putIfAbsent(k.file(), k.order()));
        notes.sort(Comparator.comparingInt((Rejection n) -> order.getOrDefault(n.file(), 0))
                .thenComparingLong(Rejection::line));
        return notes;
    }

    /** A row kept for its id, with where it was read: its file, that file's place among those read, its line. */
    private record Kept(ModelRelease model, String file, int order, long line) {

        /** Where this row is, as seen from another: "line N" in the same file, else "FILE line N". */
        String where(Kept from) {
            return (from.order() == order ? "" : file + " ") + "line " + line;
        }

        Kept withModel(ModelRelease m) {
            return new Kept(m, file, order, line);
        }
    }

    /**
     * Keeps one row per id. Epoch's files list some models twice (once with a stray space or tab in
     * the name, or with the organization spelt two ways), and publishing both would leave whichever
     * the topology saw last, which with --replay is the later release, not the later row. So the
     * importer decides: the row that states the training compute, which is what the tracker measures,
     * else the later row; the other is reported.
     *
     * <p>Two rows whose names differ only in case or punctuation can also be two models of different
     * organizations ("Nova 2", Amazon's 2025 language model, and "Nova-2", Deepgram's 2023 speech
     * model; "CALM" by NVIDIA and "CaLM" by Oxford). Dropping one would lose a model, so both are
     * published: the later release keeps the name's id, whatever the order of the rows (the first row
     * when both are dated the same day), and the other's id is qualified by its first organization
     * ({@code nova-2-deepgram}), which is reported with the row.
     */
    private static void keep(ImportResult result, Map<String, Kept> byId, Kept row) {
        ModelRelease m = row.model();
        Kept before = byId.get(m.id());
        if (before == null) {
            byId.put(m.id(), row);
            return;
        }
        if (Organizations.distinct(before.model().organization(), m.organization())) {
            boolean laterRelease = m.releaseDate().isAfter(before.model().releaseDate());
            Kept stays = laterRelease ? row : before;
            Kept moves = laterRelease ? before : row;
            String qualified =
                    m.id() + "-" + Organizations.firstSlug(moves.model().organization());
            byId.put(m.id(), stays);
            // Through keep again: the qualified id may already hold this model's own duplicate row.
            keep(result, byId, moves.withModel(moves.model().withId(qualified)));
            return;
        }
        boolean earlierHasCompute = before.model().trainingComputeFlop() != null && m.trainingComputeFlop() == null;
        Kept kept = earlierHasCompute ? before : row;
        Kept dropped = earlierHasCompute ? row : before;
        byId.put(m.id(), kept);
        result.supersede(new Rejection(
                dropped.file(),
                dropped.line(),
                "id",
                "'" + m.id() + "' is also the id of " + kept.where(dropped) + " ('"
                        + kept.model().name().strip()
                        + "'), which is published instead of this row ('"
                        + dropped.model().name().strip() + "'): "
                        + (earlierHasCompute ? "it states the training compute" : "it is the later row")));
    }
}
