package dev.meektracker.producers.importer;

import dev.meektracker.core.event.ModelRelease;
import dev.meektracker.core.event.Weights;
import dev.meektracker.core.validate.EventValidator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Epoch AI's "Data on AI Models" exports (all, notable, large-scale and frontier files, which share
 * their column names). The model's stable id is the slug of its {@code Model} name.
 */
public final class EpochModelsImporter extends Importer {

    public EpochModelsImporter(EventValidator validator) {
        super(validator);
    }

    public ImportResult read(Path file) throws IOException {
        ImportResult result = new ImportResult();
        String name = file.getFileName().toString();
        Map<String, Kept> byId = new LinkedHashMap<>();
        var header = CsvRows.header(file);
        if (!header.contains("Model")) {
            throw new IllegalArgumentException(name + " is not an Epoch AI models export: it has no 'Model' column");
        }
        // Epoch's models exports say "Publication date"; its benchmark hub says "Release date" for the
        // same thing, and an export may follow it one day.
        String dateColumn = header.contains("Publication date") ? "Publication date" : "Release date";
        if (!header.contains(dateColumn)) {
            throw new IllegalArgumentException(
                    name + " is not an Epoch AI models export: it has no 'Publication date' column");
        }
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
                    keep(result, name, byId, m, row.line());
                }
            } catch (CsvRows.CellException e) {
                result.reject(new Rejection(name, row.line(), e.column(), e.getMessage()));
            }
        });
        byId.values().forEach(k -> result.accept(k.model()));
        return result;
    }

    private record Kept(ModelRelease model, long line) {}

    /**
     * Keeps one row per id. Epoch's files list some models twice (once with a stray space or tab in
     * the name), and two distinct models can still share an id ("Nova 2" by AWS and "Nova-2" by
     * Deepgram): publishing both would leave whichever the topology saw last, which with --replay is
     * the later release, not the later row. So the importer decides: the row that states the training
     * compute, which is what the tracker measures, else the later row; the other is reported.
     */
    private static void keep(ImportResult result, String file, Map<String, Kept> byId, ModelRelease m, long line) {
        Kept before = byId.get(m.id());
        if (before == null) {
            byId.put(m.id(), new Kept(m, line));
            return;
        }
        boolean earlierHasCompute = before.model().trainingComputeFlop() != null && m.trainingComputeFlop() == null;
        Kept kept = earlierHasCompute ? before : new Kept(m, line);
        Kept dropped = earlierHasCompute ? new Kept(m, line) : before;
        byId.put(m.id(), kept);
        result.supersede(new Rejection(
                file,
                dropped.line(),
                "id",
                "'" + m.id() + "' is also the id of line " + kept.line() + " ('"
                        + kept.model().name().strip()
                        + "'), which is published instead of this row ('"
                        + dropped.model().name().strip() + "'): "
                        + (earlierHasCompute ? "it states the training compute" : "it is the later row")));
    }
}
