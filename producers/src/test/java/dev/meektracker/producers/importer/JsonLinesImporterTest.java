package dev.meektracker.producers.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meektracker.core.event.InputType;
import dev.meektracker.core.event.ModelRelease;
import dev.meektracker.core.validate.EventValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesImporterTest {

    @TempDir
    Path dir;

    private final EventValidator validator =
            new EventValidator(Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC), Duration.ofDays(2));

    private static String model(String id, String date, double compute) {
        return "{\"_t\":\"model-release\",\"id\":\"" + id + "\",\"name\":\"" + id + "\",\"releaseDate\":\"" + date
                + "\",\"weights\":\"closed\",\"trainingComputeFlop\":" + compute + "}\n";
    }

    /**
     * A correction is a later line: it is the one published, whatever order --replay then puts the
     * events in (the earlier line's later release date would have won there).
     */
    @Test
    void theLaterLineOfAnItemIsPublishedAndTheEarlierReported() throws Exception {
        Path file = dir.resolve("models.jsonl");
        Files.writeString(
                file,
                model("m1", "2024-06-01", 1e24) + model("m2", "2024-01-01", 1e23) + model("m1", "2024-05-01", 2e24));
        ImportResult r = new JsonLinesImporter(validator).read(file, InputType.MODEL_RELEASE);
        assertThat(r.eventsOf(ModelRelease.class))
                .extracting(ModelRelease::id, ModelRelease::trainingComputeFlop)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("m1", 2e24),
                        org.assertj.core.groups.Tuple.tuple("m2", 1e23));
        assertThat(r.supersededRows())
                .extracting(Rejection::toString)
                .containsExactly("models.jsonl:1: id: 'm1' again on line 3, which is published instead of this line:"
                        + " the later line wins");
        assertThat(r.superseded()).isEqualTo(1);
    }

    /**
     * A field the event type does not have is left out with a note on its line, naming the field it
     * is a few letters from: before 2026-11-29 a misspelt compute published the model without
     * compute, without a word. Known fields and the type's name give no note, whether the type comes
     * from the option or from each line's _t.
     */
    @Test
    void anUnknownFieldIsNotedWithTheFieldItMayBeAMisspellingOf() throws Exception {
        Path file = dir.resolve("models.jsonl");
        Files.writeString(
                file,
                model("m1", "2024-06-01", 1e24)
                        + model("m2", "2024-01-01", 1e23)
                                .replace("trainingComputeFlop", "trainingComputeFLOP")
                                .replace("}", ",\"comment\":{\"a\":[1,2]}}")
                        + model("m3", "2024-01-01", 1e23).replace("releaseDate", "releaseDat"));
        for (InputType expected : new InputType[] {InputType.MODEL_RELEASE, null}) {
            ImportResult r = new JsonLinesImporter(validator).read(file, expected);
            assertThat(r.eventsOf(ModelRelease.class))
                    .extracting(ModelRelease::id, ModelRelease::trainingComputeFlop)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("m1", 1e24),
                            org.assertj.core.groups.Tuple.tuple("m2", null));
            assertThat(r.notes())
                    .extracting(Rejection::toString)
                    .containsExactly(
                            "models.jsonl:2: trainingComputeFLOP: not a field of 'model-release': its value is left"
                                    + " out of the event (the field 'trainingComputeFlop' is a few letters from it)",
                            "models.jsonl:2: comment: not a field of 'model-release': its value is left out of the"
                                    + " event");
            // A line rejected for a missing date: its misspelt date is one more of its problems.
            assertThat(r.rejections())
                    .extracting(Rejection::toString)
                    .contains("models.jsonl:3: releaseDat: not a field of 'model-release': its value is left out of"
                            + " the event (the field 'releaseDate' is a few letters from it)");
            assertThat(r.rejectedRows()).isEqualTo(1);
        }
    }

    /** A line of many made-up fields is a few lines of notes, not one a field. */
    @Test
    void manyUnknownFieldsOfALineAreNamedUpToFiveThenCounted() throws Exception {
        StringBuilder extra = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            extra.append(",\"f").append(i).append("\":").append(i);
        }
        Path file = dir.resolve("models.jsonl");
        Files.writeString(file, model("m1", "2024-06-01", 1e24).replace("}", extra + "}"));
        ImportResult r = new JsonLinesImporter(validator).read(file, InputType.MODEL_RELEASE);
        assertThat(r.events()).hasSize(1);
        assertThat(r.notes()).extracting(Rejection::field).containsExactly("f0", "f1", "f2", "f3", "f4", "row");
        assertThat(r.notes().get(JsonLinesImporter.UNKNOWN_FIELDS_NAMED).reason())
                .isEqualTo("3 more fields that are not fields of 'model-release': their values are left out of the"
                        + " event");
    }
}
