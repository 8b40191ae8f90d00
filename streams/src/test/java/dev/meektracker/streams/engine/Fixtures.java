package dev.meektracker.streams.engine;

import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.core.event.BenchmarkResult;
import dev.meektracker.core.event.HardwarePrice;
import dev.meektracker.core.event.ModelRelease;
import dev.meektracker.core.event.Precision;
import dev.meektracker.core.event.ScoreScale;
import dev.meektracker.core.event.Weights;
import java.time.LocalDate;
import java.util.Map;

/** Hand-made items for the engine's unit tests. */
final class Fixtures {

    static final EngineSettings SETTINGS = EngineSettings.from(TrackerConfig.defaults());

    private Fixtures() {}

    static ModelRelease model(String id, String date, Weights w, double flop) {
        return new ModelRelease(
                id, id, null, LocalDate.parse(date), null, w, flop, null, null, null, null, "test", "test");
    }

    static HardwarePrice gpu(
            String id, String date, Double priceUsd, Double rentalUsdPerHour, double fp16FlopPerSecond) {
        return new HardwarePrice(
                id,
                id,
                "maker",
                LocalDate.parse(date),
                priceUsd,
                rentalUsdPerHour,
                Map.of(Precision.BF16_FP16_TENSOR, fp16FlopPerSecond),
                "test",
                "test");
    }

    static BenchmarkResult score(
            String benchmark, String model, String date, Weights w, double score, ScoreScale scale, Double flop) {
        return new BenchmarkResult(
                model, model, benchmark, score, scale, LocalDate.parse(date), null, w, flop, "test", "test");
    }
}
