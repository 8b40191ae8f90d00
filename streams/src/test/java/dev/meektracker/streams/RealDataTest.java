package dev.meektracker.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meektracker.core.SharedData;
import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.core.event.GapEstimate;
import dev.meektracker.core.event.InputEvent;
import dev.meektracker.core.event.ScalingFit;
import dev.meektracker.core.validate.EventValidator;
import dev.meektracker.producers.importer.ImportResult;
import dev.meektracker.producers.importer.Inputs;
import dev.meektracker.streams.engine.EngineSettings;
import dev.meektracker.streams.engine.GapEngine;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The tracker's figures on Epoch AI's real data against Epoch's published ones (docs/MODEL.md §8).
 * Skipped with a message when ../shared/data is absent.
 */
class RealDataTest {

    private static GapEngine run(ImportResult r) {
        GapEngine engine = new GapEngine(EngineSettings.from(TrackerConfig.defaults()));
        for (InputEvent e : Inputs.inReleaseOrder(r.events())) {
            engine.upsert(e);
        }
        engine.flush();
        return engine;
    }

    @Test
    void frontierComputeOnNotableModelsGrowsFourToFiveTimesAYear() throws Exception {
        ImportResult r = new Inputs(EventValidator.systemDefault())
                .read(List.of(SharedData.file("epoch-ai-models/notable_ai_models.csv")), List.of(), List.of());
        GapEngine engine = run(r);
        Map<String, ScalingFit> fits =
                engine.fits().stream().collect(Collectors.toMap(ScalingFit::id, Function.identity()));
        ScalingFit frontier = fits.get("frontier-compute");
        // Epoch AI: frontier training compute grows 4–5× a year (2010–2024).
        assertThat(frontier.growthPerYear().value()).isBetween(4.0, 5.0);
        assertThat(frontier.n()).isGreaterThan(50);
        assertThat(frontier.windowStart()).isAfterOrEqualTo(java.time.LocalDate.of(2010, 1, 1));
    }

    @Test
    void openModelsTrailTheFrontierOnTheCapabilitiesIndexByMonths() throws Exception {
        var eci = SharedData.file("epoch-benchmarks/epoch_capabilities_index.csv");
        ImportResult r = new Inputs(EventValidator.systemDefault()).read(List.of(), List.of(), List.of(eci));
        GapEngine engine = run(r);
        GapEstimate gap = engine.gaps().stream()
                .filter(g -> g.id().equals("benchmark/eci/open-vs-closed"))
                .findFirst()
                .orElseThrow();
        // Epoch AI: ~3.5 months on the ECI (Oct 2025), ~4 months (May 2026); the data run to April 2026.
        assertThat(gap.lagMonths()).isBetween(1.0, 12.0);
        assertThat(gap.value()).isPositive();
        assertThat(gap.unit()).isEqualTo("index points");
    }
}
