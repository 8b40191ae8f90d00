package dev.meektracker.producers.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meektracker.core.SharedData;
import dev.meektracker.core.event.BenchmarkResult;
import dev.meektracker.core.event.InputEvent;
import dev.meektracker.core.event.Weights;
import dev.meektracker.core.validate.EventValidator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs given as the archives they are downloaded in: Epoch AI's Benchmarking Hub zip (with the ECI
 * file the other files take open-or-closed from, and the ECI's model parameters that are no
 * benchmark results), a gzip-compressed export, and the archives that cannot be read.
 */
class ArchivesTest {

    private static final String ECI = "Model version,ECI Score,Release date,Organization,Country,Model accessibility,"
            + "Training compute (FLOP)\n"
            + "open-1,120,2025-01-10,Lab,US,Open weights (unrestricted),1e24\n"
            + "closed-1,140,2025-02-10,Lab,US,API access,3e25\n";
    private static final String GPQA = "Model version,mean_score,Best score (across scorers),Release date,Organization,"
            + "Country,Training compute (FLOP)\n"
            + "open-1,0.5,0.5,2025-01-10,Lab,US,1e24\n"
            + "closed-1,0.7,0.7,2025-02-10,Lab,US,3e25\n";
    /** The header and a row of the real additional_eci_data/eci_benchmark_difficulties_and_slopes.csv. */
    private static final String ECI_PARAMETERS =
            "benchmark_name,is_anchor,benchmark_release_date,edi,estimated_slope_scaled\n"
                    + "LAMBADA,False,2016-06-20,39.47253402590894,0.0164866511766724\n";

    private static final String MODELS =
            "Model,Organization,Publication date,Training compute (FLOP),Model accessibility\n"
                    + "Model A,Lab,2024-05-01,1e25,API access\n";

    @TempDir
    Path dir;

    private final Inputs inputs = new Inputs(
            new EventValidator(Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC), Duration.ofDays(2)));

    @Test
    void theBenchmarkingHubZipIsReadAsItsFiles() throws Exception {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("benchmark_data/README.md", "# Epoch AI benchmarks\n");
        entries.put("benchmark_data/gpqa_diamond.csv", GPQA);
        entries.put("benchmark_data/additional_eci_data/eci_benchmark_difficulties_and_slopes.csv", ECI_PARAMETERS);
        // After the file that needs its accessibility: the ECI file is read first wherever it lies.
        entries.put("benchmark_data/epoch_capabilities_index.csv", ECI);
        entries.put("__MACOSX/benchmark_data/._gpqa_diamond.csv", "\u0000\u0005binary");
        Path zip = zip("benchmark_data.zip", entries);

        ImportResult r = inputs.read(List.of(), List.of(), List.of(zip));

        assertThat(r.rejections()).isEmpty();
        assertThat(r.rowsByFile()).containsOnlyKeys("gpqa_diamond.csv", "epoch_capabilities_index.csv");
        Map<String, Weights> gpqa = new LinkedHashMap<>();
        for (InputEvent e : r.events()) {
            if (e instanceof BenchmarkResult b && b.benchmarkId().equals("gpqa-diamond")) {
                gpqa.put(b.modelId(), b.weights());
            }
        }
        assertThat(gpqa).containsOnly(Map.entry("open-1", Weights.OPEN), Map.entry("closed-1", Weights.CLOSED));
        // The ECI's model parameters are no benchmark results: left out, and said so.
        assertThat(r.skipped()).singleElement().satisfies(s -> {
            assertThat(s.file()).isEqualTo("eci_benchmark_difficulties_and_slopes.csv");
            assertThat(s.reason()).startsWith("no benchmark results in a format the tracker reads");
        });
        // Given on its own, the same file is an error, as before: the user chose it.
        Path alone = Files.writeString(dir.resolve("eci_benchmark_difficulties_and_slopes.csv"), ECI_PARAMETERS);
        assertThatThrownBy(() -> inputs.read(List.of(), List.of(), List.of(alone)))
                .hasMessageStartingWith(
                        "eci_benchmark_difficulties_and_slopes.csv is no benchmark file the tracker reads");
    }

    @Test
    void aGzippedExportIsReadAsTheFileItHolds() throws Exception {
        Path gz = dir.resolve("notable_ai_models.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(MODELS.getBytes(StandardCharsets.UTF_8));
        }
        long before = unpackedDirs();
        ImportResult r = inputs.read(List.of(gz), List.of(), List.of());
        assertThat(r.rowsByFile()).containsOnlyKeys("notable_ai_models.csv");
        assertThat(r.events()).hasSize(1);
        // Nothing unpacked is left behind.
        assertThat(unpackedDirs()).isEqualTo(before);
    }

    private static long unpackedDirs() throws IOException {
        try (Stream<Path> left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return left.filter(p -> p.getFileName().toString().startsWith("meek-tracker-unpacked-"))
                    .count();
        }
    }

    @Test
    void archivesThatCannotBeReadSayWhy() throws Exception {
        Path bomb =
                zip("hub.zip", Map.of("gpqa_diamond.csv", GPQA + "m,0.5,0.5,2025-01-10,Lab,US,1e24\n".repeat(20_000)));
        Inputs small = new Inputs(EventValidator.systemDefault(), 100_000, "100 kB");
        assertThatThrownBy(() -> small.read(List.of(), List.of(), List.of(bomb)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hub.zip's files unzip to more than 100 kB");

        Path twice = zip("twice.zip", Map.of("a/gpqa_diamond.csv", GPQA, "b/gpqa_diamond.csv", GPQA));
        assertThatThrownBy(() -> inputs.read(List.of(), List.of(), List.of(twice)))
                .hasMessageStartingWith("twice.zip holds two files named gpqa_diamond.csv (")
                .hasMessageEndingWith("): unzip it and give the one you mean");

        // One file to macOS's and Windows' file systems, which ignore case.
        Path cased = zip("cased.zip", Map.of("a/GPQA_diamond.csv", GPQA, "b/gpqa_diamond.csv", GPQA));
        assertThatThrownBy(() -> inputs.read(List.of(), List.of(), List.of(cased)))
                .hasMessageStartingWith("cased.zip holds two files named ");

        Path longName = zip("long.zip", Map.of("a".repeat(300) + ".csv", GPQA));
        assertThatThrownBy(() -> inputs.read(List.of(), List.of(), List.of(longName)))
                .hasMessage("long.zip holds a file whose name cannot be written here (" + "a".repeat(77)
                        + "...): unzip it and rename it");

        Path none = zip("docs.zip", Map.of("README.md", "nothing to read"));
        assertThatThrownBy(() -> inputs.read(List.of(), List.of(), List.of(none)))
                .hasMessage("docs.zip holds no CSV or JSON-lines file (or is not a complete zip)");
        // A spreadsheet saved as .xlsx is a zip of XML: said as what it is, with the step that makes it readable.
        Path workbook = zip(
                "models.xlsx",
                Map.of(
                        "[Content_Types].xml",
                        "<Types/>",
                        "xl/workbook.xml",
                        "<workbook/>",
                        "xl/worksheets/sheet1.xml",
                        "<x/>"));
        assertThatThrownBy(() -> inputs.read(List.of(workbook), List.of(), List.of()))
                .hasMessage("models.xlsx is an Excel workbook (.xlsx), not CSV or JSON-lines text: save the sheet as"
                        + " CSV (in Excel or LibreOffice: Save As, CSV UTF-8) and give that");

        byte[] whole = Files.readAllBytes(zip("whole.zip", Map.of("gpqa_diamond.csv", GPQA.repeat(50))));
        Path cut = Files.write(dir.resolve("cut.zip"), java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> inputs.read(List.of(), List.of(), List.of(cut)))
                .hasMessage("cut.zip is a zip archive that does not open (it ends too early: a download cut short?)");

        Path untyped = dir.resolve("export.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(untyped))) {
            out.write(MODELS.getBytes(StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> inputs.read(List.of(untyped), List.of(), List.of()))
                .hasMessage("export.gz is gzip-compressed, and the name of what it holds ('export') does not say its"
                        + " type: name it like models.csv.gz or models.jsonl.gz");

        Path inner = zip("inner.zip", Map.of("models.csv", MODELS));
        Path nested = zip(
                "nested.zip", Map.of("inner.csv", new String(Files.readAllBytes(inner), StandardCharsets.ISO_8859_1)));
        assertThatThrownBy(() -> inputs.read(List.of(nested), List.of(), List.of()))
                .hasMessageStartingWith("nested.zip: inner.csv is a zip archive, and an archive is not unpacked here");
    }

    /**
     * Epoch AI's benchmark folder, zipped as the hub serves it or given as the folder, gives the same
     * events as its files given one by one.
     */
    @Test
    void theRealHubZippedGivesTheEventsOfItsFiles() throws Exception {
        Path hub = SharedData.dir().resolve("epoch-benchmarks");
        List<Path> csvs = new ArrayList<>();
        Path zip = dir.resolve("benchmark_data.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip));
                Stream<Path> files = Files.walk(hub)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String entry = "benchmark_data/" + hub.relativize(f).toString().replace('\\', '/');
                out.putNextEntry(new ZipEntry(entry));
                Files.copy(f, out);
                out.closeEntry();
                if (f.getParent().equals(hub) && f.toString().endsWith(".csv")) {
                    csvs.add(f);
                }
            }
        }
        ImportResult one = inputs.read(List.of(), List.of(), csvs);
        // The zip as downloaded, and the folder it unzips to.
        for (Path whole : List.of(zip, hub)) {
            ImportResult r = inputs.read(List.of(), List.of(), List.of(whole));
            assertThat(r.events()).as(whole.toString()).isEqualTo(one.events());
            assertThat(r.rejections()).isEqualTo(one.rejections());
            // The two files of the ECI's own parameters (additional_eci_data/) are the only difference.
            assertThat(r.skipped().size() - one.skipped().size()).isEqualTo(2);
        }
    }

    private Path zip(String name, Map<String, String> entries) throws IOException {
        Path zip = dir.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (var e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue()
                        .getBytes(
                                e.getKey().equals("inner.csv") ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return zip;
    }
}
