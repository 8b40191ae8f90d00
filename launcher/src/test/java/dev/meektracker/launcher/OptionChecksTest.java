package dev.meektracker.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Option checks that run before a broker or anything else starts: bad values are usage errors (exit code 2). */
class OptionChecksTest {

    @Test
    void outOfRangeValuesAreRefusedBeforeAnythingStarts() {
        Cli idle = Cli.run("demo", "--once", "--idle-timeout", "0");
        assertThat(idle.exitCode).isEqualTo(2);
        assertThat(idle.err)
                .startsWith("--idle-timeout must be at least 1 second, not 0")
                .doesNotContain("embedded Kafka broker at");
        Cli speed = Cli.run("demo", "--once", "--speed-up", "-1");
        assertThat(speed.exitCode).isEqualTo(2);
        assertThat(speed.err).startsWith("--speed-up must be a finite positive factor");
        // A control character in a name the error quotes is shown, not sent to the terminal.
        Cli escape = Cli.run("produce", "--dry-run", "--models", "no\u001B[2Jfile.csv");
        assertThat(escape.exitCode).isEqualTo(2);
        assertThat(escape.err)
                .startsWith("meek-tracker: no such file: no\\u001B[2Jfile.csv")
                .doesNotContain("\u001B");
        // 1e999 is read as Infinity, a factor that would pace nothing.
        Cli infinite = Cli.run("produce", "--sample", "--dry-run", "--replay", "--speed-up", "1e999");
        assertThat(infinite.exitCode).isEqualTo(2);
        assertThat(infinite.err).startsWith("--speed-up needs --replay and a finite positive factor");
        Cli report = Cli.run("demo", "--report", "r.json");
        assertThat(report.exitCode).isEqualTo(2);
        assertThat(report.err).startsWith("--report needs --once");
        Cli unwritable = Cli.run("demo", "--once", "--report", "/no/such/dir/r.json");
        assertThat(unwritable.exitCode).isEqualTo(2);
        assertThat(unwritable.err).startsWith("--report /no/such/dir/r.json: cannot write a file there");
        Cli html = Cli.run("demo", "--once", "--html", "/no/such/dir/r.html");
        assertThat(html.exitCode).isEqualTo(2);
        assertThat(html.err).startsWith("--html /no/such/dir/r.html: cannot write a file there");
    }

    @Test
    void theBrokerRefusesAPortOrLogDirectoryItCannotUse(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        Cli port = Cli.run("broker", "--port", "99999");
        assertThat(port.exitCode).isEqualTo(2);
        assertThat(port.err).startsWith("--port must be from 1 to 65535 (or 0 for a free one), not 99999");
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("a-file"), "x");
        Cli notADirectory = Cli.run("broker", "--log-dir", file.toString());
        assertThat(notADirectory.exitCode).isEqualTo(2);
        assertThat(notADirectory.err).startsWith("--log-dir " + file + " is not a directory this user can write to");
        Cli underAFile = Cli.run("broker", "--log-dir", file.resolve("logs").toString());
        assertThat(underAFile.exitCode).isEqualTo(2);
        assertThat(underAFile.err).startsWith("--log-dir " + file.resolve("logs") + " cannot be created");
    }

    @Test
    void theBenchRefusesWhereItCouldNotWriteItsFiguresBeforeMeasuring(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        Cli missing = Cli.run(
                "bench",
                "--run",
                "engine",
                "--json",
                dir.resolve("no/such/dir/f.json").toString());
        assertThat(missing.exitCode).isEqualTo(2);
        assertThat(missing.err)
                .startsWith("--json " + dir.resolve("no/such/dir/f.json") + ": cannot write a file there");
        Cli directory = Cli.run("bench", "--run", "engine", "--json", dir.toString());
        assertThat(directory.exitCode).isEqualTo(2);
        Cli warmup = Cli.run("bench", "--warmup-events", "-1");
        assertThat(warmup.exitCode).isEqualTo(2);
        assertThat(warmup.err).contains("--warmup-events at least 0");
        // The probe left nothing behind.
        assertThat(dir.toFile().list()).isEmpty();
    }
}
