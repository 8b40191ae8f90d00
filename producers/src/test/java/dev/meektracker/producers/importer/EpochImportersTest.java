package dev.meektracker.producers.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meektracker.core.SharedData;
import dev.meektracker.core.event.BenchmarkResult;
import dev.meektracker.core.event.HardwarePrice;
import dev.meektracker.core.event.ModelRelease;
import dev.meektracker.core.event.ScoreScale;
import dev.meektracker.core.event.Weights;
import dev.meektracker.core.validate.EventValidator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The importers on Epoch AI's real exports. Row counts are the data README's (computed there with
 * pandas); open/closed counts are the README's too, so the CSV parsing and the accessibility mapping
 * are checked against an independent reading of the same files.
 */
class EpochImportersTest {

    private final EventValidator validator =
            new EventValidator(Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC), Duration.ofDays(2));

    /**
     * Expected counts: rows from the data README; rejected, valid, superseded, published, with-compute,
     * open and closed from an independent Python csv reading of the same files applying the same three
     * rules (blank publication date, compute below 1e10 FLOP, a dataset size of 0), then one row per id
     * (the one stating compute, else the later), ids made with Python's own NFKD, letters of other
     * scripts kept as themselves and '+' as a word. The valid counts were 3,189 published events
     * before ids were made one per row; of them 14 repeat an id.
     */
    @ParameterizedTest
    @CsvSource({
        "epoch-ai-models/all_ai_models.csv,          3237, 48, 3189, 14, 3175, 1351, 1252, 1223",
        "epoch-ai-models/notable_ai_models.csv,       981, 22,  959,  0,  959,  496,  303,  422",
        "epoch-ai-models/large_scale_ai_models.csv,   491,  0,  491,  0,  491,  301,  237,  231",
        "epoch-ai-models/frontier_ai_models.csv,      137, 13,  124,  0,  124,  113,   17,   57",
        "epoch-notable-2026-07/notable_ai_models.csv, 1036, 27, 1009,  0, 1009,  507,  318,  452"
    })
    void modelsFiles(
            String file,
            int rows,
            int rejected,
            int valid,
            int superseded,
            int published,
            int withCompute,
            int open,
            int closed)
            throws Exception {
        ImportResult r = new EpochModelsImporter(validator).read(SharedData.file(file));
        assertThat(r.rows()).isEqualTo(rows);
        var models = r.eventsOf(ModelRelease.class);
        assertThat(models).hasSize(published);
        assertThat(r.superseded()).isEqualTo(superseded);
        assertThat(r.supersededRows()).hasSize(superseded);
        assertThat(published + superseded).isEqualTo(valid);
        assertThat(models.stream().map(ModelRelease::id).distinct()).hasSize(published);
        assertThat(r.rejections().stream().map(Rejection::line).distinct().count())
                .isEqualTo(rejected);
        assertThat(r.rejections())
                .allSatisfy(x -> assertThat(x.field()).isIn("releaseDate", "trainingComputeFlop", "trainingTokens"));
        assertThat(models.stream().filter(ModelRelease::hasCompute).count()).isEqualTo(withCompute);
        assertThat(models.stream().filter(m -> m.weights() == Weights.OPEN).count())
                .isEqualTo(open);
        assertThat(models.stream().filter(m -> m.weights() == Weights.CLOSED).count())
                .isEqualTo(closed);
        assertThat(models)
                .allSatisfy(m -> assertThat(m.provenance())
                        .startsWith(SharedData.file(file).getFileName() + ":"));
    }

    /**
     * Training dataset size cells that list two values (an export joining two source columns): 24 rows,
     * 19 of them one value twice, 5 different values (Python's csv module on the same file).
     */
    @Test
    void listedDatasetSizesAreReadAsOneValueOrLeftBlank() throws Exception {
        ImportResult r = new EpochModelsImporter(validator).read(SharedData.file("epoch-ai-models/all_ai_models.csv"));
        assertThat(r.notes())
                .hasSize(5)
                .allSatisfy(n -> assertThat(n.field()).isEqualTo("Training dataset size (total)"));
        ModelRelease efficientNet = r.eventsOf(ModelRelease.class).stream()
                .filter(m -> m.name().equals("EfficientNetV2-XL"))
                .findFirst()
                .orElseThrow();
        assertThat(efficientNet.trainingTokens()).isEqualTo(14_180_000.0);
    }

    @Test
    void allModelsRejectionsSayWhy() throws Exception {
        ImportResult r = new EpochModelsImporter(validator).read(SharedData.file("epoch-ai-models/all_ai_models.csv"));
        Map<String, Long> reasons = r.rejectionsByReason();
        // README: 18 blank publication dates; Python: 26 rows below 1e10 FLOP, 4 with a dataset size of 0.
        assertThat(reasons)
                .containsEntry("releaseDate: required (ISO date, YYYY-MM-DD)", 18L)
                .containsEntry("trainingComputeFlop: N FLOP is outside the plausible range N to N FLOP", 26L)
                .containsEntry("trainingTokens: must be positive, not N tokens", 4L);
        Rejection first = r.rejections().stream()
                .filter(x -> x.field().equals("trainingComputeFlop"))
                .findFirst()
                .orElseThrow();
        assertThat(first.line()).isGreaterThan(1);
        assertThat(first.toString()).startsWith("all_ai_models.csv:" + first.line() + ": trainingComputeFlop: ");
        ModelRelease llama = r.eventsOf(ModelRelease.class).stream()
                .filter(m -> m.id().equals("llama-3-1-405b"))
                .findFirst()
                .orElseThrow();
        assertThat(llama.weights()).isEqualTo(Weights.OPEN);
        assertThat(llama.trainingComputeFlop()).isEqualTo(3.8e25);
    }

    @Test
    void hardwareKeepsThePricedRows() throws Exception {
        ImportResult r =
                new EpochHardwareImporter(validator).read(SharedData.file("epoch-ml-hardware/ml_hardware.csv"));
        assertThat(r.rows()).isEqualTo(176);
        var hw = r.eventsOf(HardwarePrice.class);
        // README: 58 rows have a price, 57 of them at least one FLOP/s figure.
        assertThat(hw).hasSize(57);
        assertThat(hw).allSatisfy(h -> {
            assertThat(h.purchasePriceUsd()).isPositive();
            assertThat(h.bestMlFlopPerSecond()).isPresent();
        });
        // The other 119 are the source's gaps, not errors: skipped, so the file publishes without --skip-invalid.
        assertThat(r.rejections()).isEmpty();
        assertThat(r.skippedByReason())
                .containsExactly(
                        Map.entry("price: no launch price in the file: no FLOP/s per USD to measure", 118L),
                        Map.entry("flopPerSecond: no floating-point FLOP/s figure in the file", 1L));
        HardwarePrice h100 = hw.stream()
                .filter(h -> h.name().startsWith("NVIDIA H100 SXM5"))
                .findFirst()
                .orElseThrow();
        assertThat(h100.flopPerSecond(null))
                .hasValueSatisfying(f -> assertThat(f).isGreaterThan(9e14));
    }

    @Test
    void capabilitiesIndexCarriesOpenOrClosed() throws Exception {
        var eci = SharedData.file("epoch-benchmarks/epoch_capabilities_index.csv");
        ImportResult r =
                new EpochBenchmarkImporter(validator).read(eci, EpochBenchmarkImporter.accessibilityIndex(eci));
        assertThat(r.rows()).isEqualTo(608);
        // README: 369 rows have an ECI score: 138 open, 227 closed, 4 blank; 3 of them have no release date.
        assertThat(r.rejectionsByReason()).containsOnly(Map.entry("date: required (ISO date, YYYY-MM-DD)", 3L));
        assertThat(r.skippedByReason()).containsOnly(Map.entry("score: no score yet (blank in column '…')", 239L));
        var results = r.eventsOf(BenchmarkResult.class);
        assertThat(results.size() + r.superseded()).isEqualTo(366);
        assertThat(results).allSatisfy(b -> {
            assertThat(b.benchmarkId()).isEqualTo("eci");
            assertThat(b.scale()).isEqualTo(ScoreScale.INDEX);
        });
        // Independent Python reading: 366 dated scored rows, 363 model versions after keeping the best
        // score of each, 134 of them open and 225 closed.
        assertThat(results).hasSize(363);
        assertThat(results.stream().filter(b -> b.weights() == Weights.OPEN).count())
                .isEqualTo(134);
        assertThat(results.stream().filter(b -> b.weights() == Weights.CLOSED).count())
                .isEqualTo(225);
    }

    @Test
    void everyBenchmarkFileImportsWithItsScale() throws Exception {
        var dir = SharedData.dir().resolve("epoch-benchmarks");
        var weights = EpochBenchmarkImporter.accessibilityIndex(dir.resolve(EpochBenchmarkImporter.ECI_FILE));
        int rows = 0;
        try (var files = java.nio.file.Files.list(dir)) {
            for (var f :
                    files.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
                ImportResult r = new EpochBenchmarkImporter(validator).read(f, weights);
                rows += r.rows();
                assertThat(r.rejections()).allSatisfy(x -> assertThat(x.field()).isIn("score", "date", "modelId"));
            }
        }
        // README: 4,441 rows in the 51 CSVs.
        assertThat(rows).isEqualTo(4441);
        ImportResult gpqa = new EpochBenchmarkImporter(validator).read(dir.resolve("gpqa_diamond.csv"), weights);
        assertThat(gpqa.eventsOf(BenchmarkResult.class))
                .allSatisfy(b -> assertThat(b.scale()).isEqualTo(ScoreScale.FRACTION));
        assertThat(gpqa.eventsOf(BenchmarkResult.class).stream()
                        .filter(b -> b.weights() != Weights.UNKNOWN)
                        .count())
                .isPositive();
        ImportResult aider =
                new EpochBenchmarkImporter(validator).read(dir.resolve("aider_polyglot_external.csv"), weights);
        assertThat(aider.eventsOf(BenchmarkResult.class))
                .allSatisfy(b -> assertThat(b.scale()).isEqualTo(ScoreScale.PERCENT));
    }
}
