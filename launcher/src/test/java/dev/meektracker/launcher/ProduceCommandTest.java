package dev.meektracker.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The produce command's checks, which run before any broker is contacted. */
class ProduceCommandTest {

    @TempDir
    Path dir;

    @Test
    void dryRunReportsEveryRejectedRowAndFails() throws Exception {
        Path f = dir.resolve("models.jsonl");
        Files.writeString(
                f,
                "{\"id\":\"ok\",\"name\":\"OK\",\"releaseDate\":\"2024-01-01\",\"weights\":\"open\"}\n"
                        + "{\"id\":\"bad\",\"name\":\"Bad\",\"releaseDate\":\"2024-01-01\",\"weights\":\"open\",\"trainingComputeFlop\":1e40}\n");
        Cli r = Cli.run("produce", "--models", f.toString(), "--dry-run");
        assertThat(r.exitCode).isEqualTo(1);
        assertThat(r.err)
                .contains("rejected models.jsonl:2: trainingComputeFlop: 1.000e+40 FLOP is outside the plausible range")
                .contains("nothing published");
        Cli skip = Cli.run("produce", "--models", f.toString(), "--dry-run", "--skip-invalid");
        assertThat(skip.exitCode).isZero();
        assertThat(skip.out).contains("dry run: 1 valid events");
        assertThat(skip.err).contains("rejections by reason:").contains("1  trainingComputeFlop");
    }

    @Test
    void sampleDryRunIsClean() {
        Cli r = Cli.run("produce", "--sample", "--dry-run");
        assertThat(r.exitCode).isZero();
        assertThat(r.err).contains("0 rejections");
    }

    @Test
    void missingFilesAndMissingInputsAreClearErrors() {
        Cli none = Cli.run("produce");
        assertThat(none.exitCode).isNotZero();
        assertThat(none.err).contains("nothing to publish");
        Cli missing = Cli.run("produce", "--models", dir.resolve("nope.csv").toString(), "--dry-run");
        assertThat(missing.exitCode).isEqualTo(2);
        assertThat(missing.err).contains("no such file").contains("nope.csv");
        Cli unknownType = Cli.run("produce", "--models", dir.toString() + "/x.xlsx", "--dry-run");
        assertThat(unknownType.exitCode).isEqualTo(2);
        Cli badSetting = Cli.run(
                "produce", "--sample", "--dry-run", "-D", "meek.law.parameter.set=custom", "-D", "meek.law.alpha=fast");
        assertThat(badSetting.exitCode).isEqualTo(2);
        assertThat(badSetting.err).contains("meek.law.alpha").contains("fast");
    }
}
