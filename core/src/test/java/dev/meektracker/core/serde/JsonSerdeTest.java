package dev.meektracker.core.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meektracker.core.Fixtures;
import dev.meektracker.core.event.BenchmarkResult;
import dev.meektracker.core.event.DeadLetter;
import dev.meektracker.core.event.Estimate;
import dev.meektracker.core.event.GapEstimate;
import dev.meektracker.core.event.HardwarePrice;
import dev.meektracker.core.event.ModelRelease;
import dev.meektracker.core.event.ScalingFit;
import dev.meektracker.core.event.TrackerEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class JsonSerdeTest {

    private static <T> T roundTrip(T value, Class<T> type) {
        JsonSerde<T> serde = JsonSerde.of(type);
        byte[] bytes = serde.serializer().serialize("t", value);
        return serde.deserializer().deserialize("t", bytes);
    }

    @Test
    void modelReleaseRoundTripsWithItsLogicalTypeName() {
        ModelRelease m = Fixtures.model();
        assertThat(roundTrip(m, ModelRelease.class)).isEqualTo(m);
        String json = new String(JsonSerde.of(ModelRelease.class).toBytes(m), StandardCharsets.UTF_8);
        assertThat(json)
                .contains("\"_t\":\"model-release\"")
                .contains("\"releaseDate\":\"2024-07-23\"")
                .contains("\"weights\":\"open\"")
                .doesNotContain("dev.meektracker");
    }

    @Test
    void hardwarePriceRoundTrips() {
        HardwarePrice h = Fixtures.hardware();
        assertThat(roundTrip(h, HardwarePrice.class)).isEqualTo(h);
        assertThat(new String(JsonSerde.of(HardwarePrice.class).toBytes(h), StandardCharsets.UTF_8))
                .contains("\"bf16-fp16-tensor\"");
    }

    @Test
    void benchmarkResultRoundTrips() {
        BenchmarkResult b = Fixtures.benchmark();
        assertThat(roundTrip(b, BenchmarkResult.class)).isEqualTo(b);
        assertThat(b.key()).isEqualTo("gpqa-diamond/gpt-4o");
    }

    @Test
    void outputsRoundTrip() throws Exception {
        ScalingFit fit = new ScalingFit(
                "frontier-compute",
                "ols",
                LocalDate.of(2025, 1, 1),
                LocalDate.of(2010, 1, 1),
                LocalDate.of(2025, 1, 1),
                40,
                0.9,
                new Estimate(4.5, "times/year", 0.1, 4.2, 4.8),
                Estimate.of(0.46, "years"),
                Map.of("slope", new Estimate(0.65, "OOM/year", 0.02, 0.62, 0.68)),
                null);
        assertThat(roundTrip(fit, ScalingFit.class)).isEqualTo(fit);
        // Every serde writes a tracker event as the same bytes (JsonSerde reuses them for the same
        // instance): written fresh through each declared type, they agree.
        String asFit =
                new String(Json.MAPPER.writerFor(ScalingFit.class).writeValueAsBytes(fit), StandardCharsets.UTF_8);
        String asEvent =
                new String(Json.MAPPER.writerFor(TrackerEvent.class).writeValueAsBytes(fit), StandardCharsets.UTF_8);
        assertThat(asFit).isEqualTo(asEvent).contains("\"_t\":\"scaling-fit\"");
        assertThat(JsonSerde.of(TrackerEvent.class).toBytes(fit))
                .as("the same instance's bytes, reused")
                .isSameAs(JsonSerde.of(ScalingFit.class).toBytes(fit));
        GapEstimate gap = new GapEstimate(
                "compute/open-vs-closed",
                "compute",
                LocalDate.of(2025, 1, 1),
                0.7,
                "orders of magnitude",
                null,
                null,
                11.5,
                Map.of("closedLeader", "grok-4"),
                "test");
        assertThat(roundTrip(gap, GapEstimate.class)).isEqualTo(gap);
        DeadLetter dl = new DeadLetter(
                "bad", "validation", "model-releases", 1, 42, "k", "{}", Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(roundTrip(dl, DeadLetter.class)).isEqualTo(dl);
    }

    @Test
    void polymorphicReadUsesTheTypeName() throws Exception {
        byte[] bytes = JsonSerde.of(ModelRelease.class).toBytes(Fixtures.model());
        TrackerEvent e = Json.MAPPER.readValue(bytes, TrackerEvent.class);
        assertThat(e).isInstanceOf(ModelRelease.class);
    }

    @Test
    void unknownPropertiesAreIgnoredAndTypeNameIsOptionalForAConcreteType() {
        String json =
                "{\"id\":\"x\",\"name\":\"X\",\"releaseDate\":\"2024-01-01\",\"weights\":\"closed\",\"addedInV9\":true}";
        ModelRelease m = JsonSerde.of(ModelRelease.class).fromBytes(json.getBytes(StandardCharsets.UTF_8));
        assertThat(m.id()).isEqualTo("x");
        assertThat(m.weights().wire()).isEqualTo("closed");
    }

    @Test
    void brokenInputNamesTheProblem() {
        JsonSerde<ModelRelease> serde = JsonSerde.of(ModelRelease.class);
        assertThatThrownBy(() -> serde.fromBytes("{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not a valid ModelRelease");
        assertThatThrownBy(() -> serde.fromBytes(
                        "{\"id\":\"x\",\"releaseDate\":\"yesterday\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("releaseDate");
        assertThatThrownBy(
                        () -> serde.fromBytes("{\"id\":\"x\",\"weights\":\"ajar\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("weights");
        // A record whose value is an array was read as a type id and its first element ("got '1'").
        assertThatThrownBy(() -> serde.fromBytes("[1,2]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessage("not a valid ModelRelease: expected a JSON object, got an array");
        assertThatThrownBy(() -> serde.fromBytes("42".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("not a valid ModelRelease: expected a JSON object, got a number");
    }

    @Test
    void datesReadAsJavaTimeModuleReadsThemWithItsErrors() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper standard = com.fasterxml.jackson.databind.json.JsonMapper.builder()
                .addModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
                .build();
        for (String json : new String[] {
            "\"2024-07-02\"",
            "\"0001-01-01\"",
            "\"2024-02-29\"",
            "\"2023-02-29\"",
            "\"2024-13-01\"",
            "\"2024-00-10\"",
            "\"2024-1-02\"",
            "\"24-01-02\"",
            "\"2024/01/02\"",
            "\"+12024-01-02\"",
            "\"2024-01-0x\"",
            "\"２０２４-01-02\"",
            "\" 2024-01-02\"",
            "\"\"",
            "null"
        }) {
            Object want;
            try {
                want = standard.readValue(json, LocalDate.class);
            } catch (Exception e) {
                want = e.getClass();
            }
            Object got;
            try {
                got = Json.MAPPER.readValue(json, LocalDate.class);
            } catch (Exception e) {
                got = e.getClass();
            }
            assertThat(got).as(json).isEqualTo(want);
        }
        // Not text: JavaTimeModule reads 20000 as days since 1970 and [2024,7,2] as a date; the tracker refuses them.
        for (String json : new String[] {"[2024,7,2]", "20000", "2.5", "true", "{\"y\":2024}"}) {
            assertThatThrownBy(() -> Json.MAPPER.readValue(json, LocalDate.class))
                    .as(json)
                    .isInstanceOf(com.fasterxml.jackson.databind.exc.MismatchedInputException.class);
        }
    }
}
