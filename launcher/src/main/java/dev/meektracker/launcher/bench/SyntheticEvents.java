package dev.meektracker.launcher.bench;

import dev.meektracker.core.event.BenchmarkResult;
import dev.meektracker.core.event.HardwarePrice;
import dev.meektracker.core.event.InputEvent;
import dev.meektracker.core.event.ModelRelease;
import dev.meektracker.core.event.Precision;
import dev.meektracker.core.event.ScoreScale;
import dev.meektracker.core.event.Weights;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A reproducible synthetic history shaped like the real one: 80 % model releases whose compute
 * follows a 4×/year trend with scatter, 10 % hardware prices on a 1.4×/year price-performance trend,
 * 10 % benchmark scores (five bounded benchmarks, sigmoid in compute; half with a standard error),
 * dated 2010–2026, in date order.
 */
public final class SyntheticEvents {

    private SyntheticEvents() {}

    private static final LocalDate ORIGIN = LocalDate.of(2010, 1, 1);

    /**
     * Half the scores state a standard error (0.01-0.03), as Epoch's GPQA Diamond runs and LMArena's
     * intervals do: the gap's range then runs on every benchmark. Taken from the event's number, not
     * from the generator, so the rest of the history is the one earlier benches ran on.
     */
    private static Double stdErr(int i) {
        long h = (i + 1) * 0x9e3779b97f4a7c15L;
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h ^= h >>> 31;
        return (h & 1) == 0 ? null : 0.01 + 0.02 * ((h >>> 11) * 0x1.0p-53);
    }

    public static List<InputEvent> generate(int n, long seed) {
        return generate(n, seed, ORIGIN, 16 * 365, 0);
    }

    /**
     * {@code n} events dated evenly over {@code days} days from {@code start}, on the same trends
     * (which start in 2010), numbered from {@code firstId} so that a batch made after another does
     * not reuse its ids.
     */
    public static List<InputEvent> generate(int n, long seed, LocalDate start, int days, int firstId) {
        Random r = new Random(seed);
        List<InputEvent> events = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            int i = firstId + k;
            LocalDate date = start.plusDays((long) k * days / n);
            double years = (date.toEpochDay() - ORIGIN.toEpochDay()) / 365.0;
            int kind = r.nextInt(10);
            if (kind < 8) {
                double log10 = 20 + 0.6 * years + r.nextGaussian();
                Weights w = r.nextInt(3) == 0 ? Weights.OPEN : Weights.CLOSED;
                events.add(new ModelRelease(
                        "synthetic-model-" + i,
                        "Synthetic model " + i,
                        "Lab " + r.nextInt(50),
                        date,
                        w == Weights.OPEN ? "Open weights (unrestricted)" : "API access",
                        w,
                        Math.pow(10, Math.min(29.5, log10)),
                        Math.pow(10, 9 + r.nextDouble() * 3),
                        Math.pow(10, 11 + r.nextDouble() * 2),
                        null,
                        "Likely",
                        "synthetic",
                        "bench:" + i));
            } else if (kind == 8) {
                double flops = Math.pow(10, 13 + 0.146 * years + 0.2 * r.nextGaussian());
                events.add(new HardwarePrice(
                        "synthetic-gpu-" + i,
                        "Synthetic GPU " + i,
                        "Vendor",
                        date,
                        1000 + r.nextInt(30000) * 1.0,
                        null,
                        Map.of(Precision.BF16_FP16_TENSOR, flops, Precision.FP32, flops / 8),
                        "synthetic",
                        "bench:" + i));
            } else {
                double log10 = 20 + 0.6 * years + r.nextGaussian();
                double score = 0.25 + 0.7 / (1 + Math.exp(-1.5 * (log10 - 25))) + 0.02 * r.nextGaussian();
                events.add(new BenchmarkResult(
                        "synthetic-model-" + i,
                        "Synthetic model " + i,
                        "synthetic-bench-" + r.nextInt(5),
                        Math.max(0, Math.min(1, score)),
                        ScoreScale.FRACTION,
                        date,
                        null,
                        r.nextBoolean() ? Weights.OPEN : Weights.CLOSED,
                        Math.pow(10, Math.min(29.5, log10)),
                        "synthetic",
                        "bench:" + i,
                        stdErr(i),
                        null));
            }
        }
        return events;
    }
}
