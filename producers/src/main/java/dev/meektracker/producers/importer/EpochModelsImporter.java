package dev.meektracker.producers.importer;

import dev.meektracker.core.event.ModelRelease;
import dev.meektracker.core.event.Weights;
import dev.meektracker.core.validate.EventValidator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

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
        Set<String> seen = new HashSet<>();
        int[] repeated = {0};
        if (!CsvRows.header(file).contains("Model")) {
            throw new IllegalArgumentException(name + " is not an Epoch AI models export: it has no 'Model' column");
        }
        CsvRows.forEach(file, row -> {
            result.countRow(name);
            try {
                String model = row.get("Model");
                String accessibility = row.get("Model accessibility");
                Weights weights = Weights.fromEpochAccessibility(accessibility);
                if (weights == Weights.UNKNOWN) {
                    // Some exports state only the Yes/No column; it uses the same mapping.
                    String open = row.get("Open model weights?");
                    weights = "Yes".equalsIgnoreCase(open)
                            ? Weights.OPEN
                            : "No".equalsIgnoreCase(open) ? Weights.CLOSED : Weights.UNKNOWN;
                }
                ModelRelease m = new ModelRelease(
                        Slugs.of(model),
                        model,
                        row.get("Organization"),
                        CsvRows.date("Publication date", row.get("Publication date")),
                        accessibility,
                        weights,
                        CsvRows.number(row, "Training compute (FLOP)", row.get("Training compute (FLOP)")),
                        CsvRows.number(row, "Parameters", row.get("Parameters")),
                        CsvRows.number(
                                row,
                                "Training dataset size (total)",
                                row.getAny(
                                        "Training dataset size (total)",
                                        "(DEPRECATED) Training dataset size (datapoints)",
                                        "Training dataset size (datapoints)")),
                        CsvRows.number(
                                row, "Training compute cost (2023 USD)", row.get("Training compute cost (2023 USD)")),
                        row.get("Confidence"),
                        "Epoch AI, Data on AI Models (" + name + "), CC BY 4.0",
                        name + ":" + row.line());
                if (offer(result, name, row.line(), m)) {
                    if (!seen.add(m.id())) {
                        repeated[0]++;
                    }
                    result.accept(m);
                }
            } catch (CsvRows.CellException e) {
                result.reject(new Rejection(name, row.line(), e.column(), e.getMessage()));
            }
        });
        result.countSuperseded(repeated[0]);
        return result;
    }
}
