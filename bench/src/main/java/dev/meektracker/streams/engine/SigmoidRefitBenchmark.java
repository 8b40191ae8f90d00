package dev.meektracker.streams.engine;

import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.core.event.BenchmarkResult;
import dev.meektracker.core.event.ScoreScale;
import dev.meektracker.core.event.Weights;
import dev.meektracker.core.stats.NonlinearFit;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A benchmark sigmoid's refit as the engine bench's history of a million items makes it: one
 * benchmark of 20,000 results spread over 2010–2026 (the synthetic compute trend, capped at 10^29.5
 * FLOP, scores on 0.25 + 0.7/(1 + exp(−1.5(log10 C − 25))) with noise 0.02), of which the sigmoid
 * fits its sample of 2,000 (in this package because the board is package-private).
 *
 * <ul>
 *   <li>{@code fitInSampleOrder} against {@code fitSortedByIdBaseline}: the points handed to the fit
 *       in the sample's own order, against sorted by model id first, as the board did before.
 *   <li>{@code refitWhenThePointsStand} against {@code refitWhenASampledResultChanges}: the board's
 *       whole sigmoid pass after a result that leaves the sample as it was (a new version of a
 *       result ranked after the full sample), which republishes the kept fit, against one after a
 *       sampled result's score changes, which fits again.
 * </ul>
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar SigmoidRefitBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgs = {"-Xmx1g"})
public class SigmoidRefitBenchmark {

    private static final String BENCHMARK = "synthetic-bench";

    @State(Scope.Thread)
    public static class Board {
        BenchmarkBoard board;
        /** The sample, in its order (the hash rank, ties by id). */
        List<BenchmarkResult> sampled;
        /** Results ranked after the sample. */
        List<BenchmarkResult> unsampled;

        int i;

        @Setup(Level.Trial)
        public void setUp() {
            TrackerConfig config = TrackerConfig.defaults();
            board = new BenchmarkBoard(EngineSettings.from(config));
            Random r = new Random(1);
            List<BenchmarkResult> all = new ArrayList<>();
            for (int k = 0; k < 20_000; k++) {
                double years = 16.0 * k / 20_000;
                double log10 = 20 + 0.6 * years + r.nextGaussian();
                double score = 0.25 + 0.7 / (1 + Math.exp(-1.5 * (log10 - 25))) + 0.02 * r.nextGaussian();
                BenchmarkResult result = result(
                        "synthetic-model-" + k,
                        Math.max(0, Math.min(1, score)),
                        LocalDate.of(2010, 1, 1).plusDays((long) (years * 365)),
                        Math.pow(10, Math.min(29.5, log10)));
                all.add(result);
                board.upsert(result);
            }
            List<BenchmarkResult> ranked = all.stream()
                    .sorted(Comparator.comparingLong((BenchmarkResult b) -> BenchmarkBoard.sampleRank(b.modelId()))
                            .thenComparing(BenchmarkResult::modelId))
                    .toList();
            int cap = EngineSettings.from(config).sigmoidMaxPoints();
            sampled = ranked.subList(0, cap);
            unsampled = ranked.subList(cap, ranked.size());
            board.emitSigmoids(new Outputs());
        }

        /**
         * A new version of the next of {@code results} in turn: its first score moved one way at one visit
         * and back at the next, so every version differs from the one held and the scores stay put.
         */
        BenchmarkResult nextVersion(List<BenchmarkResult> results) {
            int k = i++;
            BenchmarkResult old = results.get(k % results.size());
            // Away from the nearer end of the scale first: a clamped score would be the version held.
            double step = ((k / results.size()) % 2 == 0 ? 1 : -1) * (old.score() < 0.5 ? 1e-3 : -1e-3);
            return result(
                    old.modelId(), Math.max(0, Math.min(1, old.score() + step)), old.date(), old.trainingComputeFlop());
        }
    }

    private static BenchmarkResult result(String model, double score, LocalDate date, double flop) {
        return new BenchmarkResult(
                model,
                model,
                BENCHMARK,
                score,
                ScoreScale.FRACTION,
                date,
                null,
                model.hashCode() % 2 == 0 ? Weights.OPEN : Weights.CLOSED,
                flop,
                "synthetic",
                "bench");
    }

    @Benchmark
    public double fitInSampleOrder(Board b) {
        int n = b.sampled.size();
        double[] x = new double[n];
        double[] y = new double[n];
        int k = 0;
        for (BenchmarkResult r : b.sampled) {
            x[k] = Math.log10(r.trainingComputeFlop());
            y[k++] = r.scale().toFraction(r.score());
        }
        return NonlinearFit.fitRobust(NonlinearFit.Curve.SIGMOID, x, y).rms();
    }

    /** Baseline: the points sorted by model id first, and read by streams, as the board did before. */
    @Benchmark
    public double fitSortedByIdBaseline(Board b) {
        List<BenchmarkResult> points = b.sampled.stream()
                .sorted(Comparator.comparing(BenchmarkResult::modelId))
                .toList();
        double[] x = points.stream()
                .mapToDouble(r -> Math.log10(r.trainingComputeFlop()))
                .toArray();
        double[] y = points.stream()
                .mapToDouble(r -> r.scale().toFraction(r.score()))
                .toArray();
        return NonlinearFit.fitRobust(NonlinearFit.Curve.SIGMOID, x, y).rms();
    }

    @Benchmark
    public Outputs refitWhenThePointsStand(Board b) {
        return sigmoidPassAfterANewVersionOf(b, b.unsampled);
    }

    /** Baseline: a sampled result's new score changes the points, and the pass fits again. */
    @Benchmark
    public Outputs refitWhenASampledResultChanges(Board b) {
        return sigmoidPassAfterANewVersionOf(b, b.sampled);
    }

    private static Outputs sigmoidPassAfterANewVersionOf(Board b, List<BenchmarkResult> results) {
        b.board.upsert(b.nextVersion(results));
        Outputs out = new Outputs();
        b.board.emitSigmoids(out);
        return out;
    }
}
