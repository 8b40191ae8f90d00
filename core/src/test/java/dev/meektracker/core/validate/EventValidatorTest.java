package dev.meektracker.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meektracker.core.Fixtures;
import dev.meektracker.core.event.BenchmarkResult;
import dev.meektracker.core.event.HardwarePrice;
import dev.meektracker.core.event.ModelRelease;
import dev.meektracker.core.event.Precision;
import dev.meektracker.core.event.ScoreScale;
import dev.meektracker.core.event.Weights;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One test per rule: the valid fixture with one field broken gives exactly that field's reason. */
class EventValidatorTest {

    private final EventValidator validator =
            new EventValidator(Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC), Duration.ofDays(2));

    private static ModelRelease model(
            String id, String name, LocalDate date, Weights weights, Double compute, Double params) {
        ModelRelease f = Fixtures.model();
        return new ModelRelease(
                id,
                name,
                f.organization(),
                date,
                f.accessibility(),
                weights,
                compute,
                params,
                f.trainingTokens(),
                f.trainingCostUsd(),
                f.computeConfidence(),
                f.source(),
                f.provenance());
    }

    private static ModelRelease model(Double compute) {
        ModelRelease f = Fixtures.model();
        return model(f.id(), f.name(), f.releaseDate(), f.weights(), compute, f.parameters());
    }

    private static void assertOnly(List<Violation> violations, String field, String reasonPart) {
        assertThat(violations).hasSize(1);
        assertThat(violations.get(0).field()).isEqualTo(field);
        assertThat(violations.get(0).reason()).contains(reasonPart);
    }

    @Test
    void fixturesAreValid() {
        assertThat(validator.validate(Fixtures.model())).isEmpty();
        assertThat(validator.validate(Fixtures.hardware())).isEmpty();
        assertThat(validator.validate(Fixtures.benchmark())).isEmpty();
    }

    @Test
    void idIsRequired() {
        ModelRelease f = Fixtures.model();
        assertOnly(validator.validate(model(" ", f.name(), f.releaseDate(), f.weights(), 1e24, 1e9)), "id", "required");
    }

    @Test
    void idMustBeAStableSlug() {
        ModelRelease f = Fixtures.model();
        assertOnly(
                validator.validate(model("Llama 3", f.name(), f.releaseDate(), f.weights(), 1e24, 1e9)),
                "id",
                "not a stable id");
    }

    @Test
    void nameIsRequired() {
        ModelRelease f = Fixtures.model();
        assertOnly(
                validator.validate(model(f.id(), null, f.releaseDate(), f.weights(), 1e24, 1e9)), "name", "required");
    }

    @Test
    void releaseDateIsRequired() {
        ModelRelease f = Fixtures.model();
        assertOnly(
                validator.validate(model(f.id(), f.name(), null, f.weights(), 1e24, 1e9)), "releaseDate", "required");
    }

    @Test
    void datesFarInTheFutureAreRejectedButSkewIsAllowed() {
        ModelRelease f = Fixtures.model();
        assertOnly(
                validator.validate(model(f.id(), f.name(), LocalDate.of(2027, 6, 1), f.weights(), 1e24, 1e9)),
                "releaseDate",
                "in the future");
        assertThat(validator.validate(model(f.id(), f.name(), LocalDate.of(2026, 11, 24), f.weights(), 1e24, 1e9)))
                .isEmpty();
    }

    @Test
    void datesBefore1950AreRejected() {
        ModelRelease f = Fixtures.model();
        assertOnly(
                validator.validate(model(f.id(), f.name(), LocalDate.of(1900, 1, 1), f.weights(), 1e24, 1e9)),
                "releaseDate",
                "before 1950");
    }

    @Test
    void weightsMustBeExplicit() {
        ModelRelease f = Fixtures.model();
        assertOnly(
                validator.validate(model(f.id(), f.name(), f.releaseDate(), null, 1e24, 1e9)),
                "weights",
                "open, closed or unknown");
    }

    @Test
    void computeMustBeFinite() {
        assertOnly(validator.validate(model(Double.NaN)), "trainingComputeFlop", "finite");
        assertOnly(validator.validate(model(Double.POSITIVE_INFINITY)), "trainingComputeFlop", "finite");
    }

    @Test
    void computeMustBePlausible() {
        assertOnly(validator.validate(model(-1e24)), "trainingComputeFlop", "plausible range");
        assertOnly(validator.validate(model(5e31)), "trainingComputeFlop", "plausible range");
        assertOnly(validator.validate(model(0.0)), "trainingComputeFlop", "plausible range");
        assertOnly(validator.validate(model(0.5)), "trainingComputeFlop", "plausible range");
        assertThat(validator.validate(model((Double) null))).isEmpty();
    }

    /** Epoch's historical models: Theseus (1950) 40 FLOP, ADALINE 6,600, Perceptron Mark I 6.949e5. */
    @Test
    void historicalComputeIsValid() {
        assertThat(validator.validate(model(40.0))).isEmpty();
        assertThat(validator.validate(model(6600.0))).isEmpty();
        assertThat(validator.validate(model(6.949e5))).isEmpty();
        assertThat(validator.validate(model(1.0))).isEmpty();
    }

    /** A log10 value sent as FLOP has a fraction no count of operations has. */
    @Test
    void log10ComputeIsRejected() {
        assertOnly(validator.validate(model(25.3)), "trainingComputeFlop", "not its log10");
        assertOnly(validator.validate(model(999.5)), "trainingComputeFlop", "not its log10");
        assertThat(validator.validate(model(1000.5))).isEmpty();
    }

    @Test
    void parametersMustBePositive() {
        ModelRelease f = Fixtures.model();
        assertOnly(
                validator.validate(model(f.id(), f.name(), f.releaseDate(), f.weights(), 1e24, -5.0)),
                "parameters",
                "positive");
    }

    @Test
    void parametersMustBePlausible() {
        ModelRelease f = Fixtures.model();
        assertOnly(
                validator.validate(model(f.id(), f.name(), f.releaseDate(), f.weights(), 1e24, 1e300)),
                "parameters",
                "must be at most 1.000e+16 parameters, not 1.000e+300 parameters");
        // Epoch's largest, Persia's 100 trillion, passes.
        assertThat(validator.validate(model(f.id(), f.name(), f.releaseDate(), f.weights(), 1e24, 1e14)))
                .isEmpty();
    }

    @Test
    void textsHaveNoControlCharactersButLineBreaks() {
        ModelRelease f = Fixtures.model();
        assertOnly(
                validator.validate(model(f.id(), "M\u00001", f.releaseDate(), f.weights(), 1e24, null)),
                "name",
                "has a control character, U+0000, at character 2: only tab, line feed and carriage return");
        assertOnly(
                validator.validate(model(f.id(), "\u001b[2JM", f.releaseDate(), f.weights(), 1e24, null)),
                "name",
                "U+001B");
        assertOnly(
                validator.validate(model(f.id(), "M\u0085", f.releaseDate(), f.weights(), 1e24, null)),
                "name",
                "U+0085");
        // Epoch's own: "Cosmos-1.0-\nDiffusion-14B Video2World", and letters of any script.
        assertThat(validator.validate(
                        model(f.id(), "Cosmos-1.0-\nDiffusion\t14B 无涯", f.releaseDate(), f.weights(), 1e24, null)))
                .isEmpty();
        ModelRelease badSource = new ModelRelease(
                f.id(),
                f.name(),
                f.organization(),
                f.releaseDate(),
                f.accessibility(),
                f.weights(),
                f.trainingComputeFlop(),
                f.parameters(),
                f.trainingTokens(),
                f.trainingCostUsd(),
                f.computeConfidence(),
                "x".repeat(5001),
                f.provenance());
        assertOnly(validator.validate(badSource), "source", "at most 5000 characters, not 5001");
    }

    @Test
    void hardwareNeedsAPrice() {
        HardwarePrice f = Fixtures.hardware();
        HardwarePrice h = new HardwarePrice(
                f.id(),
                f.name(),
                f.manufacturer(),
                f.date(),
                null,
                null,
                f.flopPerSecond(),
                f.source(),
                f.provenance());
        assertOnly(validator.validate(h), "purchasePriceUsd", "purchase price");
    }

    @Test
    void hardwarePricesMustBePositive() {
        HardwarePrice f = Fixtures.hardware();
        HardwarePrice h = new HardwarePrice(
                f.id(), f.name(), f.manufacturer(), f.date(), 0.0, null, f.flopPerSecond(), f.source(), f.provenance());
        assertOnly(validator.validate(h), "purchasePriceUsd", "positive");
        HardwarePrice rental = new HardwarePrice(
                f.id(), f.name(), f.manufacturer(), f.date(), null, 2.5, f.flopPerSecond(), f.source(), f.provenance());
        assertThat(validator.validate(rental)).isEmpty();
    }

    @Test
    void hardwareNeedsPlausibleFlops() {
        HardwarePrice f = Fixtures.hardware();
        HardwarePrice none = new HardwarePrice(
                f.id(), f.name(), f.manufacturer(), f.date(), 1000.0, null, Map.of(), f.source(), f.provenance());
        assertOnly(validator.validate(none), "flopPerSecond", "at least one");
        HardwarePrice absurd = new HardwarePrice(
                f.id(),
                f.name(),
                f.manufacturer(),
                f.date(),
                1000.0,
                null,
                Map.of(Precision.FP32, 1e25),
                f.source(),
                f.provenance());
        assertOnly(validator.validate(absurd), "flopPerSecond.fp32", "plausible range");
    }

    @Test
    void aFormatWrittenNullIsAFormatNotStated() throws Exception {
        // {"fp16": null} failed the row with "Cannot construct instance of HardwarePrice, problem: null value".
        String json = dev.meektracker.core.serde.Json.write(Fixtures.hardware())
                .replaceFirst("\"flopPerSecond\":\\{", "\"flopPerSecond\":{\"fp16\":null,");
        HardwarePrice read = dev.meektracker.core.serde.Json.MAPPER.readValue(json, HardwarePrice.class);
        assertThat(read).isEqualTo(Fixtures.hardware());
        String onlyNull = json.replaceFirst("\"flopPerSecond\":\\{[^}]*}", "\"flopPerSecond\":{\"fp32\":null}");
        HardwarePrice none = dev.meektracker.core.serde.Json.MAPPER.readValue(onlyNull, HardwarePrice.class);
        assertOnly(validator.validate(none), "flopPerSecond", "at least one");
    }

    @Test
    void benchmarkScoreMustLieOnItsScale() {
        BenchmarkResult f = Fixtures.benchmark();
        BenchmarkResult b = new BenchmarkResult(
                f.modelId(),
                f.modelName(),
                f.benchmarkId(),
                51.0,
                ScoreScale.FRACTION,
                f.date(),
                f.organization(),
                f.weights(),
                null,
                f.source(),
                f.provenance());
        assertOnly(validator.validate(b), "score", "outside the fraction scale");
        BenchmarkResult percent = new BenchmarkResult(
                f.modelId(),
                f.modelName(),
                f.benchmarkId(),
                51.0,
                ScoreScale.PERCENT,
                f.date(),
                f.organization(),
                f.weights(),
                null,
                f.source(),
                f.provenance());
        assertThat(validator.validate(percent)).isEmpty();
    }

    @Test
    void benchmarkNeedsAScaleAndAScore() {
        BenchmarkResult f = Fixtures.benchmark();
        assertOnly(
                validator.validate(new BenchmarkResult(
                        f.modelId(),
                        f.modelName(),
                        f.benchmarkId(),
                        0.5,
                        null,
                        f.date(),
                        f.organization(),
                        f.weights(),
                        null,
                        f.source(),
                        f.provenance())),
                "scale",
                "required");
        assertOnly(
                validator.validate(new BenchmarkResult(
                        f.modelId(),
                        f.modelName(),
                        f.benchmarkId(),
                        null,
                        ScoreScale.FRACTION,
                        f.date(),
                        f.organization(),
                        f.weights(),
                        null,
                        f.source(),
                        f.provenance())),
                "score",
                "required");
        assertOnly(
                validator.validate(new BenchmarkResult(
                        f.modelId(),
                        f.modelName(),
                        f.benchmarkId(),
                        Double.NaN,
                        ScoreScale.FRACTION,
                        f.date(),
                        f.organization(),
                        f.weights(),
                        null,
                        f.source(),
                        f.provenance())),
                "score",
                "finite");
    }

    @Test
    void benchmarkIdMustBeASlug() {
        BenchmarkResult f = Fixtures.benchmark();
        assertOnly(
                validator.validate(new BenchmarkResult(
                        f.modelId(),
                        f.modelName(),
                        "GPQA Diamond",
                        0.5,
                        ScoreScale.FRACTION,
                        f.date(),
                        f.organization(),
                        f.weights(),
                        null,
                        f.source(),
                        f.provenance())),
                "benchmarkId",
                "not a stable id");
    }

    @Test
    void epochAccessibilityMapping() {
        assertThat(Weights.fromEpochAccessibility("Open weights (non-commercial)"))
                .isEqualTo(Weights.OPEN);
        assertThat(Weights.fromEpochAccessibility("Hosted access (no API)")).isEqualTo(Weights.CLOSED);
        assertThat(Weights.fromEpochAccessibility("")).isEqualTo(Weights.UNKNOWN);
        // Case and white space are not part of the value.
        assertThat(Weights.fromEpochAccessibility(" open weights  (Unrestricted)\t"))
                .isEqualTo(Weights.OPEN);
        assertThat(Weights.fromEpochAccessibility("API ACCESS")).isEqualTo(Weights.CLOSED);
        assertThat(Weights.fromEpochAccessibility("Open weights")).isEqualTo(Weights.UNKNOWN);
        assertThat(Weights.fromEpochAccessibility("Open weights (unrestricted) or API"))
                .isEqualTo(Weights.UNKNOWN);
    }

    @Test
    void aStableIdIsWhatItsPatternSays() {
        // The definition the character check replaced, against every short string over the characters
        // it cares about and some it does not (upper case, space, other punctuation, non-ASCII).
        java.util.regex.Pattern pattern = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9._:+/-]*");
        String alphabet = "az09._:+/-A Z!@\u00e9\u0131";
        java.util.List<String> strings = new java.util.ArrayList<>(List.of(""));
        for (int length = 1; length <= 3; length++) {
            java.util.List<String> longer = new java.util.ArrayList<>();
            for (String s : strings) {
                if (s.length() == length - 1) {
                    for (char c : alphabet.toCharArray()) {
                        longer.add(s + c);
                    }
                }
            }
            strings.addAll(longer);
        }
        strings.addAll(List.of("gpt-4o", "epoch:openai/gpt-4.5+preview_2", "Gpt-4", "gpt 4", "-gpt", ".a", "a\n"));
        for (String s : strings) {
            assertThat(EventValidator.stableId(s))
                    .as(s)
                    .isEqualTo(pattern.matcher(s).matches());
        }
    }
}
