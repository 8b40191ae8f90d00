package dev.meektracker.streams.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.meektracker.core.config.Settings;
import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.core.event.ModelRelease;
import dev.meektracker.core.event.Weights;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Frontier membership kept incrementally against its definition read from scratch: a model is frontier
 * when its compute is at least the N-th largest among the models released up to its date. Random new
 * releases, late arrivals, corrections of compute, date and weights, and deletions, with computes drawn
 * from a few round figures so that ties are everywhere, and weights open, closed or unknown.
 */
class ComputeFrontierMembershipTest {

    private static final int TOP_N = 3;
    private static final LocalDate FIT_START = LocalDate.of(2016, 1, 1);
    private static final double[] COMPUTES = {1e22, 3e22, 1e23, 3e23, 1e24, 1e25};

    /**
     * Walks down the compute order as the engine takes them (short here: at most 50 models), and
     * with none at all, so that every rank and threshold comes from the date buckets ({@link
     * TopBefore}); on any day of ten years (a model or none a bucket), and on the first week of
     * twelve of its months (several a bucket and a day, so a bucket is walked in part). Computes come
     * from six round figures, so that ties are everywhere, or from a continuum, so that the few
     * largest stand alone and a correction among them is seen to its end.
     */
    @ParameterizedTest
    @CsvSource({
        "64, false, false",
        "1, false, false",
        "0, false, false",
        "64, true, false",
        "0, true, false",
        "64, false, true",
        "0, false, true",
        "64, true, true"
    })
    void membershipEqualsTheDefinitionAfterEveryChange(int walk, boolean crowded, boolean distinct) {
        EngineSettings settings = EngineSettings.from(TrackerConfig.defaults()
                .with(Settings.FRONTIER_TOP_N, String.valueOf(TOP_N))
                .with(Settings.FIT_START, FIT_START.toString()));
        for (long seed = 1; seed <= 20; seed++) {
            Random r = new Random(seed);
            ComputeFrontier f = new ComputeFrontier(settings, walk);
            Map<String, ModelRelease> held = new LinkedHashMap<>();
            for (int step = 0; step < 300; step++) {
                // Fewer models on a continuum, so that the largest are corrected often.
                String id = "m" + r.nextInt(distinct ? 15 : 50);
                int change = r.nextInt(6);
                if (held.containsKey(id) && change == 0) {
                    assertThat(f.delete(id)).isTrue();
                    held.remove(id);
                } else if (held.containsKey(id) && change == 1) {
                    // Only the weights change: same date and compute.
                    ModelRelease was = held.get(id);
                    Weights w =
                            Weights.values()[(was.weights().ordinal() + 1 + r.nextInt(2)) % Weights.values().length];
                    ModelRelease m = new ModelRelease(
                            id,
                            id,
                            null,
                            was.releaseDate(),
                            null,
                            w,
                            was.trainingComputeFlop(),
                            null,
                            null,
                            null,
                            null,
                            "test",
                            "test");
                    f.upsert(m);
                    held.put(id, m);
                } else {
                    ModelRelease m = release(r, id, crowded, distinct);
                    f.upsert(m);
                    held.put(id, m);
                }
                String at = "seed " + seed + ", step " + step;
                assertThat(held.keySet().stream().filter(k -> f.inFit(k, false)))
                        .as(at + ": frontier models")
                        .containsExactlyInAnyOrderElementsOf(members(held.values(), m -> true));
                assertThat(held.keySet().stream().filter(k -> f.inFit(k, true)))
                        .as(at + ": open-weights frontier models")
                        .containsExactlyInAnyOrderElementsOf(members(held.values(), m -> m.weights() == Weights.OPEN));
                if (!crowded) {
                    // A week's points fit a line only roughly: its slope differs in the sixth digit
                    // with the order the points came in.
                    assertSameFit(f.frontierFit(), expected(held.values(), m -> true), at + ", every model");
                    assertSameFit(
                            f.openFrontierFit(),
                            expected(held.values(), m -> m.weights() == Weights.OPEN),
                            at + ", open weights");
                }
            }
        }
    }

    private static ModelRelease release(Random r, String id, boolean crowded, boolean distinct) {
        LocalDate date = crowded
                ? LocalDate.of(2015, 1, 1).plusMonths(10 * r.nextInt(12)).plusDays(r.nextInt(7))
                : LocalDate.of(2015, 1, 1).plusDays(r.nextInt(10 * 365));
        Weights weights = Weights.values()[r.nextInt(Weights.values().length)];
        Double compute = r.nextInt(10) == 0
                ? null
                : distinct ? Math.pow(10, 22 + 3 * r.nextDouble()) : COMPUTES[r.nextInt(COMPUTES.length)];
        return new ModelRelease(id, id, null, date, null, weights, compute, null, null, null, null, "test", "test");
    }

    /** The ids of the frontier's fit read from its definition. */
    private static List<String> members(java.util.Collection<ModelRelease> held, Predicate<ModelRelease> eligible) {
        List<ModelRelease> models =
                held.stream().filter(m -> m.hasCompute() && eligible.test(m)).toList();
        List<String> ids = new ArrayList<>();
        for (ModelRelease m : models) {
            long atLeast = models.stream()
                    .filter(o -> !o.releaseDate().isAfter(m.releaseDate()))
                    .filter(o -> o.trainingComputeFlop() > m.trainingComputeFlop())
                    .count();
            if (atLeast < TOP_N && !m.releaseDate().isBefore(FIT_START)) {
                ids.add(m.id());
            }
        }
        return ids;
    }

    /** The fit of the frontier read from its definition. */
    private static TrendFit expected(java.util.Collection<ModelRelease> held, Predicate<ModelRelease> eligible) {
        List<ModelRelease> models = new ArrayList<>();
        for (ModelRelease m : held) {
            if (m.hasCompute() && eligible.test(m)) {
                models.add(m);
            }
        }
        TrendFit fit = new TrendFit();
        for (ModelRelease m : models) {
            List<Double> upToItsDate = models.stream()
                    .filter(o -> !o.releaseDate().isAfter(m.releaseDate()))
                    .map(ModelRelease::trainingComputeFlop)
                    .sorted(Comparator.reverseOrder())
                    .toList();
            double threshold = upToItsDate.size() < TOP_N ? Double.NEGATIVE_INFINITY : upToItsDate.get(TOP_N - 1);
            if (m.trainingComputeFlop() >= threshold && !m.releaseDate().isBefore(FIT_START)) {
                fit.add(m.releaseDate(), Math.log10(m.trainingComputeFlop()));
            }
        }
        return fit;
    }

    private static void assertSameFit(TrendFit actual, TrendFit expected, String at) {
        assertThat(actual.n()).as(at + ": points").isEqualTo(expected.n());
        assertThat(actual.ready()).as(at).isEqualTo(expected.ready());
        if (expected.ready()) {
            // The same points, taken in and out in another order: the sums agree to about 1e-10 of
            // the values (the level extrapolated to 2025 from a few points moved by 1.6e-9 at 10.5;
            // with fifteen models each put in and taken out twenty times, a growth moved by 1.7e-9).
            double growth = expected.growth().oomPerYear();
            assertThat(actual.growth().oomPerYear())
                    .as(at + ": growth")
                    .isCloseTo(growth, within(1e-8 * Math.max(1, Math.abs(growth))));
            double level = expected.levelAt(LocalDate.of(2025, 1, 1))[0];
            assertThat(actual.levelAt(LocalDate.of(2025, 1, 1))[0])
                    .as(at + ": level")
                    .isCloseTo(level, within(1e-8 * Math.max(1, Math.abs(level))));
        }
    }
}
