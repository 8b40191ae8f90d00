package dev.meektracker.producers.importer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import dev.meektracker.core.event.InputEvent;
import dev.meektracker.core.event.InputType;
import dev.meektracker.core.serde.Json;
import dev.meektracker.core.serde.Reasons;
import dev.meektracker.core.validate.EventValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        // One event per item, the later line's: a file's corrections come after what they correct,
        // and publishing both would leave whichever the topology saw last, with --replay the later date.
        Map<String, Numbered> latest = new LinkedHashMap<>();
        Unknown unknown = new Unknown();
        ObjectReader reader = Json.MAPPER
                .readerFor(expected == null ? InputEvent.class : expected.eventClass())
                .withHandler(unknown);
        // Lines are split as bytes and decoded one by one, so a line that is not UTF-8 is rejected
        // alone rather than failing the whole file.
        try (java.io.InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
            byte[] bytes;
            long number = 0;
            while ((bytes = nextLine(in)) != null) {
                number++;
                if (bytes == TOO_LONG) {
                    result.countRow(name);
                    result.reject(new Rejection(
                            name,
                            number,
                            "row",
                            "longer than " + MAX_LINE_BYTES + " bytes: an event that large could not be published"
                                    + " (Kafka's default largest record is 1 MiB)"));
                    continue;
                }
                String line;
                try {
                    line = StandardCharsets.UTF_8
                            .newDecoder()
                            .decode(java.nio.ByteBuffer.wrap(bytes))
                            .toString();
                } catch (java.nio.charset.CharacterCodingException e) {
                    result.countRow(name);
                    result.reject(new Rejection(name, number, "row", "not valid UTF-8 text"));
                    continue;
                }
                if (number == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                result.countRow(name);
                String notAnObject = Reasons.notAnObject(trimmed);
                if (notAnObject != null) {
                    result.reject(new Rejection(name, number, "row", notAnObject));
                    continue;
                }
                InputEvent event;
                unknown.fields.clear();
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
                boolean valid = offer(result, name, number, event);
                for (Rejection why : unknownFields(name, number, event, unknown.fields)) {
                    // On a rejected line, one more of its problems (a misspelt releaseDate is why the
                    // date is missing); on a published one, a note.
                    if (valid) {
                        result.note(why);
                    } else {
                        result.reject(why);
                    }
                }
                if (valid) {
                    String item = event.inputType().wire() + ":" + event.key();
                    Numbered earlier = latest.put(item, new Numbered(event, number));
                    if (earlier != null) {
                        result.supersede(new Rejection(
                                name,
                                earlier.line(),
                                "id",
                                "'" + event.key() + "' again on line " + number
                                        + ", which is published instead of this line: the later line wins"));
                    }
                }
            }
        }
        latest.values().forEach(n -> result.accept(n.event()));
        return result;
    }

    private record Numbered(InputEvent event, long line) {}

    /**
     * Collects the fields of a line that its event type does not have. The topics ignore them, so
     * that older readers read newer events; a file is written by hand, where one is most often a
     * misspelt field (trainingComputeFLOP), whose value would be dropped without a word.
     */
    private static final class Unknown extends DeserializationProblemHandler {
        /** The unknown fields of the line being read, each with its type's known fields. */
        final Map<String, Collection<Object>> fields = new LinkedHashMap<>();

        @Override
        public boolean handleUnknownProperty(
                DeserializationContext ctxt,
                JsonParser p,
                JsonDeserializer<?> deserializer,
                Object beanOrClass,
                String propertyName)
                throws IOException {
            fields.putIfAbsent(propertyName, deserializer.getKnownPropertyNames());
            p.skipChildren();
            return true;
        }
    }

    /** How many unknown fields of one line are named, each in a line of its own. */
    static final int UNKNOWN_FIELDS_NAMED = 5;

    /**
     * A line's unknown fields as reasons: the first {@link #UNKNOWN_FIELDS_NAMED} by name (cut to 80
     * characters), then how many more, so that a line of 20,000 made-up fields is one screen, not 20,000
     * lines.
     */
    private static List<Rejection> unknownFields(
            String file, long line, InputEvent event, Map<String, Collection<Object>> fields) {
        List<Rejection> out = new ArrayList<>();
        for (Map.Entry<String, Collection<Object>> u : fields.entrySet()) {
            if (out.size() == UNKNOWN_FIELDS_NAMED) {
                out.add(new Rejection(
                        file,
                        line,
                        "row",
                        (fields.size() - UNKNOWN_FIELDS_NAMED) + " more fields that are not fields of '"
                                + event.inputType().wire() + "': their values are left out of the event"));
                break;
            }
            out.add(new Rejection(file, line, Reasons.cut(u.getKey()), unknownField(event, u.getKey(), u.getValue())));
        }
        return out;
    }

    /** Why a field is left out of the event, naming the type's field it may be a misspelling of. */
    private static String unknownField(InputEvent event, String field, Collection<Object> known) {
        String alike = known == null
                ? null
                : known.stream()
                        .map(String::valueOf)
                        .filter(k -> Columns.alike(k, field))
                        .findFirst()
                        .orElse(null);
        return "not a field of '" + event.inputType().wire() + "': its value is left out of the event"
                + (alike == null ? "" : " (the field '" + alike + "' is a few letters from it)");
    }

    /**
     * The longest line read: Kafka's default largest record. A longer one is rejected without being kept,
     * so that a file of one endless line cannot take the heap.
     */
    static final int MAX_LINE_BYTES = 1 << 20;

    /** What {@link #nextLine} returns for a line over {@link #MAX_LINE_BYTES}, after skipping past it. */
    private static final byte[] TOO_LONG = new byte[0];

    /** The next line's bytes without its end (\n or \r\n), {@link #TOO_LONG}, or null at the end of the stream. */
    private static byte[] nextLine(java.io.InputStream in) throws IOException {
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        int b = in.read();
        if (b < 0) {
            return null;
        }
        // Kept up to one byte past the limit and a \r; the rest of a longer line is read and dropped.
        boolean tooLong = false;
        while (b >= 0 && b != '\n') {
            if (line.size() <= MAX_LINE_BYTES + 1) {
                line.write(b);
            } else {
                tooLong = true;
            }
            b = in.read();
        }
        byte[] out = line.toByteArray();
        if (out.length > 0 && out[out.length - 1] == '\r') {
            out = java.util.Arrays.copyOf(out, out.length - 1);
        }
        return tooLong || out.length > MAX_LINE_BYTES ? TOO_LONG : out;
    }
}
