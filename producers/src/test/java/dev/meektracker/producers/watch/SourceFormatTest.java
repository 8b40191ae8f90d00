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

/** A benchmark hub zip is unzipped within the same cap as a body: a small zip that unzips to far more is refused. */
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
    void aZipThatUnzipsPastTheCapIsRefused() throws Exception {
        // 1 MB of one repeated line compresses to a few kilobytes.
        byte[] bomb = (HEADER + "m,0.5,2024-01-01,Org\n".repeat(50_000)).getBytes(StandardCharsets.UTF_8);
        Path body = zip("benchmark_data/gpqa_diamond.csv", bomb);
        assertThat(Files.size(body)).isLessThan(100_000);
        Path parts = Files.createDirectory(dir.resolve("parts"));
        Inputs inputs = new Inputs(EventValidator.systemDefault());
        assertThatThrownBy(() -> SourceFormat.EPOCH_BENCHMARKS.read(body, "hub.zip", inputs, parts, 100_000))
                .isInstanceOf(IOException.class)
                .hasMessage("the zip's CSVs unzip to more than meek.watch.max.bytes (100000 bytes)");
        // Under a cap it fits, the same zip reads.
        Path again = Files.createDirectory(dir.resolve("again"));
        assertThat(SourceFormat.EPOCH_BENCHMARKS
                        .read(body, "hub.zip", inputs, again, 64L << 20)
                        .result()
                        .rows())
                .isEqualTo(50_000);
    }
}
