package dev.meektracker.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meektracker.core.serde.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main job end to end, in-process: embedded broker, topics, streams, consumers, report. */
class DemoIT {

    @TempDir
    Path dir;

    @Test
    void demoOnceWritesTheReportOfFitsAndGaps() throws Exception {
        Path report = dir.resolve("report.json");
        // Unpaced: the whole sample may reach the engine within one 50 ms emit tick, and the month-end
        // checkpoints still give the evaluator each month's compute record as its own estimate.
        Cli r = Cli.run("demo", "--once", "--report", report.toString(), "--http-port", "0", "--metrics-port", "0");
        assertThat(r.exitCode).as(r.err).isZero();
        JsonNode doc = Json.MAPPER.readTree(report.toFile());
        List<String> fits = new ArrayList<>();
        doc.get("fits").forEach(f -> fits.add(f.get("id").asText()));
        List<String> gaps = new ArrayList<>();
        doc.get("gaps").forEach(g -> gaps.add(g.get("id").asText()));
        assertThat(fits)
                .contains(
                        "frontier-compute",
                        "open-compute",
                        "hardware-price-performance",
                        "algorithmic-progress",
                        "benchmark/mmlu");
        assertThat(gaps)
                .contains(
                        "compute/open-vs-closed",
                        "benchmark/mmlu/open-vs-closed",
                        "projection/budget-1000-usd",
                        "projection/budget-100000-usd",
                        "projection/budget-10000000-usd",
                        "projection/best-open");
        doc.get("gaps").forEach(g -> {
            assertThat(g.has("value")).isTrue();
            assertThat(g.get("unit").asText()).isNotBlank();
            assertThat(g.get("asOf").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
        });
        assertThat(doc.at("/pipeline/published").asInt())
                .isEqualTo(doc.at("/inputs/events").asInt());
        assertThat(doc.at("/pipeline/processed").asInt())
                .isEqualTo(doc.at("/pipeline/published").asInt());
        assertThat(r.err)
                .contains(
                        "embedded Kafka broker at 127.0.0.1:",
                        "Prometheus metrics at http://127.0.0.1:",
                        "notifiers: log");
        // The sample sets a new closed compute record: the default rule fires, and the report carries the transition.
        assertThat(doc.get("alerts")).anySatisfy(a -> {
            assertThat(a.at("/labels/rule").asText()).isEqualTo("new-frontier-compute-record");
            assertThat(a.get("status").asText()).isEqualTo("firing");
            assertThat(a.get("fingerprint").asText()).matches("[0-9a-f]{16}");
        });
        // Every closed compute record of the sample falls in a month of its own, so each fires on every
        // run, however the replay coalesced (without the month-end checkpoints this run gave one).
        List<Double> records = new ArrayList<>();
        doc.get("alerts").forEach(a -> {
            if (a.at("/labels/rule").asText().equals("new-frontier-compute-record")
                    && a.get("status").asText().equals("firing")) {
                records.add(a.get("value").asDouble());
            }
        });
        assertThat(records).containsExactly(5.04e23, 8.59e23, 2.56e24, 2.1e25, 5e25, 4.6e26, 5e26);
        // The report is written once the end state is committed and read, not after a quiet spell: it
        // holds every gap estimate and every alert transition that the topology and the default rules
        // give the sample (SampleAlertsGoldenTest records them on simulated time), the last ones too.
        List<String> golden = Files.readAllLines(Path.of("src/test/resources/golden/sample-alerts.txt"));
        assertThat(golden.get(0))
                .isEqualTo("# " + doc.at("/pipeline/emitted/gap").asInt() + " gap estimates");
        List<String> transitions = new ArrayList<>();
        doc.get("alerts")
                .forEach(a -> transitions.add(String.join(
                        " | ",
                        a.get("status").asText(),
                        a.at("/labels/rule").asText(),
                        a.at("/labels/gap").asText(),
                        a.get("asOf").asText(),
                        String.valueOf(a.get("value").asDouble()),
                        a.at("/annotations/summary").asText())));
        assertThat(transitions).containsExactlyElementsOf(golden.subList(1, golden.size()));
    }
}
