package dev.meektracker.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.meektracker.core.SharedData;
import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.core.event.InputEvent;
import dev.meektracker.core.serde.Json;
import dev.meektracker.core.validate.EventValidator;
import dev.meektracker.producers.importer.ImportResult;
import dev.meektracker.producers.importer.Inputs;
import dev.meektracker.streams.engine.EngineSettings;
import dev.meektracker.streams.engine.GapEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every final fit and gap on Epoch AI's real data (models, hardware, ECI, GPQA Diamond), compared as
 * JSON, byte for byte, with a golden file recorded before the engine was split into parts: a
 * refactoring must not move a single number. A change that means to move numbers records the file
 * again with {@code -Dmeek.golden.update=true} and says why in its commit.
 */
class GoldenOutputsTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/real-data-outputs.json");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void finalFitsAndGapsOnTheRealDataAreUnchanged() throws Exception {
        ImportResult r = new Inputs(new EventValidator(CLOCK, Duration.ofDays(2)))
                .read(
                        List.of(SharedData.file("epoch-notable-2026-07/notable_ai_models.csv")),
                        List.of(SharedData.file("epoch-ml-hardware/ml_hardware.csv")),
                        List.of(
                                SharedData.file("epoch-benchmarks/epoch_capabilities_index.csv"),
                                SharedData.file("epoch-benchmarks/gpqa_diamond.csv")));
        GapEngine engine = new GapEngine(EngineSettings.from(TrackerConfig.defaults()));
        for (InputEvent e : Inputs.inReleaseOrder(r.events())) {
            engine.upsert(e);
        }
        engine.flush();

        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("events", r.events().size());
        outputs.put(
                "fits",
                engine.fits().stream().sorted(Comparator.comparing(f -> f.id())).toList());
        outputs.put(
                "gaps",
                engine.gaps().stream().sorted(Comparator.comparing(g -> g.id())).toList());
        String actual = Json.MAPPER
                        .copy()
                        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                        .writer(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(outputs)
                + "\n";

        if (Boolean.getBoolean("meek.golden.update")) {
            Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
        }
        assertThat(GOLDEN)
                .as("golden file; record it with -Dmeek.golden.update=true")
                .exists();
        assertThat(actual).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    }
}
