package dev.meektracker.producers.importer;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import dev.meektracker.core.event.InputEvent;
import dev.meektracker.core.event.InputType;
import dev.meektracker.core.serde.Json;
import dev.meektracker.core.serde.Reasons;
import dev.meektracker.core.validate.EventValidator;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The tracker's own format: one JSON event per line, the same JSON as on the topics. Blank lines and
 * lines starting with {@code #} are skipped. Given an expected type (from --models, --hardware or
 * --benchmarks) the {@code _t} name may be omitted; otherwise it is required.
 */
public final class JsonLinesImporter extends Importer {

    public JsonLinesImporter(EventValidator validator) {
        super(validator);
    }

    /** @param expected the kind every line must be, or null to accept any input kind by its {@code _t} */
    public ImportResult read(Path file, InputType expected) throws IOException {
        ImportResult result = new ImportResult();
        String name = file.getFileName().toString();
        ObjectReader reader = Json.MAPPER.readerFor(expected == null ? InputEvent.class : expected.eventClass());
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                result.countRow(name);
                InputEvent event;
                try {
                    event = reader.readValue(trimmed);
                } catch (InvalidTypeIdException e) {
                    result.reject(new Rejection(
                            name,
                            number,
                            "_t",
                            "expected " + (expected == null ? "an input type" : "'" + expected.wire() + "'") + ", got '"
                                    + Reasons.cut(e.getTypeId()) + "'"));
                    continue;
                } catch (IOException e) {
                    result.reject(new Rejection(name, number, "row", Reasons.of(e)));
                    continue;
                }
                if (event == null) {
                    result.reject(new Rejection(name, number, "row", "expected a JSON object, got null"));
                    continue;
                }
                if (offer(result, name, number, event)) {
                    result.accept(event);
                }
            }
        }
        return result;
    }
}
