package dev.meektracker.core;

import dev.meektracker.core.event.BenchmarkResult;
import dev.meektracker.core.event.HardwarePrice;
import dev.meektracker.core.event.ModelRelease;
import dev.meektracker.core.event.Precision;
import dev.meektracker.core.event.ScoreScale;
import dev.meektracker.core.event.Weights;
import java.time.LocalDate;
import java.util.Map;

/** Valid example events that tests vary one field at a time. */
public final class Fixtures {

    private Fixtures() {}

    public static ModelRelease model() {
        return new ModelRelease(
                "llama-3-1-405b",
                "Llama 3.1 405B",
                "Meta AI",
                LocalDate.of(2024, 7, 23),
                "Open weights (restricted use)",
                Weights.OPEN,
                3.8e25,
                405e9,
                15.6e12,
                null,
                "Confident",
                "Meta, The Llama 3 Herd of Models (arXiv 2407.21783)",
                "test");
    }

    public static HardwarePrice hardware() {
        return new HardwarePrice(
                "nvidia-h100-sxm5-80gb",
                "NVIDIA H100 SXM5 80GB",
                "NVIDIA",
                LocalDate.of(2022, 9, 21),
                30000.0,
                null,
                Map.of(Precision.BF16_FP16_TENSOR, 9.89e14, Precision.FP8, 1.979e15, Precision.FP32, 6.7e13),
                "NVIDIA H100 datasheet",
                "test");
    }

    public static BenchmarkResult benchmark() {
        return new BenchmarkResult(
                "gpt-4o",
                "GPT-4o",
                "gpqa-diamond",
                0.51,
                ScoreScale.FRACTION,
                LocalDate.of(2024, 5, 13),
                "OpenAI",
                Weights.CLOSED,
                null,
                "Epoch AI Benchmarking Hub",
                "test");
    }
}
