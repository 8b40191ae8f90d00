package dev.meektracker.bench;

import dev.meektracker.core.stats.NonlinearFit;
import dev.meektracker.core.stats.OnlineMultipleRegression;
import dev.meektracker.core.stats.OnlineRegression;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.stat.regression.SimpleRegression;
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
 * Cost of the incremental estimators: one add plus one remove of a point (an upsert replacing its old
 * contribution) with 10^3 or 10^6 points already accumulated, which must cost the same; the same
 * upsert on Commons Math's SimpleRegression (addData then removeData, textbook sums without the
 * centring that keeps the online regression exact) as the baseline; and a warm-started sigmoid
 * refit on 1,000 points.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar EstimatorBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EstimatorBenchmark {

    @State(Scope.Thread)
    public static class Simple {
        @Param({"1000", "1000000"})
        int accumulated;

        OnlineRegression online;
        SimpleRegression baseline;
        double[] xs = new double[1024];
        double[] ys = new double[1024];
        int i;

        @Setup(Level.Trial)
        public void setUp() {
            Random r = new Random(1);
            online = new OnlineRegression();
            baseline = new SimpleRegression();
            for (int k = 0; k < accumulated; k++) {
                double x = 2010 + 16 * r.nextDouble();
                double y = 20 + 0.6 * (x - 2010) + r.nextGaussian();
                online.add(x, y);
                baseline.addData(x, y);
            }
            for (int k = 0; k < xs.length; k++) {
                xs[k] = 2010 + 16 * r.nextDouble();
                ys[k] = 20 + 0.6 * (xs[k] - 2010) + r.nextGaussian();
            }
        }
    }

    @State(Scope.Thread)
    public static class Multiple {
        @Param({"1000", "1000000"})
        int accumulated;

        OnlineMultipleRegression online;
        double[][] xs = new double[1024][];
        double[] ys = new double[1024];
        int i;

        @Setup(Level.Trial)
        public void setUp() {
            Random r = new Random(2);
            online = new OnlineMultipleRegression(2);
            for (int k = 0; k < accumulated; k++) {
                double[] x = {22 + 4 * r.nextDouble(), 2020 + 6 * r.nextDouble()};
                online.add(x, -300 + 10 * x[0] + 0.2 * x[1] + r.nextGaussian());
            }
            for (int k = 0; k < xs.length; k++) {
                xs[k] = new double[] {22 + 4 * r.nextDouble(), 2020 + 6 * r.nextDouble()};
                ys[k] = -300 + 10 * xs[k][0] + 0.2 * xs[k][1] + r.nextGaussian();
            }
        }
    }

    @State(Scope.Thread)
    public static class Sigmoid {
        double[] x = new double[1000];
        double[] y = new double[1000];
        double[] warm;
        int i;

        @Setup(Level.Trial)
        public void setUp() {
            Random r = new Random(3);
            double[] truth = {0.55, 2.0, 24.0, 0.25};
            for (int k = 0; k < x.length; k++) {
                x[k] = 20 + 8 * r.nextDouble();
                y[k] = NonlinearFit.Curve.SIGMOID.evaluate(x[k], truth) + 0.01 * r.nextGaussian();
            }
            warm = NonlinearFit.fit(NonlinearFit.Curve.SIGMOID, x, y, null).parameters();
        }
    }

    /** An upsert: the point's old contribution out, the new one in; the state is unchanged afterwards. */
    @Benchmark
    public double simpleAddRemove(Simple s) {
        int k = s.i++ & 1023;
        s.online.add(s.xs[k], s.ys[k]);
        s.online.remove(s.xs[k], s.ys[k]);
        return s.online.slope();
    }

    /** Baseline: the same upsert on Commons Math's SimpleRegression. */
    @Benchmark
    public double simpleBaselineAddRemove(Simple s) {
        int k = s.i++ & 1023;
        s.baseline.addData(s.xs[k], s.ys[k]);
        s.baseline.removeData(s.xs[k], s.ys[k]);
        return s.baseline.getSlope();
    }

    @Benchmark
    public double multipleAddRemove(Multiple m) {
        int k = m.i++ & 1023;
        m.online.add(m.xs[k], m.ys[k], 1.0);
        m.online.remove(m.xs[k], m.ys[k], 1.0);
        return m.online.n();
    }

    /** A refit after one point changed, warm-started from the previous parameters. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public double sigmoidWarmRefit(Sigmoid s) {
        int k = s.i++ % s.y.length;
        s.y[k] += 0.001;
        NonlinearFit.Result r = NonlinearFit.fit(NonlinearFit.Curve.SIGMOID, s.x, s.y, s.warm);
        s.y[k] -= 0.001;
        return r.parameters()[2];
    }

    /** The same refit from the data's own guess, for comparison. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public double sigmoidColdRefit(Sigmoid s) {
        int k = s.i++ % s.y.length;
        s.y[k] += 0.001;
        NonlinearFit.Result r = NonlinearFit.fit(NonlinearFit.Curve.SIGMOID, s.x, s.y, null);
        s.y[k] -= 0.001;
        return r.parameters()[2];
    }

    /** Baseline: the same cold refit with the optimizer handed the full n-row problem. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public double sigmoidColdRefitFullProblem(Sigmoid s) {
        int k = s.i++ % s.y.length;
        s.y[k] += 0.001;
        NonlinearFit.Result r = NonlinearFit.fit(NonlinearFit.Curve.SIGMOID, s.x, s.y, null, NonlinearFit.Form.FULL);
        s.y[k] -= 0.001;
        return r.parameters()[2];
    }
}
