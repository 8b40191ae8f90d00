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
}
