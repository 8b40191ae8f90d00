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
                .contains("models.jsonl:2: trainingComputeFlop: 1.000e+40 FLOP is outside the plausible range")
                .contains("nothing published");
        Cli skip = Cli.run("produce", "--models", f.toString(), "--dry-run", "--skip-invalid");
        assertThat(skip.exitCode).isZero();
        assertThat(skip.out).contains("dry run: 1 valid event,");
        assertThat(skip.err).contains("rejected, by reason:").contains("1  trainingComputeFlop");
    }

    @Test
    void hostileLinesAreRejectedWithShortReasonsAndNoStackTrace() throws Exception {
        Path f = dir.resolve("models.jsonl");
        Files.writeString(
                f,
                "null\n"
                        + "{\"_t\":\"benchmark-result\",\"modelId\":\"m\"}\n"
                        + "{\"id\":\"" + "x".repeat(100_000)
                        + "\",\"name\":\"N\",\"releaseDate\":\"2024-01-01\",\"weights\":\"open\","
                        + "\"trainingComputeFlop\":\"" + "9".repeat(100_000) + "x\"}\n"
                        + "{\"id\":\n");
        Cli r = Cli.run("produce", "--models", f.toString(), "--dry-run", "--verbose");
        assertThat(r.exitCode)
                .as(r.err.length() > 2000 ? r.err.substring(r.err.length() - 2000) : r.err)
                .isEqualTo(1);
        assertThat(r.err)
                .contains("models.jsonl:1: row: expected a JSON object, got null")
                .contains("models.jsonl:2: _t: expected 'model-release', got 'benchmark-result'")
                .contains("models.jsonl:3: ")
                .contains("models.jsonl:4: row: not valid JSON")
                .doesNotContain("Exception")
                .doesNotContain("dev.meektracker")
                .doesNotContain("\tat ");
        assertThat(r.err.lines().mapToInt(String::length).max().orElse(0))
                .as("no line quotes a huge value")
                .isLessThan(400);
    }

    @Test
    void theFuzzCorpusGivesOneReasonedLinePerBadRowAndNoStackTrace() throws Exception {
        var valid = new dev.meektracker.producers.importer.Inputs(
                        dev.meektracker.core.validate.EventValidator.systemDefault())
                .readSample()
                .events();
        var bad = dev.meektracker.core.HostileRecords.generate(valid, 2000, 7).stream()
                .filter(h -> h.bad()
                        && h.value() != null
                        && h.value().length > 0
                        && h.topic() == dev.meektracker.core.event.InputType.MODEL_RELEASE)
                .toList();
        Path f = dir.resolve("hostile.jsonl");
        try (var out = Files.newOutputStream(f)) {
            for (var h : bad) {
                out.write(h.value());
                out.write('\n');
            }
        }
        Cli r = Cli.run("produce", "--models", f.toString(), "--dry-run", "--verbose");
        assertThat(r.exitCode)
                .as(r.err.length() > 2000 ? r.err.substring(r.err.length() - 2000) : r.err)
                .isEqualTo(1);
        java.util.Set<String> rejectedLines = new java.util.TreeSet<>();
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("hostile\\.jsonl:(\\d+): ").matcher(r.err);
        while (m.find()) {
            rejectedLines.add(m.group(1));
        }
        assertThat(rejectedLines)
                .as("every one of the %d bad lines is rejected with its reason", bad.size())
                .hasSize(bad.size());
        assertThat(r.err).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("dev.meektracker");
        // Jackson's own words ("Cannot deserialize value of type `java.lang.String` from Object value") are not the
        // user's.
        assertThat(r.err).doesNotContain("Cannot deserialize").doesNotContain("JsonToken");
        assertThat(r.err.lines().mapToInt(String::length).max().orElse(0)).isLessThan(400);
    }

    /** A line longer than Kafka's largest record is rejected with its number, without being kept; the lines after it read. */
    @Test
    void anEndlessLineIsRejectedAloneAndTheNextOnesRead() throws Exception {
        Path f = dir.resolve("long.jsonl");
        String ok = "{\"id\":\"ok\",\"name\":\"OK\",\"releaseDate\":\"2024-01-01\",\"weights\":\"open\"}\n";
        try (var out = Files.newBufferedWriter(f)) {
            out.write(ok);
            out.write("{\"id\":\"long\",\"name\":\"");
            out.write("x".repeat(3 << 20));
            out.write("\"}\n");
            out.write(ok.replace("\"ok\"", "\"ok-2\""));
        }
        Cli r = Cli.run("produce", "--models", f.toString(), "--dry-run", "--skip-invalid");
        assertThat(r.exitCode).as(r.err).isZero();
        assertThat(r.out).contains("dry run: 2 valid events");
        assertThat(r.err)
                .contains("long.jsonl:2: row: longer than 1048576 bytes: an event that large could not be published");
    }

    /** A CSV file Commons CSV or the UTF-8 decoder cannot read at all: one line naming the file, the line and the fix. */
    @Test
    void unreadableCsvFilesAreClearErrorsWithTheirLine() throws Exception {
        String header = "Model,Publication date,Training compute (FLOP),Model accessibility\r\n";
        Path bom = dir.resolve("excel.csv");
        // Excel's "CSV UTF-8" starts with a byte-order mark, which stuck to the first column's name.
        Files.write(bom, ("\uFEFF" + header + "\"GPT-X\",2024-01-01,1e25,API access\r\n").getBytes("UTF-8"));
        Cli read = Cli.run("produce", "--models", bom.toString(), "--dry-run");
        assertThat(read.exitCode).as(read.err).isZero();
        assertThat(read.out).contains("dry run: 1 valid event,");

        Path latin1 = dir.resolve("latin1.csv");
        Files.write(
                latin1,
                (header + "A,2024-01-01,1e25,API access\r\nZ\u00fcrich,2024-01-02,1e25,API access\r\n")
                        .getBytes("ISO-8859-1"));
        assertThat(error(latin1))
                .isEqualTo("meek-tracker: latin1.csv: line 3 is not UTF-8 text"
                        + " (Epoch AI's exports are UTF-8: save the file as UTF-8)");

        Path unclosed = dir.resolve("unclosed.csv");
        Files.writeString(
                unclosed, header + "A,2024-01-01,1e25,API access\n\"B,2024-01-02,1e25,API access\nC,2024-01-03\n");
        assertThat(error(unclosed))
                .startsWith("meek-tracker: unclosed.csv: the quoted field that starts on line 3 is never closed");

        // The same in a large file stops after 16 MiB instead of reading the rest of the file into one field.
        Path endless = dir.resolve("endless.csv");
        try (var out = Files.newBufferedWriter(endless)) {
            out.write(header + "\"B,2024-01-02,1e25,API access\n");
            String row = "C,2024-01-03,1e25,API access\n";
            for (long written = 0; written < (17L << 20); written += row.length()) {
                out.write(row);
            }
        }
        assertThat(error(endless))
                .isEqualTo("meek-tracker: endless.csv: the record that starts on line 2 runs past 16 MiB of text: a"
                        + " quoted field is probably never closed (a quote (\") is missing, or a quote inside a field is"
                        + " not doubled)");

        Path stray = dir.resolve("stray.csv");
        Files.writeString(stray, header + "A,2024-01-01,1e25,API access\n\"B\"x,2024-01-02,1e25,API access\n");
        assertThat(error(stray))
                .startsWith("meek-tracker: stray.csv: line 3: text follows a quoted field's closing quote");

        Path twice = dir.resolve("twice.csv");
        Files.writeString(twice, "Model,Model,Publication date\nA,B,2024-01-01\n");
        assertThat(error(twice))
                .isEqualTo("meek-tracker: twice.csv: the header names the column 'Model' more than once,"
                        + " so which of them holds its values is ambiguous");

        Path semicolons = dir.resolve("semicolons.csv");
        Files.writeString(semicolons, header.replace(',', ';') + "A;2024-01-01;1e25;API access\n");
        assertThat(error(semicolons))
                .isEqualTo("meek-tracker: semicolons.csv: its header is one column separated by semicolons, not by"
                        + " commas: save it as comma-separated CSV (Epoch AI's exports are)");

        // A whole file in another encoding or packed: one line for the file, not a rejection per line.
        Path utf16 = dir.resolve("utf16.csv");
        Files.write(utf16, (header + "A,2024-01-01,1e25,API access\n").getBytes("UTF-16"));
        assertThat(error(utf16))
                .isEqualTo("meek-tracker: " + utf16
                        + " is UTF-16 text (it starts with UTF-16's byte-order mark): save it as UTF-8");
        // An export as downloaded, compressed or zipped, reads as the file it holds; one that is cut
        // short says so in one line.
        Path gzip = dir.resolve("models.csv.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gzip))) {
            out.write((header + "A,2024-01-01,1e25,API access\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Cli gunzipped = Cli.run("produce", "--models", gzip.toString(), "--dry-run");
        assertThat(gunzipped.exitCode).as(gunzipped.err).isZero();
        assertThat(gunzipped.out).contains("dry run: 1 valid event,");
        Path zip = dir.resolve("hub.zip");
        StringBuilder rows = new StringBuilder(header);
        for (int i = 0; i < 500; i++) {
            rows.append("Model ").append(i).append(",2024-01-01,1e25,API access\r\n");
        }
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("export/models.csv"));
            out.write(rows.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Cli unzipped = Cli.run("produce", "--models", zip.toString(), "--dry-run");
        assertThat(unzipped.exitCode).as(unzipped.err).isZero();
        assertThat(unzipped.out).contains("dry run: 500 valid events,");
        byte[] whole = Files.readAllBytes(zip);
        Path cut = Files.write(dir.resolve("cut.zip"), java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThat(error(cut))
                .isEqualTo(
                        "meek-tracker: cut.zip is a zip archive that does not open (it ends too early: a download cut"
                                + " short?)");

        // A directory is its input files; one without any says so.
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Files.writeString(empty.resolve("README.md"), "no data here");
        Cli directory = Cli.run("produce", "--models", empty.toString(), "--dry-run");
        assertThat(directory.exitCode).isEqualTo(2);
        assertThat(directory.err.strip())
                .isEqualTo("meek-tracker: " + empty + " is a directory with no CSV or JSON-lines file in it");
    }

    /** The one line a file that cannot be read gives, after checking it is the only one and the exit code says bad input. */
    private static String error(Path file) {
        Cli r = Cli.run("produce", "--models", file.toString(), "--dry-run");
        assertThat(r.exitCode).as(r.err).isEqualTo(2);
        assertThat(r.err.strip().lines()).as(r.err).hasSize(1);
        assertThat(r.err).doesNotContain("Exception").doesNotContain("org.apache");
        return r.err.strip();
    }

    @Test
    void noBrokerAtTheAddressIsAClearErrorWithinSeconds() {
        long start = System.nanoTime();
        Cli r = Cli.run("produce", "--sample", "--bootstrap-servers", "127.0.0.1:1");
        assertThat(r.exitCode).isEqualTo(1);
        assertThat(r.err).contains("no Kafka broker answered at 127.0.0.1:1").doesNotContain("TimeoutException");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(30);
    }

    @Test
    void sampleDryRunIsClean() {
        Cli r = Cli.run("produce", "--sample", "--dry-run");
        assertThat(r.exitCode).isZero();
        assertThat(r.err).contains("0 rows rejected");
    }

    @Test
    void rejectionsAreCountedByRowWithTheProblemsBeside() throws Exception {
        Path f = dir.resolve("models.jsonl");
        Files.writeString(
                f,
                "{\"id\":\"ok\",\"name\":\"OK\",\"releaseDate\":\"2024-01-01\",\"weights\":\"open\"}\n"
                        // One row breaking three rules, one breaking one.
                        + "{\"id\":\"x\"}\n"
                        + "{\"id\":\"bad\",\"name\":\"Bad\",\"releaseDate\":\"2024-01-01\",\"weights\":\"maybe\"}\n");
        Cli r = Cli.run("produce", "--models", f.toString(), "--dry-run");
        assertThat(r.exitCode).isEqualTo(1);
        assertThat(r.err)
                .contains("read 3 rows: 1 event {model-release=1}, 2 rows rejected (4 problems), 0 skipped")
                .contains("meek-tracker: 2 rows rejected (4 problems); nothing published");
        Path one = Files.writeString(dir.resolve("one.jsonl"), "{\"id\":\"x\",\"name\":\"X\",\"weights\":\"open\"}\n");
        assertThat(Cli.run("produce", "--models", one.toString(), "--dry-run").err)
                .contains("read 1 row: 0 events {}, 1 row rejected, 0 skipped");
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
