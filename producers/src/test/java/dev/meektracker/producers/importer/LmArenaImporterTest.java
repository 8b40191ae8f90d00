package dev.meektracker.producers.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meektracker.core.event.BenchmarkResult;
import dev.meektracker.core.validate.EventValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed cells of the two LMArena layouts are rejected rows, never a failed import. */
class LmArenaImporterTest {

    @TempDir
    Path dir;

    private final EventValidator validator =
            new EventValidator(Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC), Duration.ofDays(2));

    @Test
    void aSnapshotDateThatIsNoDayIsARejectedRow() throws Exception {
        Path file = dir.resolve("history.csv");
        Files.writeString(file, """
                key,Model,rating,License,Organization,date
                chatglm-6b,ChatGLM-6B,918.2,Non-commercial,Tsinghua,20231301
                gpt-4,GPT-4,1200.5,Proprietary,OpenAI,20230508
                """);
        ImportResult r = new LmArenaImporter(validator).read(file);
        assertThat(r.rejections())
                .extracting(Rejection::toString)
                .containsExactly("history.csv:2: date: expected a date as YYYYMMDD, got '20231301'");
        assertThat(r.eventsOf(BenchmarkResult.class))
                .extracting(BenchmarkResult::modelId)
                .containsExactly("gpt-4");
    }

    @Test
    void aStackedRowWithoutItsSnapshotDateIsARejectedRow() throws Exception {
        // It used to fail the whole file with "line 3 cannot be read: java.lang.NullPointerException".
        Path file = dir.resolve("stacked.csv");
        Files.writeString(file, """
                snapshot_date,model,arena_score,95_pct_ci,votes,organization,license
                2025-08-01,GPT-4o,1300,+3/-3,5000,OpenAI,Proprietary
                ,Vicuna-7B,1020,+6/-7,7017,LMSYS,Llama 2 Community
                2025-08-01,Llama-3-70B,1200,+4/-4,9000,Meta,Llama 3 Community
                """);
        ImportResult r = new LmArenaImporter(validator).read(file);
        assertThat(r.rejections())
                .extracting(Rejection::toString)
                .containsExactly("stacked.csv:3: snapshot_date: blank: the rating cannot be placed in time");
        assertThat(r.eventsOf(BenchmarkResult.class))
                .extracting(BenchmarkResult::modelId)
                .containsExactlyInAnyOrder("gpt-4o", "llama-3-70b");
    }

    @Test
    void aLeaderboardWithoutItsDayIsToldAsSuchAndAnUnknownFileListsWhatIsRead() throws Exception {
        Path snapshot = dir.resolve("leaderboard.csv");
        Files.writeString(snapshot, """
                rank,rank_stylectrl,model,arena_score,95_pct_ci,votes,organization,license,knowledge_cutoff,url
                1,,GPT-4o-2024-05-13,1287,+3/-3,42046,OpenAI,Proprietary,2023/10,https://openai.com/
                """);
        Inputs inputs = new Inputs(validator);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> inputs.read(java.util.List.of(), java.util.List.of(), java.util.List.of(snapshot)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("leaderboard.csv is an LMArena leaderboard without the day it was read")
                .hasMessageContaining("snapshot_date");
        Path other = dir.resolve("scores.csv");
        Files.writeString(other, "name,score\nx,1\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> inputs.read(java.util.List.of(), java.util.List.of(), java.util.List.of(other)))
                .hasMessageStartingWith("scores.csv is no benchmark file the tracker reads")
                .hasMessageContaining("'Model version'")
                .hasMessageContaining("arena_score")
                .hasMessageContaining("model_average_score");
    }

    @Test
    void anIntervalThatIsNoNumberGivesNoStandardError() {
        assertThat(LmArenaImporter.stdErr("+5/-4")).isEqualTo(4.5 / 1.96);
        assertThat(LmArenaImporter.stdErr("+1.2.3/-4")).isNull();
        assertThat(LmArenaImporter.stdErr("n/a")).isNull();
    }

    /** Every licence of the two real exports maps as before; closed-sounding variants are closed. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "Proprietary, CLOSED",
        "Propretary, CLOSED",
        "proprietary (API), CLOSED",
        "Closed, CLOSED",
        "API only, CLOSED",
        "Other, UNKNOWN",
        "Unknown, UNKNOWN",
        "N/A, UNKNOWN",
        "'', UNKNOWN",
        "Apache 2.0, OPEN",
        "Llama 3.1 Community, OPEN",
        "CC-BY-NC-4.0, OPEN",
        "Non-commercial, OPEN",
        "Mistral Research, OPEN",
        "MRL, OPEN",
        "NVIDIA Open Model, OPEN",
        "Modified MIT, OPEN"
    })
    void licencesMapToWeights(String license, dev.meektracker.core.event.Weights expected) {
        assertThat(LmArenaImporter.weights(license)).isEqualTo(expected);
    }
}
