package dev.meektracker.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meektracker.core.serde.Json;
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
        // Paced at about a year of history per second (the sample spans 2018-2025): releases then reach
        // the engine further apart than the 50 ms emit tick, so successive compute records are separate
        // gap estimates and the record rule sees them. Unpaced, they may coalesce into one estimate.
        Cli r = Cli.run("demo", "--once", "--report", report.toString(), "--http-port", "0", "--metrics-port", "0",
                "--speed-up", "30000000");
        assertThat(r.exitCode).as(r.err).isZero();
        JsonNode doc = Json.MAPPER.readTree(report.toFile());
        List<String> fits = new ArrayList<>();
        doc.get("fits").forEach(f -> fits.add(f.get("id").asText()));
        List<String> gaps = new ArrayList<>();
        doc.get("gaps").forEach(g -> gaps.add(g.get("id").asText()));
        assertThat(fits).contains("frontier-compute", "open-compute", "hardware-price-performance", "algorithmic-progress", "benchmark/mmlu");
        assertThat(gaps).contains("compute/open-vs-closed", "benchmark/mmlu/open-vs-closed", "projection/budget-1000-usd",
                "projection/budget-100000-usd", "projection/budget-10000000-usd", "projection/best-open");
        doc.get("gaps").forEach(g -> {
            assertThat(g.has("value")).isTrue();
            assertThat(g.get("unit").asText()).isNotBlank();
            assertThat(g.get("asOf").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
        });
        assertThat(doc.at("/pipeline/published").asInt()).isEqualTo(doc.at("/inputs/events").asInt());
        assertThat(doc.at("/pipeline/processed").asInt()).isEqualTo(doc.at("/pipeline/published").asInt());
        assertThat(r.err).contains("embedded Kafka broker at 127.0.0.1:", "Prometheus metrics at http://127.0.0.1:", "notifiers: log");
        // The sample sets a new closed compute record: the default rule fires, and the report carries the transition.
        assertThat(doc.get("alerts")).anySatisfy(a -> {
            assertThat(a.at("/labels/rule").asText()).isEqualTo("new-frontier-compute-record");
            assertThat(a.get("status").asText()).isEqualTo("firing");
            assertThat(a.get("fingerprint").asText()).matches("[0-9a-f]{16}");
        });
    }
}
