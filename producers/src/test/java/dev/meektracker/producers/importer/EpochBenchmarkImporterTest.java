package dev.meektracker.producers.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meektracker.core.event.BenchmarkResult;
import dev.meektracker.core.event.ScoreScale;
import dev.meektracker.core.validate.EventValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hub file's scale is detected from its values; a few impossible values are rejected rows, not a refused file. */
class EpochBenchmarkImporterTest {

    @TempDir
    Path dir;

    private final EpochBenchmarkImporter importer = new EpochBenchmarkImporter(
            new EventValidator(Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC), Duration.ofDays(2)));

    /** A hub file of {@code rows} models, the score of row i (1-based) given by {@code score}. */
    private Path hubFile(String name, int rows, IntFunction<String> score) throws Exception {
        StringBuilder csv = new StringBuilder("Model version,mean_score,Release date,Organization\n");
        for (int i = 1; i <= rows; i++) {
            csv.append("model-")
                    .append(i)
                    .append(',')
                    .append(score.apply(i))
                    .append(",2025-01-")
                    .append(String.format("%02d", 1 + i % 28))
                    .append(",Lab\n");
        }
        Path file = dir.resolve(name);
        Files.writeString(file, csv);
        return file;
    }

    @Test
    void aMistypedPercentageIsARejectedRowInAPercentFile() throws Exception {
        // Row 7 reads "850" where "85.0" was meant; line 8 of the file (the header is line 1).
        Path file = hubFile("some_bench.csv", 150, i -> i == 7 ? "850" : String.valueOf(20 + i % 60));
        ImportResult r = importer.read(file, Map.of());
        assertThat(r.eventsOf(BenchmarkResult.class))
                .hasSize(149)
                .allSatisfy(b -> assertThat(b.scale()).isEqualTo(ScoreScale.PERCENT));
        assertThat(r.rejections()).hasSize(1);
        assertThat(r.rejections().get(0).toString())
                .startsWith("some_bench.csv:8: score:")
                .contains("850");
    }

    @Test
    void aNumberNoDoubleHoldsIsARejectedRowAndTheRestKeepTheirScale() throws Exception {
        Path file = hubFile("other_bench.csv", 40, i -> i == 3 ? "1e999" : i == 5 ? "500" : "0." + (10 + i));
        ImportResult r = importer.read(file, Map.of());
        assertThat(r.eventsOf(BenchmarkResult.class))
                .hasSize(38)
                .allSatisfy(b -> assertThat(b.scale()).isEqualTo(ScoreScale.FRACTION));
        assertThat(r.rejections())
                .extracting(Rejection::toString)
                .anySatisfy(s -> assertThat(s)
                        .isEqualTo("other_bench.csv:4: mean_score: '1e999' is beyond the largest number a double"
                                + " holds (about 1.8e308)"))
                .anySatisfy(s ->
                        assertThat(s).startsWith("other_bench.csv:6: score:").contains("500"));
    }

    @Test
    void aFileOfScoresAbove100IsRefusedWithItsCount() throws Exception {
        Path ratings = hubFile("ratings.csv", 30, i -> String.valueOf(1000 + 10 * i));
        assertThatThrownBy(() -> importer.read(ratings, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ratings.csv: 30 of its 30 scores are above 100 (up to 1300.0), neither a fraction nor a"
                        + " percentage; give its scale in the JSON-lines format instead");
        // Two slips in a file of 50 are more than one in a hundred: no guess.
        Path two = hubFile("two.csv", 50, i -> i <= 2 ? "850" : "50");
        assertThatThrownBy(() -> importer.read(two, Map.of())).hasMessageStartingWith("two.csv: 2 of its 50 scores");
    }
}
