package dev.meektracker.core.stats;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The tracker's sigmoid refit ({@link NonlinearFit#fitRobust}) on 2,000 points, against the starts
 * it used before the grid (the data's guess of range, floor and slope with its midpoint at the
 * median and at x's 0.1, 0.3, 0.7 and 0.9 quantiles) in the same run. Two shapes: {@code capped},
 * log10 compute drawn around the synthetic trend's 29.6 and capped at 29.5 (more than half the
 * points share one x, the scores on the curve's plateau), and {@code spread}, compute uniform over
 * 22-30 across the whole curve, as the engine bench's hash-chosen samples are. The other baseline
 * folds every point in as a row of its own (in this package for the baseline's starts, which are
 * package-private).
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar RobustFitBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RobustFitBenchmark {

    @State(Scope.Thread)
    public static class Points {
        @Param({"capped", "spread"})
        String shape;

        final double[] x = new double[2_000];
        final double[] y = new double[2_000];

        @Setup(Level.Trial)
        public void setUp() {
            Random r = new Random(4);
            for (int k = 0; k < x.length; k++) {
                x[k] = shape.equals("capped") ? Math.min(29.5, 29.6 + r.nextGaussian()) : 22 + 8 * r.nextDouble();
                y[k] = 0.25 + 0.7 / (1 + Math.exp(-1.5 * (x[k] - 25))) + 0.02 * r.nextGaussian();
            }
        }
    }

    @Benchmark
    public double robustRefit(Points p) {
        return NonlinearFit.fitRobust(NonlinearFit.Curve.SIGMOID, p.x, p.y).rms();
    }

    /**
     * Baseline: the same refit with every point folded in as a row of its own, the 1,100 points
     * that share the capped x too.
     */
    @Benchmark
    public double robustRefitEveryPointFolded(Points p) {
        return NonlinearFit.fitRobust(NonlinearFit.Curve.SIGMOID, p.x, p.y, NonlinearFit.Form.REDUCED_EVERY_POINT)
                .rms();
    }

    /** Baseline: the five quantile starts the fit used before the grid, each distinct one once, the best kept. */
    @Benchmark
    public double robustRefitQuantileStartsBaseline(Points p) {
        NonlinearFit.Curve curve = NonlinearFit.Curve.SIGMOID;
        List<double[]> starts = NonlinearFit.quantileStarts(p.x, p.y);
        double best = Double.POSITIVE_INFINITY;
        for (double[] start : starts) {
            try {
                best = Math.min(best, NonlinearFit.fit(curve, p.x, p.y, start).rms());
            } catch (RuntimeException notConverged) {
                // as fitRobust: a start that fails leaves the others
            }
        }
        return best;
    }
}
