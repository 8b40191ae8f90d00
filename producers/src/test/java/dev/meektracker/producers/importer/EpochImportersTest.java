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
     * Expected counts: rows from the data README; skipped, rejected, valid, superseded, published,
     * with-compute, open and closed from an independent Python csv reading of the same files applying
     * the same rules (a blank publication date skips the row; compute must lie within 1 to 1e30 FLOP;
     * a dataset size of 0 is no figure), then one row per id (the one stating compute, else the later),
     * ids made with Python's own NFKD, letters of other scripts kept as themselves and '+' as a word.
     * Before compute's floor was 1 FLOP (it was 1e10) and blank dates were skipped, all_ai_models.csv
     * had 48 rejections and published 3,175 models; a dataset size of 0 rejected 4 rows. Two of the
     * ids the file's rows share are two models of different makers (Amazon's Nova 2 and Deepgram's
     * Nova-2; NVIDIA's CALM and Oxford's CaLM): since 2026-11-28 both are published, the earlier
     * release's id qualified, so 12 rows are superseded, not 14, and Amazon's Nova 2 (API access) is one
     * more closed model; NVIDIA's CALM states neither compute nor accessibility.
     */
    @ParameterizedTest
    @CsvSource({
        "epoch-ai-models/all_ai_models.csv,          3237, 18, 0, 3219, 12, 3207, 1378, 1253, 1227",
        "epoch-ai-models/notable_ai_models.csv,       981,  0, 0,  981,  0,  981,  518,  304,  422",
        "epoch-ai-models/large_scale_ai_models.csv,   491,  0, 0,  491,  0,  491,  301,  237,  231",
        "epoch-ai-models/frontier_ai_models.csv,      137,  0, 0,  137,  0,  137,  126,   17,   57",
        "epoch-notable-2026-07/notable_ai_models.csv, 1036, 5, 0, 1031,  0, 1031,  529,  319,  452"
    })
    void modelsFiles(
            String file,
            int rows,
            int skipped,
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
        assertThat(valid + skipped + rejected).isEqualTo(rows);
        assertThat(models.stream().map(ModelRelease::id).distinct()).hasSize(published);
        assertThat(r.rejections()).hasSize(rejected);
        assertThat(r.skippedByReason().values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(skipped);
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
                .filteredOn(n -> n.field().equals("Training dataset size (total)"))
                .hasSize(9)
                .filteredOn(n -> n.reason().contains("lists different values"))
                .hasSize(5);
        ModelRelease efficientNet = r.eventsOf(ModelRelease.class).stream()
                .filter(m -> m.name().equals("EfficientNetV2-XL"))
                .findFirst()
                .orElseThrow();
        assertThat(efficientNet.trainingTokens()).isEqualTo(14_180_000.0);
    }

    /** The two pairs of distinct models that share a name's id in the real export are all published. */
    @Test
    void distinctModelsSharingAnIdAreBothPublished() throws Exception {
        ImportResult r = new EpochModelsImporter(validator).read(SharedData.file("epoch-ai-models/all_ai_models.csv"));
        assertThat(r.eventsOf(ModelRelease.class))
                .filteredOn(m ->
                        m.id().matches("(nova-2|calm)(-.*)?") && !m.id().matches("nova-2-(lite|pro|micro|sonic).*"))
                .extracting(ModelRelease::id, ModelRelease::organization)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("nova-2", "Amazon Web Services (AWS)"),
                        org.assertj.core.groups.Tuple.tuple("nova-2-deepgram", "Deepgram"),
                        org.assertj.core.groups.Tuple.tuple("calm", "NVIDIA,Technion - Israel Institute of Technology"),
                        org.assertj.core.groups.Tuple.tuple("calm-university-of-oxford", "University of Oxford"));
        assertThat(r.notes())
                .filteredOn(n -> n.field().equals("id"))
                .extracting(Rejection::line)
                .containsExactly(11984L, 14403L);
    }

    /**
     * Epoch's own gaps are not errors: the 18 undated rows are skipped and counted, the 4 dataset
     * sizes of 0 left blank with a note, and the historical models keep their compute (Theseus,
     * 1950, 40 FLOP, the smallest in the file), so the whole export publishes with exit 0.
     */
    @Test
    void allModelsHaveNoRejectionAndSayWhatTheyLeaveOut() throws Exception {
        ImportResult r = new EpochModelsImporter(validator).read(SharedData.file("epoch-ai-models/all_ai_models.csv"));
        assertThat(r.rejections()).isEmpty();
        assertThat(r.skippedByReason())
                .containsExactly(Map.entry(
                        "releaseDate: no publication date in the file: the model cannot be placed in time", 18L));
        assertThat(r.notes())
                .filteredOn(n -> n.reason().startsWith("'0' is no figure"))
                .extracting(Rejection::line)
                .containsExactly(6371L, 9613L, 15218L, 16146L);
        ModelRelease esmif = r.eventsOf(ModelRelease.class).stream()
                .filter(m -> m.id().equals("esmif-ddg"))
                .findFirst()
                .orElseThrow();
        assertThat(esmif.trainingTokens()).isNull();
        ModelRelease theseus = r.eventsOf(ModelRelease.class).stream()
                .filter(m -> m.id().equals("theseus"))
                .findFirst()
                .orElseThrow();
        assertThat(theseus.trainingComputeFlop()).isEqualTo(40.0);
        assertThat(theseus.releaseDate()).hasToString("1950-07-02");
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
        // README: 369 rows have an ECI score: 138 open, 227 closed, 4 blank; 3 of them have no release
        // date, which Epoch has yet to give: skipped like the 239 unscored rows, not rejected.
        assertThat(r.rejections()).isEmpty();
        assertThat(r.skippedByReason())
                .containsOnly(
                        Map.entry("score: no score yet (blank in column '…')", 239L),
                        Map.entry("date: no release date in the file: the score cannot be placed in time", 3L));
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
        long skippedUndated = 0;
        try (var files = java.nio.file.Files.list(dir)) {
            for (var f :
                    files.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
                ImportResult r = new EpochBenchmarkImporter(validator).read(f, weights);
                rows += r.rows();
                assertThat(r.rejections()).as(f.getFileName().toString()).isEmpty();
                skippedUndated += r.skippedByReason().entrySet().stream()
                        .filter(e -> e.getKey().startsWith("date: no release date"))
                        .mapToLong(Map.Entry::getValue)
                        .sum();
            }
        }
        // README: 4,441 rows in the 51 CSVs. Python: 471 rows with a score and no release date, 414
        // of them with no model version either (a third-party leaderboard's uncatalogued models).
        assertThat(rows).isEqualTo(4441);
        assertThat(skippedUndated).isEqualTo(471);
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
