package dev.meektracker.producers.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meektracker.core.SharedData;
import dev.meektracker.core.event.BenchmarkResult;
import dev.meektracker.core.event.Weights;
import dev.meektracker.core.validate.EventValidator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Open LLM Leaderboard's two real exports. Expected counts from an independent Python csv reading
 * of the same files: skip flagged and merged rows (v1's columns negated, v2's as named) and rows
 * without a date (once), keep each model's best score per benchmark.
 */
class OpenLlmLeaderboardImporterTest {

    private final EventValidator validator =
            new EventValidator(Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC), Duration.ofDays(2));

    @Test
    void v1ReadsItsNegatedColumns() throws Exception {
        ImportResult r = new OpenLlmLeaderboardImporter(validator)
                .read(SharedData.file("open-llm-leaderboard/open_llm_leaderboard_v1_2024-07-13.csv"));
        assertThat(r.rows()).isEqualTo(7169);
        assertThat(r.skippedByReason())
                .containsOnly(
                        Map.entry("date: no submission date in the file: the scores cannot be placed in time", 22L),
                        Map.entry("merged: a merge of other models", 1307L),
                        Map.entry("flagged: flagged by the leaderboard", 109L));
        assertThat(r.rejections()).isEmpty();
        var results = r.eventsOf(BenchmarkResult.class);
        assertThat(results).hasSize(37_933);
        assertThat(results).allSatisfy(b -> assertThat(b.weights()).isEqualTo(Weights.OPEN));
        // The leaderboard's own flagged models are skipped; the official releases are kept.
        assertThat(results)
                .noneMatch(b -> b.modelName().startsWith("Contamination/"))
                .anyMatch(b -> b.modelName().equals("meta-llama/Meta-Llama-3-70B")
                        && b.benchmarkId().equals("open-llm-v1-mmlu"));
    }

    @Test
    void v2ReadsItsColumnsAsNamed() throws Exception {
        ImportResult r = new OpenLlmLeaderboardImporter(validator)
                .read(SharedData.file("open-llm-leaderboard/open_llm_leaderboard_v2_2025-03-21.csv"));
        assertThat(r.rows()).isEqualTo(4576);
        assertThat(r.skippedByReason())
                .containsOnly(
                        Map.entry(
                                "metadata_submission_date: no submission date in the file: the scores cannot be"
                                        + " placed in time",
                                12L),
                        Map.entry("merged: a merge of other models", 714L),
                        Map.entry("flagged: flagged by the leaderboard", 1L));
        assertThat(r.rejections()).isEmpty();
        assertThat(r.eventsOf(BenchmarkResult.class)).hasSize(26_439);
        // One result per benchmark and model: the best of its rows.
        assertThat(r.eventsOf(BenchmarkResult.class).stream()
                        .map(BenchmarkResult::key)
                        .distinct())
                .hasSize(26_439);
    }
}
