package dev.meektracker.producers.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meektracker.core.validate.EventValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file given with the wrong input option is named for what it is. */
class InputsTest {

    /** The header lines of the real exports (data README), shortened where only the start decides. */
    private static final String MODELS =
            "Model,Organization,Publication date,Domain,Task,Parameters,Training compute (FLOP),Model accessibility";

    private static final String HARDWARE =
            "Hardware name,Manufacturer,Type,Release date,Release price (USD),FP32 (single precision) performance (FLOP/s)";
    private static final String EPOCH_BENCHMARK =
            "Model version,mean_score,Best score (across scorers),Release date,Organization,Country";
    private static final String LMARENA = "key,Model,rating,License,Organization,date";
    private static final String OPEN_LLM = "t,model,average,arc,hellaswag,mmlu,truthfulqa,winogrande,gsm8k,type";

    @TempDir
    Path dir;

    private final Inputs inputs = new Inputs(
            new EventValidator(Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC), Duration.ofDays(2)));

    @Test
    void headersTellTheirKind() {
        assertThat(Inputs.kindOf(header(MODELS))).isEqualTo("models");
        assertThat(Inputs.kindOf(header(HARDWARE))).isEqualTo("hardware");
        assertThat(Inputs.kindOf(header(EPOCH_BENCHMARK))).isEqualTo("benchmarks");
        assertThat(Inputs.kindOf(header(LMARENA))).isEqualTo("benchmarks");
        assertThat(Inputs.kindOf(header(OPEN_LLM))).isEqualTo("benchmarks");
        assertThat(Inputs.kindOf(header("name,score"))).isNull();
    }

    @Test
    void aFileGivenWithAnotherKindsOptionNamesTheRightOne() throws Exception {
        Path hardware = csv("ml_hardware.csv", HARDWARE);
        Path benchmark = csv("gpqa_diamond.csv", EPOCH_BENCHMARK);
        Path models = csv("notable_ai_models.csv", MODELS);
        assertThatThrownBy(() -> inputs.read(List.of(hardware), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ml_hardware.csv was given with --models but is Epoch AI's hardware export: give it"
                        + " with --hardware");
        assertThatThrownBy(() -> inputs.read(List.of(benchmark), List.of(), List.of()))
                .hasMessage("gpqa_diamond.csv was given with --models but is a benchmark file: give it with"
                        + " --benchmarks");
        assertThatThrownBy(() -> inputs.read(List.of(), List.of(models), List.of()))
                .hasMessage("notable_ai_models.csv was given with --hardware but is Epoch AI's models export: give"
                        + " it with --models");
        assertThatThrownBy(() -> inputs.read(List.of(), List.of(), List.of(models)))
                .hasMessageEndingWith("give it with --models");
    }

    @Test
    void aFileOfItsOwnKindIsRead() throws Exception {
        Path models = csv("notable_ai_models.csv", MODELS);
        assertThat(inputs.read(List.of(models), List.of(), List.of()).rows()).isZero();
    }

    /**
     * The models download's exports read together: a model in two of them is one event, and two
     * distinct models of one name in different files (NVIDIA's CALM and Oxford's CaLM, as in the
     * real exports) stay two, where each file read on its own gave both the id 'calm'.
     */
    @Test
    void severalModelExportsReadAsOne() throws Exception {
        Path all = dir.resolve("all_ai_models.csv");
        Files.writeString(
                all,
                MODELS + "\n"
                        + "GPT-X,OpenAI,2024-01-01,Language,Chat,1e11,1e25,API access\n"
                        + "CALM,NVIDIA,2023-08-06,Language,Chat,,,\n"
                        + "CaLM,University of Oxford,2022-12-19,Biology,Proteins,8.6e7,2.9e19,Unreleased\n");
        Path notable = dir.resolve("notable_ai_models.csv");
        Files.writeString(
                notable,
                MODELS + "\n"
                        + "GPT-X,OpenAI,2024-01-01,Language,Chat,1e11,1e25,API access\n"
                        + "CaLM,University of Oxford,2022-12-19,Biology,Proteins,8.6e7,2.9e19,Unreleased\n");
        ImportResult r = inputs.read(List.of(all, notable), List.of(), List.of());
        assertThat(r.events())
                .extracting(e -> ((dev.meektracker.core.event.ModelRelease) e).id())
                .containsExactlyInAnyOrder("gpt-x", "calm", "calm-university-of-oxford");
        assertThat(r.superseded()).isEqualTo(2);
        assertThat(r.supersededRows())
                .extracting(Rejection::toString)
                .contains("all_ai_models.csv:2: id: 'gpt-x' is also the id of notable_ai_models.csv line 2 ('GPT-X'),"
                        + " which is published instead of this row ('GPT-X'): it is the later row");
    }

    /**
     * A folder or zip given for benchmarks with no benchmark file in it is an error: each file would
     * be left out with a note and the run would end with nothing read, exit 0.
     */
    @Test
    void aFolderOrZipWithNoBenchmarkFileIsRefused() throws Exception {
        Path download = Files.createDirectories(dir.resolve("epoch-ai-models"));
        Files.writeString(download.resolve("all_ai_models.csv"), MODELS + "\n");
        Files.writeString(download.resolve("notable_ai_models.csv"), MODELS + "\n");
        assertThatThrownBy(() -> inputs.read(List.of(), List.of(), List.of(download)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("epoch-ai-models holds no benchmark results in a format the tracker reads (an Epoch AI"
                        + " Benchmarking Hub file, an LMArena export or an Open LLM Leaderboard export): none of its 2"
                        + " CSVs is one (all_ai_models.csv, notable_ai_models.csv); all_ai_models.csv is Epoch AI's"
                        + " models export: give it with --models");
        Path zip = dir.resolve("notes.zip");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("notes.csv"));
            out.write("name,score\nx,1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
        }
        assertThatThrownBy(() -> inputs.read(List.of(), List.of(), List.of(zip)))
                .hasMessage("notes.zip holds no benchmark results in a format the tracker reads (an Epoch AI"
                        + " Benchmarking Hub file, an LMArena export or an Open LLM Leaderboard export): its one CSV,"
                        + " notes.csv, is none of these");
        // One benchmark file among them is enough: the others are left out with a note, as before.
        Path hub = Files.createDirectories(dir.resolve("hub"));
        Files.writeString(hub.resolve("notes.csv"), "name,score\nx,1\n");
        Files.writeString(hub.resolve("gpqa_diamond.csv"), EPOCH_BENCHMARK + "\n");
        assertThat(inputs.read(List.of(), List.of(), List.of(hub)).skipped())
                .extracting(Rejection::toString)
                .singleElement()
                .asString()
                .startsWith("notes.csv:1: file: no benchmark results in a format the tracker reads");
    }

    private Path csv(String name, String header) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, header + "\n");
        return p;
    }

    private static List<String> header(String line) {
        return Arrays.asList(line.split(","));
    }
}
