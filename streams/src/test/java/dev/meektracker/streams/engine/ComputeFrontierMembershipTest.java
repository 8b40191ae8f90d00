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
import org.junit.jupiter.api.Test;

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

    @Test
    void membershipEqualsTheDefinitionAfterEveryChange() {
        EngineSettings settings = EngineSettings.from(TrackerConfig.defaults()
                .with(Settings.FRONTIER_TOP_N, String.valueOf(TOP_N))
                .with(Settings.FIT_START, FIT_START.toString()));
        for (long seed = 1; seed <= 20; seed++) {
            Random r = new Random(seed);
            ComputeFrontier f = new ComputeFrontier(settings);
            Map<String, ModelRelease> held = new LinkedHashMap<>();
            for (int step = 0; step < 300; step++) {
                String id = "m" + r.nextInt(50);
                if (held.containsKey(id) && r.nextInt(6) == 0) {
                    assertThat(f.delete(id)).isTrue();
                    held.remove(id);
                } else {
                    ModelRelease m = release(r, id);
                    f.upsert(m);
                    held.put(id, m);
                }
                String at = "seed " + seed + ", step " + step;
                assertSameFit(f.frontierFit(), expected(held.values(), m -> true), at + ", every model");
                assertSameFit(
                        f.openFrontierFit(),
                        expected(held.values(), m -> m.weights() == Weights.OPEN),
                        at + ", open weights");
            }
        }
    }

    private static ModelRelease release(Random r, String id) {
        LocalDate date = LocalDate.of(2015, 1, 1).plusDays(r.nextInt(10 * 365));
        Weights weights = Weights.values()[r.nextInt(Weights.values().length)];
        Double compute = r.nextInt(10) == 0 ? null : COMPUTES[r.nextInt(COMPUTES.length)];
        return new ModelRelease(id, id, null, date, null, weights, compute, null, null, null, null, "test", "test");
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
            assertThat(actual.growth().oomPerYear())
                    .as(at + ": growth")
                    .isCloseTo(expected.growth().oomPerYear(), within(1e-9));
            assertThat(actual.levelAt(LocalDate.of(2025, 1, 1))[0])
                    .as(at + ": level")
                    .isCloseTo(expected.levelAt(LocalDate.of(2025, 1, 1))[0], within(1e-9));
        }
    }
}
