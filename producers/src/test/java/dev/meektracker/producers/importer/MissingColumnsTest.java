package dev.meektracker.producers.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meektracker.core.SharedData;
import dev.meektracker.core.event.BenchmarkResult;
import dev.meektracker.core.event.ModelRelease;
import dev.meektracker.core.event.Weights;
import dev.meektracker.core.validate.EventValidator;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file whose header lacks a column an importer reads: said once for the file, with what every row
 * loses and the file's look-alike columns, where the field used to be left blank in every row without
 * a word. Epoch's real exports, read whole, lack none, so the notes are no noise.
 */
class MissingColumnsTest {

    @TempDir
    Path dir;

    private final EventValidator validator =
            new EventValidator(Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC), Duration.ofDays(2));

    @Test
    void aColumnIsReadUnderOtherCapitalsSpacesUnderscoresAndHyphens() {
        Columns c = new Columns(List.of("model", "training_compute_(FLOP)", "Model-Accessibility"));
        assertThat(c.index("Model")).isZero();
        assertThat(c.index("Training compute (FLOP)")).isEqualTo(1);
        assertThat(c.index("Model accessibility")).isEqualTo(2);
        assertThat(c.index("Training compute (PFLOP)")).isNull();
        // The name as written wins over a loose match.
        assertThat(new Columns(List.of("Confidence", "confidence")).index("confidence"))
                .isEqualTo(1);
    }

    @Test
    void twoColumnsOfOneLooseNameAreNeitherTaken() {
        Columns c = new Columns(List.of("Training Compute", "training_compute", "Model"));
        assertThat(c.index("training compute")).isNull();
        assertThat(c.index("Training Compute")).isZero();
    }

    @Test
    void aLookAlikeIsAFewLettersApartNotAWordApart() {
        assertThat(Columns.alike("Training compute (FLOP)", "Training compute (FLOPs)"))
                .isTrue();
        assertThat(Columns.alike("Training compute (FLOP)", "Training compute (PFLOP)"))
                .isTrue();
        assertThat(Columns.alike("Model accessibility", "Model acessibility")).isTrue();
        assertThat(Columns.alike("license", "licence")).isTrue();
        assertThat(Columns.alike("Training compute (FLOP)", "Finetune compute (FLOP)"))
                .isFalse();
        assertThat(Columns.alike("Training compute (FLOP)", "Post-training compute (FLOP)"))
                .isFalse();
        assertThat(Columns.alike("Training compute (FLOP)", "Training compute notes"))
                .isFalse();
        assertThat(Columns.alike("Parameters", "Parameters notes")).isFalse();
        assertThat(Columns.alike("votes", "notes")).isFalse();
    }

    @Test
    void manyLookAlikesAreNamedByTheClosestThree() {
        List<String> header = new ArrayList<>(List.of("Model", "Publication date"));
        for (int i = 0; i < 1000; i++) {
            header.add("Training compute (FLOP" + i + ")");
        }
        header.add("training compute (FLOPs)");
        List<Rejection> notes = new Columns(header)
                .missing("wide.csv", List.of(new Columns.Expected("no compute", "Training compute (FLOP)")));
        // One letter off (FLOP0..FLOP9, then FLOPs: the file's order) before two (FLOP10..) and three.
        assertThat(notes)
                .singleElement()
                .satisfies(
                        n -> assertThat(n.reason())
                                .isEqualTo(
                                        "no column 'Training compute (FLOP)' in the header: no compute (the file has 'Training"
                                                + " compute (FLOP0)', 'Training compute (FLOP1)', 'Training compute (FLOP2)' and 998 more,"
                                                + " which look alike: if one holds the same figures in the same unit, rename it to read it)"));
    }

    @Test
    void aModelsFileWithoutWeightsSaysSoOnceAndReadsEveryRow() throws Exception {
        Path file = dir.resolve("models.csv");
        Files.writeString(file, """
                Model,Organization,Publication date,Training compute (FLOP),Confidence
                A,Lab,2024-01-01,1e24,Likely
                B,Lab,2024-02-01,2e24,Likely
                """);
        ImportResult r = new EpochModelsImporter(validator).read(file);
        assertThat(r.eventsOf(ModelRelease.class))
                .hasSize(2)
                .allSatisfy(m -> assertThat(m.weights()).isEqualTo(Weights.UNKNOWN));
        assertThat(r.missingColumns()).singleElement().satisfies(m -> {
            assertThat(m.file()).isEqualTo("models.csv");
            assertThat(m.line()).isEqualTo(1);
            assertThat(m.field()).isEqualTo("Model accessibility");
            assertThat(m.reason())
                    .isEqualTo("none of the columns 'Model accessibility', 'Open model weights?' in the header: no"
                            + " model has open or closed weights, so none takes part in the open-versus-closed gaps");
        });
        assertThat(r.notes()).isEmpty();
    }

    @Test
    void aHardwareFileWithoutPricesOrDatesIsRefusedAndOneWithoutAFormatIsRead() throws Exception {
        Path noPrice = dir.resolve("hw.csv");
        Files.writeString(noPrice, """
                Hardware name,Manufacturer,Release date,Launch price (USD),FP32 (single precision) performance (FLOP/s)
                X,V,2024-01-01,1000,1e14
                """);
        assertThatThrownBy(() -> new EpochHardwareImporter(validator).read(noPrice))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hw.csv is an Epoch AI hardware export without its 'Release price (USD)' column: no chip"
                        + " has a price, so there is no FLOP/s per USD to measure");
        Files.writeString(noPrice, """
                Hardware name,Manufacturer,Release price (USD),FP32 (single precision) performance (FLOP/s)
                X,V,1000,1e14
                """);
        assertThatThrownBy(() -> new EpochHardwareImporter(validator).read(noPrice))
                .hasMessageContaining("without its 'Release date' column");
        Files.writeString(noPrice, """
                Hardware name,Manufacturer,Release date,Release price (USD),INT8 performance (OP/s)
                X,V,2024-01-01,1000,1e15
                """);
        assertThatThrownBy(() -> new EpochHardwareImporter(validator).read(noPrice))
                .hasMessageContaining("without any of its floating-point performance columns");
        Files.writeString(noPrice, """
                Hardware name,Manufacturer,Release date,Release price (USD),FP32 (single precision) performance (FLOP/s)
                X,V,2024-01-01,1000,1e14
                """);
        ImportResult r = new EpochHardwareImporter(validator).read(noPrice);
        assertThat(r.events()).hasSize(1);
        // The six other formats, each said once.
        assertThat(r.missingColumns())
                .hasSize(EpochHardwareImporter.COLUMNS.size() - 1)
                .allSatisfy(m -> assertThat(m.reason()).contains("no chip has a FLOP/s figure in"));
    }

    /** Epoch's real exports lack none of the columns read from them. */
    @Test
    void noRealFileLacksAColumn() throws Exception {
        Path data = SharedData.dir();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(data)) {
            s.filter(p -> p.toString().endsWith(".csv"))
                    .filter(p -> !p.getParent().getFileName().toString().equals("additional_eci_data"))
                    .sorted()
                    .forEach(files::add);
        }
        Inputs inputs = new Inputs(validator);
        int read = 0;
        for (Path f : files) {
            String folder = f.getParent().getFileName().toString();
            ImportResult r = folder.startsWith("epoch-ai-models") || folder.startsWith("epoch-notable")
                    ? inputs.read(List.of(f), List.of(), List.of())
                    : folder.equals("epoch-ml-hardware")
                            ? inputs.read(List.of(), List.of(f), List.of())
                            : inputs.read(List.of(), List.of(), List.of(f));
            assertThat(r.missingColumns()).as(f.toString()).isEmpty();
            assertThat(r.events()).as(f.toString()).isNotEmpty();
            read++;
        }
        // Five models files, the hardware, 50 hub files, two LMArena and two Open LLM Leaderboard files.
        assertThat(read).isEqualTo(60);
    }

    @Test
    void aRenamedComputeColumnLeavesEveryModelWithoutComputeAndIsNamedAsALookAlike() throws Exception {
        Path real = SharedData.file("epoch-ai-models/notable_ai_models.csv");
        Path renamed = rewrite(
                real,
                "notable_ai_models.csv",
                h -> h.equals("Training compute (FLOP)") ? "Training compute (FLOPs)" : h);
        ImportResult r = new EpochModelsImporter(validator).read(renamed);
        ImportResult before = new EpochModelsImporter(validator).read(real);
        assertThat(r.events()).hasSameSizeAs(before.events());
        assertThat(r.eventsOf(ModelRelease.class)).noneMatch(ModelRelease::hasCompute);
        assertThat(r.missingColumns())
                .singleElement()
                .satisfies(m -> assertThat(m.reason())
                        .isEqualTo(
                                "no column 'Training compute (FLOP)' in the header: no model has a training compute figure,"
                                        + " so none is on the compute frontier or in the compute gap (the file has 'Training compute"
                                        + " (FLOPs)', which looks alike: if it holds the same figures in the same unit, rename it to"
                                        + " read it)"));
    }

    @Test
    void aColumnWrittenInOtherCapitalsAndUnderscoresReadsTheSameEvents() throws Exception {
        Path real = SharedData.file("epoch-benchmarks/epoch_capabilities_index.csv");
        Path loose = rewrite(
                real,
                "epoch_capabilities_index.csv",
                h -> h.equals("Model version")
                        ? h
                        : h.toLowerCase(java.util.Locale.ROOT).replace(' ', '_'));
        ImportResult before = new EpochBenchmarkImporter(validator).read(real, Map.of());
        ImportResult r = new EpochBenchmarkImporter(validator).read(loose, Map.of());
        assertThat(r.missingColumns()).isEmpty();
        assertThat(r.eventsOf(BenchmarkResult.class))
                .extracting(BenchmarkResult::key, BenchmarkResult::trainingComputeFlop, BenchmarkResult::weights)
                .containsExactlyElementsOf(before.eventsOf(BenchmarkResult.class).stream()
                        .map(b -> org.assertj.core.groups.Tuple.tuple(b.key(), b.trainingComputeFlop(), b.weights()))
                        .toList());
        assertThat(before.eventsOf(BenchmarkResult.class))
                .anyMatch(b -> b.trainingComputeFlop() != null)
                .anyMatch(b -> b.weights() == Weights.OPEN);
    }

    /** The real file with its header's names mapped, every cell as it was. */
    private Path rewrite(Path real, String name, UnaryOperator<String> header) throws Exception {
        Path out = dir.resolve(name);
        try (Reader in = Files.newBufferedReader(real);
                CSVParser p = CSVFormat.DEFAULT
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .build()
                        .parse(in);
                Writer w = Files.newBufferedWriter(out);
                CSVPrinter printer = new CSVPrinter(w, CSVFormat.DEFAULT)) {
            printer.printRecord(p.getHeaderNames().stream().map(header).toList());
            for (CSVRecord rec : p) {
                printer.printRecord(rec.values());
            }
        }
        return out;
    }
}
