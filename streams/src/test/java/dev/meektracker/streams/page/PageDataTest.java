package dev.meektracker.streams.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.meektracker.core.SharedData;
import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.core.event.Estimate;
import dev.meektracker.core.event.InputEvent;
import dev.meektracker.core.event.ModelRelease;
import dev.meektracker.core.event.ScalingFit;
import dev.meektracker.core.validate.EventValidator;
import dev.meektracker.producers.importer.ImportResult;
import dev.meektracker.producers.importer.Inputs;
import dev.meektracker.streams.engine.EngineSettings;
import dev.meektracker.streams.engine.FrontierMembership;
import dev.meektracker.streams.engine.GapEngine;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The page's data against the engine's own outputs on Epoch AI's real models (skipped without ../shared/data). */
class PageDataTest {

    private static final EngineSettings SETTINGS = EngineSettings.from(TrackerConfig.defaults());

    private static List<InputEvent> realModels() throws Exception {
        ImportResult r = new Inputs(EventValidator.systemDefault())
                .read(List.of(SharedData.file("epoch-ai-models/all_ai_models.csv")), List.of(), List.of());
        return Inputs.inReleaseOrder(r.events());
    }

    private static ScalingFit fit(GapEngine engine, String id) {
        return engine.fits().stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void theRingedFrontierModelsAreTheOnesBehindTheEnginesFrontierTrend() throws Exception {
        List<InputEvent> events = realModels();
        GapEngine engine = new GapEngine(SETTINGS);
        events.forEach(engine::upsert);
        engine.flush();
        // The engine holds one version per id, the last one applied (the real file repeats a few ids).
        Map<String, ModelRelease> current = new java.util.LinkedHashMap<>();
        events.forEach(e -> current.put(e.key(), (ModelRelease) e));
        List<ModelRelease> models = List.copyOf(current.values());
        Set<String> frontier = FrontierMembership.of(models, SETTINGS.frontierTopN());
        long fromFitStart = models.stream()
                .filter(m -> frontier.contains(m.id()))
                .filter(m -> !m.releaseDate().isBefore(SETTINGS.fitStart()))
                .count();
        // The incremental membership (built model by model, in release order) and the one-pass one agree.
        assertThat(fromFitStart).isEqualTo(fit(engine, "frontier-compute").n()).isGreaterThan(100);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theTrendBandAtItsLastDateIsTheFitsPublishedIntervalOfTodaysLevel() throws Exception {
        List<InputEvent> events = realModels();
        GapEngine engine = new GapEngine(SETTINGS);
        events.forEach(engine::upsert);
        engine.flush();
        ScalingFit f = fit(engine, "frontier-compute");
        Map<String, Object> page = PageData.build(new PageData.Snapshot(
                Instant.EPOCH,
                List.copyOf(engine.fits()),
                List.copyOf(engine.gaps()),
                Map.of(),
                events,
                List.of(),
                List.of(),
                SETTINGS));
        Map<String, Object> line = (Map<String, Object>) ((Map<String, Object>) page.get("trends")).get(f.id());
        List<Double> mid = (List<Double>) line.get("log10");
        List<Double> low = (List<Double>) line.get("log10Low");
        List<Double> high = (List<Double>) line.get("log10High");
        List<String> dates = (List<String>) line.get("dates");
        assertThat(dates.get(dates.size() - 1)).isEqualTo(f.asOf().toString());
        Estimate today = f.parameters().get("frontierComputeToday");
        int last = mid.size() - 1;
        // Rounded to 1e-4 in log10 for the page: the same numbers the fit publishes as FLOP.
        assertThat(mid.get(last)).isCloseTo(Math.log10(today.value()), within(2e-4));
        assertThat(low.get(last)).isCloseTo(Math.log10(today.low()), within(2e-4));
        assertThat(high.get(last)).isCloseTo(Math.log10(today.high()), within(2e-4));
        // The band is narrowest near the data's centre and widens towards both ends.
        double first = high.get(0) - low.get(0);
        double centre = high.get(last / 2) - low.get(last / 2);
        assertThat(centre).isLessThan(first);
        Map<String, Object> models = (Map<String, Object>) page.get("models");
        assertThat((List<?>) models.get("rows")).hasSizeGreaterThan(1000);
    }
}
