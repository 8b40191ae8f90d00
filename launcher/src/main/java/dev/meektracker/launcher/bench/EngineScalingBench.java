package dev.meektracker.launcher.bench;

import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.core.event.InputEvent;
import dev.meektracker.core.event.InputType;
import dev.meektracker.streams.engine.EngineSettings;
import dev.meektracker.streams.engine.GapEngine;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The gap engine's cost per event against the size of its history, without Kafka: the engine is
 * loaded with N synthetic items (untimed), then the next {@code timed} events are applied the way the
 * processor applies them, on a schedule counted in events instead of wall-clock time: the
 * processor's 100 ms, 200 ms and 2 s intervals at 10,000 events/s (the cheap outputs every 1,000
 * events, projections every 2,000, sigmoids and lags every 20,000), and each input type's month ends
 * as they pass. What grows with history shows here as a cost that grows with N.
 */
public final class EngineScalingBench {

    /** One history size: µs per timed event (upserts and outputs together), and the heap the engine then held. */
    public record Point(int historyItems, int timedEvents, double microsPerEvent, long heapMb) {}

    private EngineScalingBench() {}

    public static Point run(TrackerConfig config, int history, int timed) {
        List<InputEvent> events = SyntheticEvents.generate(history + timed, 1234);
        GapEngine engine = new GapEngine(EngineSettings.from(config));
        for (int i = 0; i < history; i++) {
            engine.upsert(events.get(i));
            if (i % 10_000 == 9_999) {
                engine.flushChanged();
            }
        }
        engine.flush();
        Map<InputType, LocalDate> month = new EnumMap<>(InputType.class);
        long t0 = System.nanoTime();
        for (int i = history; i < history + timed; i++) {
            InputEvent e = events.get(i);
            LocalDate first = e.eventDate().withDayOfMonth(1);
            LocalDate open = month.get(e.inputType());
            if (open != null && first.isAfter(open)) {
                engine.flushCheckpoint(e.inputType());
            }
            month.put(e.inputType(), first);
            engine.upsert(e);
            int k = i - history + 1;
            if (k % 20_000 == 0) {
                engine.flushDeferred(true);
            } else if (k % 2_000 == 0) {
                engine.flushDeferred(false);
            } else if (k % 1_000 == 0) {
                engine.flushChanged();
            }
        }
        engine.flush();
        double micros = (System.nanoTime() - t0) / 1e3 / timed;
        Runtime rt = Runtime.getRuntime();
        long heap = (rt.totalMemory() - rt.freeMemory()) >> 20;
        return new Point(history, timed, micros, heap);
    }
}
