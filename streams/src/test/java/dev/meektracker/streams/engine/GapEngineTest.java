package dev.meektracker.streams.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.core.event.ModelRelease;
import dev.meektracker.core.event.OutputIds;
import dev.meektracker.core.event.ScalingFit;
import dev.meektracker.core.event.Weights;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.junit.jupiter.api.Test;

/** Incremental frontier membership against its definition, recomputed by brute force. */
class GapEngineTest {

    private static ModelRelease model(Random r, int i) {
        LocalDate date = LocalDate.of(2008, 1, 1).plusDays(r.nextInt(18 * 365));
        double year = Dates.decimalYear(date);
        double log10 = 18 + 0.6 * (year - 2010) + 1.5 * r.nextGaussian();
        Weights w = r.nextBoolean() ? Weights.OPEN : r.nextInt(4) == 0 ? Weights.UNKNOWN : Weights.CLOSED;
        return release("m" + i, date, w, Math.pow(10, Math.min(29, Math.max(11, log10))), "test");
    }

    private static ModelRelease release(String id, LocalDate date, Weights w, double compute, String provenance) {
        return new ModelRelease(id, "M" + id, null, date, null, w, compute, null, null, null, null, "test", provenance);
    }

    /** The frontier fit by its definition: compute among the 10 largest released up to the model's date, from 2010. */
    private static SimpleRegression bruteForce(Collection<ModelRelease> models, boolean openOnly) {
        List<ModelRelease> eligible = models.stream()
                .filter(m -> !openOnly || m.weights() == Weights.OPEN)
                .toList();
        SimpleRegression r = new SimpleRegression();
        for (ModelRelease m : eligible) {
            long larger = eligible.stream()
                    .filter(o -> !o.releaseDate().isAfter(m.releaseDate()))
                    .filter(o -> o.trainingComputeFlop() > m.trainingComputeFlop())
                    .count();
            if (larger < 10 && !m.releaseDate().isBefore(LocalDate.of(2010, 1, 1))) {
                r.addData(Dates.decimalYear(m.releaseDate()), Math.log10(m.trainingComputeFlop()));
            }
        }
        return r;
    }

    /**
     * Round figures on few dates: most releases tie with others at the frontier's threshold, on the
     * same date and on later ones (compute estimates share round figures, and the fast path for a tie
     * at the threshold must agree with the definition).
     */
    private static ModelRelease tiedModel(Random r, int i) {
        double[] round = {1e22, 1e23, 3e23, 1e24, 1e25};
        ModelRelease m = model(r, i);
        return release(
                m.id(),
                LocalDate.of(2024, 1, 1).plusDays(r.nextInt(40)),
                m.weights(),
                round[r.nextInt(round.length)],
                "test");
    }

    @Test
    void membershipMatchesItsDefinitionThroughInsertsCorrectionsAndDeletions() {
        membershipMatchesItsDefinition(GapEngineTest::model, 17);
    }

    @Test
    void membershipMatchesItsDefinitionWhenComputesTie() {
        membershipMatchesItsDefinition(GapEngineTest::tiedModel, 5);
        membershipMatchesItsDefinition(GapEngineTest::tiedModel, 6);
    }

    private static void membershipMatchesItsDefinition(
            java.util.function.BiFunction<Random, Integer, ModelRelease> model, long seed) {
        Random r = new Random(seed);
        GapEngine engine = new GapEngine(EngineSettings.from(TrackerConfig.defaults()));
        Map<String, ModelRelease> current = new HashMap<>();
        List<String> ids = new ArrayList<>();
        for (int step = 0; step < 1500; step++) {
            int action = r.nextInt(10);
            if (action < 7 || ids.isEmpty()) {
                ModelRelease m = model.apply(r, step);
                current.put(m.id(), m);
                ids.add(m.id());
                engine.upsert(m);
            } else if (action < 9) {
                String id = ids.get(r.nextInt(ids.size()));
                ModelRelease corrected = model.apply(r, step);
                corrected = release(
                        id,
                        corrected.releaseDate(),
                        corrected.weights(),
                        corrected.trainingComputeFlop(),
                        "correction");
                current.put(id, corrected);
                engine.upsert(corrected);
            } else {
                String id = ids.remove(r.nextInt(ids.size()));
                current.remove(id);
                engine.delete(dev.meektracker.core.event.InputType.MODEL_RELEASE, id);
            }
            if (step % 250 == 249) {
                check(engine, current.values());
            }
        }
        check(engine, current.values());
    }

    private static void check(GapEngine engine, Collection<ModelRelease> models) {
        engine.flushChanged();
        Map<String, ScalingFit> fits = new HashMap<>();
        engine.fits().forEach(f -> fits.put(f.id(), f));
        for (boolean open : new boolean[] {false, true}) {
            SimpleRegression expected = bruteForce(models, open);
            ScalingFit fit = fits.get(open ? OutputIds.OPEN_COMPUTE : OutputIds.FRONTIER_COMPUTE);
            assertThat(fit.n()).isEqualTo(expected.getN());
            assertThat(fit.parameters().get("slope").value())
                    .isCloseTo(
                            expected.getSlope(),
                            // Published to nine significant digits.
                            org.assertj.core.api.Assertions.within(1e-8 * Math.abs(expected.getSlope())));
        }
    }

    /** Flushing after every event, at random points or once at the end ends in the same fits and gaps. */
    @Test
    void whereFlushesFallDoesNotChangeTheFinalOutputs() {
        java.util.List<dev.meektracker.core.event.InputEvent> events = new ArrayList<>();
        Random r = new Random(3);
        for (int i = 0; i < 800; i++) {
            events.add(model(r, i % 600));
            if (i % 7 == 0) {
                events.add(new dev.meektracker.core.event.HardwarePrice(
                        "gpu" + (i % 40),
                        "GPU " + i,
                        "Maker",
                        LocalDate.of(2012, 1, 1).plusDays(r.nextInt(4000)),
                        1000.0 + r.nextInt(30000),
                        null,
                        java.util.Map.of(dev.meektracker.core.event.Precision.FP32, 1e12 * (1 + r.nextInt(100))),
                        "test",
                        "test"));
            }
            if (i % 3 == 0) {
                LocalDate d = LocalDate.of(2019, 1, 1).plusDays(r.nextInt(2500));
                events.add(new dev.meektracker.core.event.BenchmarkResult(
                        "m" + (i % 600),
                        "M",
                        "eci",
                        90 + 60 * r.nextDouble(),
                        dev.meektracker.core.event.ScoreScale.INDEX,
                        d,
                        "Org",
                        r.nextBoolean() ? Weights.OPEN : Weights.CLOSED,
                        Math.pow(10, 22 + 4 * r.nextDouble()),
                        "test",
                        "test"));
            }
        }
        GapEngine eager = new GapEngine(EngineSettings.from(TrackerConfig.defaults()));
        GapEngine coalesced = new GapEngine(EngineSettings.from(TrackerConfig.defaults()));
        GapEngine once = new GapEngine(EngineSettings.from(TrackerConfig.defaults()));
        for (int i = 0; i < events.size(); i++) {
            eager.upsert(events.get(i));
            eager.flushChanged();
            coalesced.upsert(events.get(i));
            once.upsert(events.get(i));
            assertThat(once.hasDeferred()).isTrue();
            if (r.nextInt(50) == 0) {
                coalesced.flushChanged();
            }
        }
        eager.flush();
        coalesced.flush();
        once.flush();
        assertThat(once.hasDeferred()).isFalse();
        assertThat(once.fits()).containsExactlyElementsOf(eager.fits());
        assertThat(once.gaps()).containsExactlyElementsOf(eager.gaps());
        assertThat(coalesced.fits()).containsExactlyElementsOf(eager.fits());
        assertThat(coalesced.gaps()).containsExactlyElementsOf(eager.gaps());
        assertThat(coalesced.gaps())
                .extracting(g -> g.id())
                .contains("compute/open-vs-closed", "benchmark/eci/open-vs-closed");
    }
}
