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
                        "--rounds",
                        "2",
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
        // Each round's ratio compares its own two runs; the ratio is their median (of two: the mean).
        JsonNode rounds = f.path("rounds");
        assertThat(rounds).hasSize(2);
        double[] ratios = new double[2];
        for (int i = 0; i < 2; i++) {
            ratios[i] = rounds.get(i).path("exactlyOnce").asDouble()
                    / rounds.get(i).path("passThrough").asDouble();
            assertThat(ratios[i]).isPositive();
        }
        assertThat(f.path("ratios").path("exactlyOnceOverPassThrough").asDouble())
                .isCloseTo((ratios[0] + ratios[1]) / 2, org.assertj.core.data.Offset.offset(1e-9));
        // The same topology with its latest items on the heap and without event-time checkpoints, run in
        // each round beside the others: each ratio is the median (of two: the mean) of the rounds' own.
        for (String variant : new String[] {"ItemsInMemory", "NoCheckpoints"}) {
            double[] overPassThrough = new double[2];
            double[] configuredOver = new double[2];
            for (int i = 0; i < 2; i++) {
                double rate = rounds.get(i).path("exactlyOnce" + variant).asDouble();
                assertThat(rate).as(variant).isPositive();
                overPassThrough[i] = rate / rounds.get(i).path("passThrough").asDouble();
                configuredOver[i] = rounds.get(i).path("exactlyOnce").asDouble() / rate;
            }
            assertThat(f.path("ratios")
                            .path("exactlyOnce" + variant + "OverPassThrough")
                            .asDouble())
                    .as(variant)
                    .isCloseTo(
                            (overPassThrough[0] + overPassThrough[1]) / 2, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(f.path("ratios").path("exactlyOnceOver" + variant).asDouble())
                    .as(variant)
                    .isCloseTo((configuredOver[0] + configuredOver[1]) / 2, org.assertj.core.data.Offset.offset(1e-9));
        }
        assertThat(r.output())
                .contains("topology (exactly_once_v2), latest items in memory")
                .contains("topology (exactly_once_v2), no event-time checkpoints");
        assertThat(f.path("rates").path("passThrough").asDouble())
                .isCloseTo(
                        (rounds.get(0).path("passThrough").asDouble()
                                        + rounds.get(1).path("passThrough").asDouble())
                                / 2,
                        org.assertj.core.data.Offset.offset(1e-6));
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
            // Read from the role's own metrics: pauses cannot outlast the run they happened in.
            assertThat(role.path("gcPauseSeconds").isNumber())
                    .as(role.toString())
                    .isTrue();
            assertThat(role.path("gcPauseSeconds").asDouble())
                    .isGreaterThanOrEqualTo(0)
                    .isLessThan(role.path("seconds").asDouble());
        }
        assertThat(f.path("roles").get(0).path("role").asText()).isEqualTo("streams");
        // The streams role replayed a history: its month ends were checkpoints, its end state a refit.
        JsonNode passes = f.path("roles").get(0).path("enginePasses");
        for (String pass : new String[] {"checkpoint", "refit", "rebuild"}) {
            assertThat(passes.path(pass).path("count").asLong()).as(pass).isPositive();
            assertThat(passes.path(pass).path("longestSeconds").asDouble())
                    .as(pass)
                    .isPositive()
                    .isLessThanOrEqualTo(passes.path(pass).path("seconds").asDouble());
        }
        assertThat(f.path("roles").get(1).has("enginePasses")).isFalse();
        assertThat(f.path("roles").get(1).path("role").asText()).isEqualTo("consumers");
    }
}
