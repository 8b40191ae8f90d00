package dev.meektracker.streams.engine;

import java.util.ArrayList;
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
 * An upsert's work in one of the frontier's orders: a model added to and removed from a
 * {@link SortedChunks} of 10^3 or 10^6 models in {@link ComputeFrontier}'s own compute or date
 * order (in this package because the engine's classes are package-private). {@code elementKeys}
 * false, each chunk's first key only, is the baseline in the same run; true keeps every element's
 * key beside it, as the compute orders do (the date orders do not: a day is shared by many
 * models). The models lie on the heap as a long-running engine's do (made in date order, their
 * compute drawn at random), so the loads a search makes are those of that size.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar SortedChunksBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgs = {"-Xmx2g"})
public class SortedChunksBenchmark {

    @State(Scope.Thread)
    public static class Order {
        @Param({"1000", "1000000"})
        int models;

        @Param({"compute", "date"})
        String order;

        @Param({"false", "true"})
        boolean elementKeys;

        SortedChunks<Model> set;
        final List<Model> upserts = new ArrayList<>();
        int i;

        @Setup(Level.Trial)
        public void setUp() {
            Random r = new Random(3);
            set = order.equals("compute")
                    ? new SortedChunks<>(ComputeFrontier.BY_COMPUTE, Model::compute, elementKeys)
                    : new SortedChunks<>(ComputeFrontier.BY_DATE, Model::day, elementKeys);
            for (int k = 0; k < models + 1024; k++) {
                int day = 14_610 + (int) ((long) k * 5_840 / models); // 2010-2026
                double log10 = 20 + 0.6 * (day - 14_610) / 365.0 + r.nextGaussian();
                Model m = new Model("synthetic-model-" + k, Math.pow(10, log10), day, (byte) 0, (byte) 0);
                if (k < models) {
                    set.add(m);
                } else {
                    upserts.add(m);
                }
            }
        }
    }

    /** One model in and out again: the set is the same afterwards. */
    @Benchmark
    public int addRemove(Order o) {
        Model m = o.upserts.get(o.i++ & 1023);
        o.set.add(m);
        o.set.remove(m);
        return o.set.size();
    }
}
