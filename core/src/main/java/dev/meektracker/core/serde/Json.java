package dev.meektracker.core.serde;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDate;

/** The one Jackson configuration every topic, file and report of the tracker uses. */
public final class Json {

    /**
     * Unknown properties are ignored so that older consumers read newer events; dates are ISO
     * strings; a concrete type may be read without its {@code _t} name (JSON-lines files of one type),
     * but NaN and infinities are rejected rather than read as numbers.
     */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new SimpleModule("bounded-numbers")
                    .addDeserializer(Double.class, new BoundedDouble(Double.class))
                    .addDeserializer(double.class, new BoundedDouble(double.class)))
            .addModule(new SimpleModule("iso-dates").addDeserializer(LocalDate.class, new IsoDate()))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(MapperFeature.REQUIRE_TYPE_ID_FOR_SUBTYPES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // {"id":"a","id":"b"} names two items at once: refuse it rather than let the last one win.
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // Numbers are most of every output (a lag's daily series is 180 of them): Jackson's
            // Schubfach writer and FastDoubleParser read and write them several times faster than the
            // JDK 17 conversions, which the streams thread's profile showed among its top costs.
            .enable(com.fasterxml.jackson.core.StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .enable(com.fasterxml.jackson.core.StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    private Json() {}

    /** The longest text read as a number: longer ones are refused before parsing. */
    static final int MAX_NUMBER_TEXT = 64;

    /**
     * Reads a number, or a number written as text, as Jackson does, but refuses a text longer than
     * {@link #MAX_NUMBER_TEXT} characters before parsing it: Jackson's coercion of a long digit string
     * costs time quadratic in its length (a 100,000-digit string takes over a minute), which a hostile
     * record must not be able to buy.
     */
    private static final class BoundedDouble extends StdScalarDeserializer<Double> {
        private final boolean primitive;

        BoundedDouble(Class<?> type) {
            super(type);
            this.primitive = type.isPrimitive();
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
                return p.getDoubleValue();
            }
            if (t == JsonToken.VALUE_STRING) {
                String text = p.getText().trim();
                if (text.length() > MAX_NUMBER_TEXT) {
                    throw InvalidFormatException.from(
                            p,
                            "a number written as text may have at most " + MAX_NUMBER_TEXT + " characters",
                            text,
                            Double.class);
                }
                if (text.isEmpty()) {
                    return primitive
                            ? (Double) ctxt.handleWeirdStringValue(Double.class, text, "empty text is not a number")
                            : null;
                }
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    return (Double) ctxt.handleWeirdStringValue(Double.class, text, "not a valid number");
                }
            }
            if (t == JsonToken.VALUE_NULL) {
                return primitive ? (Double) ctxt.handleUnexpectedToken(Double.class, p) : null;
            }
            return (Double) ctxt.handleUnexpectedToken(Double.class, p);
        }

        @Override
        public Double getNullValue(DeserializationContext ctxt) throws JsonMappingException {
            if (primitive) {
                ctxt.reportInputMismatch(this, "null is not a number");
            }
            return null;
        }
    }

    /**
     * Reads a yyyy-MM-dd date straight from its ten characters, and other texts (other shapes,
     * impossible dates) as JavaTimeModule does, with its errors: every input event carries a date, and
     * the formatter's general parse was 3 % of the streams thread's time. A date that is not text is
     * refused: JavaTimeModule reads a number as days since 1970 ({@code 19000} became 2022-01-08,
     * silently) and a list as [year, month, day], neither of which the tracker writes or documents.
     */
    private static final class IsoDate extends StdScalarDeserializer<LocalDate> {
        private static final long serialVersionUID = 1L;

        IsoDate() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (LocalDate) ctxt.handleUnexpectedToken(LocalDate.class, p);
            }
            String s = p.getText();
            if (s.length() == 10 && s.charAt(4) == '-' && s.charAt(7) == '-') {
                int year = digits(s, 0, 4);
                int month = digits(s, 5, 7);
                int day = digits(s, 8, 10);
                if (year >= 0 && month >= 0 && day >= 0) {
                    try {
                        return LocalDate.of(year, month, day);
                    } catch (DateTimeException impossible) {
                        // February 30th and the like: the standard reader reports it.
                    }
                }
            }
            return LocalDateDeserializer.INSTANCE.deserialize(p, ctxt);
        }

        /** The number the ASCII digits in [from, to) spell, or -1 if one is not a digit. */
        private static int digits(String s, int from, int to) {
            int v = 0;
            for (int i = from; i < to; i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
                v = v * 10 + (c - '0');
            }
            return v;
        }
    }

    /** Writes a value as compact JSON; the tracker's own values always serialize. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
