package dev.meektracker.streams.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.meektracker.core.event.BenchmarkResult;
import dev.meektracker.core.event.ScoreScale;
import dev.meektracker.core.event.Weights;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Each draw's best, kept through adds, removals and re-adds, is the best a walk over every current
 * result finds, to the bit, whatever order the results came in; and the draws are normals around
 * the scores with their standard errors.
 */
class ScoreDrawsTest {

    private static final int DRAWS = 201; // odd: the last draw has no pair
    private static final Comparator<BenchmarkResult> DESCENDING = Comparator.comparingDouble(BenchmarkResult::score)
            .thenComparing(BenchmarkResult::modelId)
            .reversed();

    private static BenchmarkResult result(String model, double score, Double stdErr) {
        return new BenchmarkResult(
                model,
                model,
                "bench",
                score,
                ScoreScale.FRACTION,
                LocalDate.of(2025, 1, 1),
                null,
                Weights.OPEN,
                null,
                "test",
                "test",
                stdErr,
                null);
    }

    /** The definition: in each draw, the largest of every current result's drawn score. */
    private static double[] bruteForce(ScoreDraws draws, List<BenchmarkResult> current) {
        double[] best = new double[DRAWS];
        for (int s = 0; s < DRAWS; s++) {
            best[s] = Double.NEGATIVE_INFINITY;
            for (BenchmarkResult r : current) {
                best[s] = Math.max(best[s], draws.draw(r, s));
            }
        }
        return best;
    }

    private static List<BenchmarkResult> descending(List<BenchmarkResult> current) {
        List<BenchmarkResult> sorted = new ArrayList<>(current);
        sorted.sort(DESCENDING);
        return sorted;
    }

    @Test
    void keptUpToDateItEqualsTheDefinitionAndARebuildThroughRandomChanges() {
        Random random = new Random(11);
        ScoreDraws kept = new ScoreDraws(DRAWS, 42);
        List<BenchmarkResult> current = new ArrayList<>();
        for (int step = 0; step < 3_000; step++) {
            if (!current.isEmpty() && random.nextInt(4) == 0) {
                // Often the leader, whose removal makes most draws stale.
                BenchmarkResult gone =
                        random.nextBoolean() ? descending(current).get(0) : current.get(random.nextInt(current.size()));
                current.remove(gone);
                kept.remove(gone);
            } else {
                // Scores on a coarse grid (ties), errors from none to wide, a model id seen before now and then.
                double score = random.nextInt(20) / 20.0;
                Double se = random.nextInt(4) == 0 ? null : random.nextInt(5) == 0 ? 0.3 : random.nextDouble() * 0.05;
                String model = "m" + random.nextInt(2_000);
                if (current.stream().anyMatch(r -> r.modelId().equals(model))) {
                    continue;
                }
                BenchmarkResult r = result(model, score, se);
                current.add(r);
                kept.add(r);
            }
            if (step % 97 == 0 && !current.isEmpty()) {
                double[] expected = bruteForce(kept, current);
                assertThat(kept.best(descending(current))).containsExactly(expected);
                ScoreDraws rebuilt = new ScoreDraws(DRAWS, 42);
                current.forEach(rebuilt::add);
                assertThat(rebuilt.best(descending(current))).containsExactly(expected);
            }
        }
    }

    @Test
    void theOrderResultsComeInChangesNothing() {
        Random random = new Random(5);
        List<BenchmarkResult> results = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            results.add(result("model-" + i, 0.5 + 0.4 * random.nextDouble(), 0.01 + 0.04 * random.nextDouble()));
        }
        ScoreDraws a = new ScoreDraws(DRAWS, 42);
        a.best(List.of()); // kept from the start, every result an update
        results.forEach(a::add);
        List<BenchmarkResult> shuffled = new ArrayList<>(results);
        Collections.shuffle(shuffled, new Random(9));
        ScoreDraws b = new ScoreDraws(DRAWS, 42);
        shuffled.forEach(b::add);
        assertThat(a.best(descending(results))).containsExactly(b.best(descending(results)));
        ScoreDraws otherSeed = new ScoreDraws(DRAWS, 43);
        results.forEach(otherSeed::add);
        assertThat(otherSeed.best(descending(results))).isNotEqualTo(a.best(descending(results)));
    }

    @Test
    void aResultsDrawsAreNormalAroundItsScoreWithItsStandardError() {
        int n = 20_000;
        ScoreDraws draws = new ScoreDraws(n, 42);
        BenchmarkResult r = result("gpqa-model", 0.6, 0.05);
        double sum = 0;
        double squares = 0;
        int within1 = 0;
        for (int s = 0; s < n; s++) {
            double z = (draws.draw(r, s) - 0.6) / 0.05;
            sum += z;
            squares += z * z;
            within1 += Math.abs(z) <= 1 ? 1 : 0;
            assertThat(Math.abs(z)).isLessThan(ScoreDraws.MAX_Z);
        }
        double mean = sum / n;
        assertThat(mean).isCloseTo(0, within(4 / Math.sqrt(n)));
        assertThat(Math.sqrt(squares / n - mean * mean)).isCloseTo(1, within(0.03));
        assertThat(within1 / (double) n).isCloseTo(0.6827, within(0.015));
        // Another model's draws are another sequence: the two are uncorrelated.
        BenchmarkResult other = result("gpqa-model-2", 0.6, 0.05);
        double cross = 0;
        for (int s = 0; s < n; s++) {
            cross += (draws.draw(r, s) - 0.6) / 0.05 * ((draws.draw(other, s) - 0.6) / 0.05);
        }
        assertThat(cross / n).isCloseTo(0, within(0.04));
        // The bound the walks stop on: the radius of the smallest uniform Box–Muller can take.
        assertThat(Math.sqrt(-2 * Math.log(0x1.0p-53))).isLessThan(ScoreDraws.MAX_Z);
    }
}
