package dev.meektracker.core.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meektracker.core.event.BenchmarkResult;
import dev.meektracker.core.event.HardwarePrice;
import dev.meektracker.core.event.InputEvent;
import dev.meektracker.core.event.ModelRelease;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reasons for unreadable input say field, expectation and what came, in words, short, with no Java class names. */
class ReasonsTest {

    private static String reason(Class<?> type, String json) {
        try {
            Json.MAPPER.readerFor(type).readValue(json);
            throw new AssertionError("expected a failure for " + json);
        } catch (java.io.IOException e) {
            return Reasons.of(e);
        }
    }

    @Test
    void readerFailuresAreSaidInWords() {
        String wrongKind = reason(ModelRelease.class, "{\"_t\":\"benchmark-result\",\"modelId\":\"m\"}");
        assertThat(wrongKind).startsWith("_t: expected 'model-release', got 'benchmark-result'");
        assertThat(reason(InputEvent.class, "{\"_t\":\"scaling-fit\"}"))
                .contains("an input type")
                .contains("scaling-fit");
        assertThat(reason(ModelRelease.class, "{\"_t\":\"model-release\",\"trainingComputeFlop\":\"lots\"}"))
                .startsWith("field 'trainingComputeFlop': expected a number, got 'lots'");
        assertThat(reason(ModelRelease.class, "{\"_t\":\"model-release\",\"releaseDate\":\"yesterday\"}"))
                .startsWith("field 'releaseDate':")
                .contains("a date (YYYY-MM-DD)");
        assertThat(reason(BenchmarkResult.class, "{\"_t\":\"benchmark-result\",\"scale\":\"stars\"}"))
                .startsWith("field 'scale': ")
                .contains("expected")
                .contains("stars");
        assertThat(reason(ModelRelease.class, "{\"_t\":\"model-release\",")).startsWith("not valid JSON");
        for (String r : List.of(
                wrongKind,
                reason(ModelRelease.class, "[1,2]"),
                reason(ModelRelease.class, "{\"_t\":\"model-release\",\"weights\":[1]}"))) {
            assertThat(r)
                    .doesNotContain("dev.meektracker")
                    .doesNotContain("java.lang")
                    .doesNotContain("com.fasterxml");
        }
    }

    @Test
    void aDateWrittenRightButNotInTheCalendarSaysWhy() {
        assertThat(reason(ModelRelease.class, "{\"_t\":\"model-release\",\"releaseDate\":\"2023-02-29\"}"))
                .isEqualTo("field 'releaseDate': expected a date (YYYY-MM-DD), got '2023-02-29': February 2023 has"
                        + " 28 days");
        assertThat(reason(ModelRelease.class, "{\"_t\":\"model-release\",\"releaseDate\":\"2024-13-01\"}"))
                .endsWith("got '2024-13-01': there is no month 13");
        assertThat(reason(ModelRelease.class, "{\"_t\":\"model-release\",\"releaseDate\":\"May 2024\"}"))
                .isEqualTo("field 'releaseDate': expected a date (YYYY-MM-DD), got 'May 2024'");
        assertThat(Reasons.notInCalendar("2024-02-29")).isNull();
        assertThat(Reasons.notInCalendar("2024-04-31")).isEqualTo("April 2024 has 30 days");
        assertThat(Reasons.notInCalendar("2024-00-10")).isEqualTo("there is no month 0");
        assertThat(Reasons.notInCalendar("2024-01-00")).isEqualTo("January 2024 has 31 days");
        assertThat(Reasons.notInCalendar("24-01-01")).isNull();
    }

    @Test
    void aValueOfTheWrongShapeIsNamedInWords() {
        // Jackson says "Cannot deserialize value of type `java.lang.String` from Object value (token ...)".
        assertThat(reason(ModelRelease.class, "{\"_t\":\"model-release\",\"name\":{\"a\":1}}"))
                .isEqualTo("field 'name': expected text, got an object");
        assertThat(reason(ModelRelease.class, "{\"_t\":\"model-release\",\"parameters\":[1]}"))
                .isEqualTo("field 'parameters': expected a number, got a list");
        assertThat(reason(ModelRelease.class, "{\"_t\":\"model-release\",\"parameters\":true}"))
                .isEqualTo("field 'parameters': expected a number, got true or false");
        assertThat(reason(ModelRelease.class, "{\"_t\":\"model-release\",\"weights\":[\"open\"]}"))
                .isEqualTo("field 'weights': expected one of open, closed, unknown, got a list");
        assertThat(reason(HardwarePrice.class, "{\"_t\":\"hardware-price\",\"flopPerSecond\":\"1e15\"}"))
                .isEqualTo("field 'flopPerSecond': expected an object, got '1e15'");
    }

    @Test
    void controlCharactersInAQuotedValueAreShownNotObeyed() {
        // An ESC sequence in a hostile value would clear the terminal the rejection is printed on.
        assertThat(Reasons.cut("\u001B[2J\u001B[31mred\u0000\u0085"))
                .isEqualTo("\\u001B[2J\\u001B[31mred\\u0000\\u0085");
        assertThat(reason(ModelRelease.class, "{\"_t\":\"model-release\",\"parameters\":\"1\\u001b[2J\"}"))
                .isEqualTo("field 'parameters': expected a number, got '1\\u001B[2J'");
        assertThat(Reasons.printable("tab\tand é stay")).isEqualTo("tab\tand é stay");
    }

    @Test
    void aDateIsTextOnly() {
        // Read as days since 1970, 19000 was 2022-01-08 with no word said; a list was [year, month, day].
        assertThat(reason(ModelRelease.class, "{\"_t\":\"model-release\",\"releaseDate\":19000}"))
                .isEqualTo("field 'releaseDate': expected a date (YYYY-MM-DD), got a number");
        assertThat(reason(ModelRelease.class, "{\"_t\":\"model-release\",\"releaseDate\":1e30}"))
                .isEqualTo("field 'releaseDate': expected a date (YYYY-MM-DD), got a number");
        assertThat(reason(ModelRelease.class, "{\"_t\":\"model-release\",\"releaseDate\":[2024,1,1]}"))
                .isEqualTo("field 'releaseDate': expected a date (YYYY-MM-DD), got a list");
    }

    @Test
    void jacksonsAdviceAndItsWhereaboutsAreLeftOut() {
        String nan = reason(ModelRelease.class, "{\"_t\":\"model-release\",\"trainingComputeFlop\":NaN}");
        assertThat(nan)
                .startsWith("not valid JSON at line 1, column ")
                .endsWith("Non-standard token 'NaN'")
                .doesNotContain("enable")
                .doesNotContain("Feature");
        String unclosed = reason(ModelRelease.class, "{\"_t\":\"model-release\"");
        assertThat(unclosed)
                .startsWith("not valid JSON at line 1, column ")
                .endsWith("Unexpected end-of-input: expected close marker for Object")
                .doesNotContain("Source")
                .doesNotContain("REDACTED");
        String deep = reason(ModelRelease.class, "{\"_t\":\"model-release\",\"x\":" + "[".repeat(2000));
        assertThat(deep)
                .endsWith("Document nesting depth (1001) exceeds the maximum allowed (1000)")
                .doesNotContain("StreamReadConstraints");
    }

    @Test
    void aTopLevelValueOtherThanAnObjectIsNamed() {
        assertThat(Reasons.notAnObject("[1,2]".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("expected a JSON object, got an array");
        assertThat(Reasons.notAnObject(" \n42".getBytes(StandardCharsets.UTF_8)))
                .endsWith("got a number");
        assertThat(Reasons.notAnObject("-1")).endsWith("got a number");
        assertThat(Reasons.notAnObject("\uFEFF\"model\"")).endsWith("got text");
        assertThat(Reasons.notAnObject("false")).endsWith("got true or false");
        // An object, JSON null (its callers say so) and anything else (the reader says what is wrong).
        assertThat(Reasons.notAnObject("{\"_t\":1}".getBytes(StandardCharsets.UTF_8)))
                .isNull();
        assertThat(Reasons.notAnObject("null")).isNull();
        assertThat(Reasons.notAnObject("<xml/>")).isNull();
        assertThat(Reasons.notAnObject(new byte[0])).isNull();
    }

    @Test
    void aHugeValueIsCut() {
        String huge = "x".repeat(100_000);
        String r = reason(ModelRelease.class, "{\"_t\":\"model-release\",\"trainingComputeFlop\":\"" + huge + "\"}");
        assertThat(r.length()).isLessThanOrEqualTo(Reasons.MAX);
        assertThat(r).contains("...");
    }
}
