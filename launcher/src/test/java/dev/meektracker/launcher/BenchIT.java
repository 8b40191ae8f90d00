package dev.meektracker.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meektracker.core.LocalService;
import dev.meektracker.core.serde.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench} as a user runs it, from the shaded jar on its embedded broker, with small sizes: every
 * part it is asked for runs and lands in the JSON file scripts read, with figures that are real
 * measurements (positive rates, ordered percentiles, each role's resident memory from /proc).
 */
class BenchIT {

    @Test
    void theBenchMeasuresEveryPartAndWritesItsFiguresAsJson(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("bench.json");
        LocalService.Result r = LocalService.run(
                ShadedJar.command(
                        "768m",
                        "bench",
                        "--run",
                        "throughput,latency,roles",
                        "--events",
                        "2000",
                        "--warmup-events",
                        "0",
                        "--rate",
                        "200",
                        "--latency-seconds",
                        "3",
                        "--role-items",
                        "2000",
                        "--json",
                        json.toString()),
                Duration.ofMinutes(6));
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output())
                .contains("exactly-once pass-through baseline")
                .contains("topology (at_least_once)")
                .contains("role streams")
                .contains("role consumers");

        JsonNode f = Json.MAPPER.readTree(Files.readString(json));
        for (String rate : new String[] {"raw", "passThrough", "passThroughZerosLz4", "atLeastOnce", "exactlyOnce"}) {
            assertThat(f.path("rates").path(rate).asDouble()).as(rate).isPositive();
        }
        assertThat(f.path("ratios").path("exactlyOnceOverPassThrough").asDouble())
                .isCloseTo(
                        f.path("rates").path("exactlyOnce").asDouble()
                                / f.path("rates").path("passThrough").asDouble(),
                        org.assertj.core.data.Offset.offset(1e-9));
        JsonNode latency = f.path("latencyMs");
        assertThat(latency.path("measured").asInt()).isPositive();
        assertThat(latency.path("p50").asDouble())
                .isPositive()
                .isLessThanOrEqualTo(latency.path("p99").asDouble());
        assertThat(f.path("roles")).hasSize(2);
        for (JsonNode role : f.path("roles")) {
            assertThat(role.path("finished").asBoolean()).as(role.toString()).isTrue();
            // A JVM with Kafka's clients loaded is tens of MB resident at the very least.
            assertThat(role.path("peakResidentKb").asLong()).as(role.toString()).isGreaterThan(50_000);
            assertThat(role.path("historyItems").asInt()).isEqualTo(2000);
        }
        assertThat(f.path("roles").get(0).path("role").asText()).isEqualTo("streams");
        assertThat(f.path("roles").get(1).path("role").asText()).isEqualTo("consumers");
    }
}
