package dev.meektracker.producers.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meektracker.core.validate.EventValidator;
import dev.meektracker.producers.importer.Inputs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A benchmark hub zip is unzipped within the same cap as a body: a small zip that unzips to far more is
 * refused; the ECI's model parameters beside the benchmark files are left out, not a failed fetch.
 */
class SourceFormatTest {

    private static final String HEADER = "Model version,Best score (across scorers),Release date,Organization\n";

    @TempDir
    Path dir;

    private Path zip(String entry, byte[] content) throws IOException {
        Path zip = dir.resolve("body");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry(entry));
            out.write(content);
            out.closeEntry();
        }
        return zip;
    }

    @Test
    void theHubZipsOwnEciParametersAreLeftOutNotAFailedFetch() throws Exception {
        Path body = dir.resolve("body");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(body))) {
            out.putNextEntry(new ZipEntry("benchmark_data/gpqa_diamond.csv"));
            out.write((HEADER + "m,0.5,2024-01-01,Org\n").getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new ZipEntry("benchmark_data/additional_eci_data/eci_scaling.csv"));
            out.write("a,b,scaling_anchor1,scaling_anchor1_eci\n111.1,20.1,Claude 3.5 Sonnet,130\n"
                    .getBytes(StandardCharsets.UTF_8));
        }
        Path parts = Files.createDirectory(dir.resolve("parts"));
        var parsed = SourceFormat.EPOCH_BENCHMARKS.read(
                body, "hub.zip", new Inputs(EventValidator.systemDefault()), parts, 64L << 20);
        assertThat(parsed.result().events()).hasSize(1);
        assertThat(parsed.result().skipped())
                .singleElement()
                .extracting(s -> s.file())
                .isEqualTo("eci_scaling.csv");
    }

    @Test
    void aZipThatUnzipsPastTheCapIsRefused() throws Exception {
        // 1 MB of one repeated line compresses to a few kilobytes.
        byte[] bomb = (HEADER + "m,0.5,2024-01-01,Org\n".repeat(50_000)).getBytes(StandardCharsets.UTF_8);
        Path body = zip("benchmark_data/gpqa_diamond.csv", bomb);
        assertThat(Files.size(body)).isLessThan(100_000);
        Path parts = Files.createDirectory(dir.resolve("parts"));
        Inputs inputs = new Inputs(EventValidator.systemDefault());
        assertThatThrownBy(() -> SourceFormat.EPOCH_BENCHMARKS.read(body, "hub.zip", inputs, parts, 100_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hub.zip's files unzip to more than meek.watch.max.bytes (100000 bytes)");
        // Under a cap it fits, the same zip reads.
        Path again = Files.createDirectory(dir.resolve("again"));
        assertThat(SourceFormat.EPOCH_BENCHMARKS
                        .read(body, "hub.zip", inputs, again, 64L << 20)
                        .result()
                        .rows())
                .isEqualTo(50_000);
    }
}
