package dev.meektracker.core.model;

import java.util.OptionalDouble;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a projection asks of each of its scenarios: the year the gap falls below the alert threshold
 * for good (its peak first, then the crossing after it). {@code yearsBelowThreshold} takes the peak in
 * closed form and brackets the crossing by doubling steps; the baseline in the same run is the
 * numeric search it replaced for these scenarios (a 250-step scan and Brent for the peak, a scan in
 * 0.05-year steps and Brent for the crossing). The scenarios are spread like the projections' tiers:
 * meek budgets from 10⁻⁶ to 10⁻¹ of the frontier's, the paper's law and Besiroglu's.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar GapSearchBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GapSearchBenchmark {

    static final double THRESHOLD_NATS = 0.05;

    @State(Scope.Thread)
    public static class Scenarios {
        final GapScenario[] scenarios = new GapScenario[64];
        int i;

        @Setup(Level.Trial)
        public void setUp() {
            Random r = new Random(8);
            for (int k = 0; k < scenarios.length; k++) {
                double frontier = Math.pow(10, 8 + 2 * r.nextDouble());
                scenarios[k] = new GapScenario(
                        k % 2 == 0 ? ComputeLaw.PAPER : ChinchillaLaw.BESIROGLU.reduce(),
                        frontier * Math.pow(10, -6 + 5 * r.nextDouble()),
                        frontier,
                        1e17 * (1 + r.nextDouble()),
                        1.2 + 0.4 * r.nextDouble(),
                        2 + 2 * r.nextDouble(),
                        SpendingSchedule.exponential(1.5 + 3 * r.nextDouble()));
            }
        }

        GapScenario next() {
            return scenarios[i++ & (scenarios.length - 1)];
        }
    }

    @Benchmark
    public double yearsBelowThreshold(Scenarios s) {
        return s.next().yearsBelowThreshold(THRESHOLD_NATS).orElse(-1);
    }

    /** Baseline: the numeric peak and the scanned crossing. */
    @Benchmark
    public double yearsBelowThresholdNumeric(Scenarios s) {
        GapScenario g = s.next();
        double peak = GapScenario.argmax(g::lossGap, 0, GapScenario.SEARCH_HORIZON_YEARS);
        if (g.lossGap(peak) <= THRESHOLD_NATS) {
            return 0;
        }
        OptionalDouble t = GapScenario.firstCrossingAfter(
                x -> g.lossGap(x) - THRESHOLD_NATS, peak, GapScenario.SEARCH_HORIZON_YEARS);
        return t.orElse(-1);
    }
}
