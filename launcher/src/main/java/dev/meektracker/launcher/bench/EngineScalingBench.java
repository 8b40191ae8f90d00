package dev.meektracker.launcher.bench;

import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.core.event.BenchmarkResult;
import dev.meektracker.core.event.HardwarePrice;
import dev.meektracker.core.event.InputEvent;
import dev.meektracker.core.event.InputType;
import dev.meektracker.core.event.ModelRelease;
import dev.meektracker.core.event.Weights;
import dev.meektracker.streams.engine.EngineSettings;
import dev.meektracker.streams.engine.GapEngine;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The gap engine's cost per event against the size of its history, without Kafka: the engine is
 * loaded with N synthetic items (untimed), then {@code timed} more events, the same in every run
 * (dated in the half year after the history), are applied the way the
 * processor applies them, on a schedule counted in events instead of wall-clock time: the
 * processor's 100 ms, 200 ms and 2 s intervals at 10,000 events/s (the cheap outputs every 1,000
 * events, projections every 2,000, sigmoids and lags every 20,000), and each input type's month ends
 * as they pass. What grows with history shows here as a cost that grows with N.
 */
public final class EngineScalingBench {

    /**
     * One history size: µs per timed event (upserts and outputs together), the part of it spent in the
     * passes that refit the benchmark sigmoids (and the lags with them), and the heap the engine then
     * held. A refit's cost is set by the points it fits, at most meek.sigmoid.max.points a benchmark,
     * not by the history: the rest is what a growing history would make grow.
     */
    public record Point(
            int historyItems,
            int timedEvents,
            double microsPerEvent,
            double refitMicrosPerEvent,
            long heapMb,
            int corrections,
            double microsPerCorrection) {

        /** µs per event outside the sigmoid passes. */
        public double withoutRefits() {
            return microsPerEvent - refitMicrosPerEvent;
        }
    }

    private EngineScalingBench() {}

    /** Corrections timed after the new events: items of the history sent again with a field changed. */
    static final int CORRECTIONS = 1_000;

    public static Point run(TrackerConfig config, int history, int timed) {
        // The history spreads over 2010-2026; the timed events are the same in every run: the half
        // year after it, at the same density whatever the history's size. (Spread over the history's
        // years instead, 40,000 events after 10^3 items crossed 190 month ends and after 10^6 items
        // seven, so the smallest history paid most for checkpoints.)
        List<InputEvent> events = new ArrayList<>(SyntheticEvents.generate(history, 1234));
        events.addAll(SyntheticEvents.generate(timed, 4321, LocalDate.of(2026, 1, 1), 181, history));
        // The history's items that are corrected at the end, the same ones in every run of a size.
        Random pick = new Random(99);
        List<InputEvent> corrected = new ArrayList<>();
        for (int c = 0; c < CORRECTIONS; c++) {
            corrected.add(correction(events.get(pick.nextInt(history)), pick));
        }
        GapEngine engine = new GapEngine(EngineSettings.from(config));
        for (int i = 0; i < history; i++) {
            engine.upsert(events.get(i));
            // Dropped once applied, as the processor drops a record: the whole records of a million
            // items kept live here would be the bench's heap, not the engine's, and its collections.
            events.set(i, null);
            if (i % 10_000 == 9_999) {
                engine.flushChanged();
            }
        }
        engine.flush();
        // The history was built just now, so most of it is still in the young generation: without a
        // collection here, the timed events would pay for promoting up to a million models (and the
        // previous run's garbage) to the old generation, a cost of this set-up rather than of an
        // event, and largest for the largest history. A long-running tracker's history was promoted
        // long ago. (JMH's -gc option does the same between iterations.)
        System.gc();
        Map<InputType, LocalDate> month = new EnumMap<>(InputType.class);
        long refits = 0;
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
                long r0 = System.nanoTime();
                engine.flushDeferred(true);
                refits += System.nanoTime() - r0;
            } else if (k % 2_000 == 0) {
                engine.flushDeferred(false);
            } else if (k % 1_000 == 0) {
                engine.flushChanged();
            }
        }
        long r0 = System.nanoTime();
        engine.flush();
        long end = System.nanoTime();
        refits += end - r0;
        double micros = (end - t0) / 1e3 / timed;
        Runtime rt = Runtime.getRuntime();
        long heap = (rt.totalMemory() - rt.freeMemory()) >> 20;
        // Corrections, as a source's new revision sends them: each item's cheap outputs rebuilt at the
        // processor's 100 ms flushes (every 100 corrections at 1,000 a second).
        long c0 = System.nanoTime();
        for (int c = 0; c < corrected.size(); c++) {
            engine.upsert(corrected.get(c));
            if (c % 100 == 99) {
                engine.flushChanged();
            }
        }
        engine.flushChanged();
        double perCorrection = (System.nanoTime() - c0) / 1e3 / corrected.size();
        return new Point(history, timed, micros, refits / 1e3 / timed, heap, corrected.size(), perCorrection);
    }

    /**
     * An item of the history with a field its outputs read changed: a model's training compute (x0.5
     * to x1.5) or, one time in four, its weights; a score (+0.01); a chip's price (x0.9 to x1.1).
     */
    static InputEvent correction(InputEvent e, Random r) {
        if (e instanceof ModelRelease m) {
            boolean flip = r.nextInt(4) == 0;
            Weights w = !flip ? m.weights() : m.weights() == Weights.OPEN ? Weights.CLOSED : Weights.OPEN;
            Double compute = flip || m.trainingComputeFlop() == null
                    ? m.trainingComputeFlop()
                    : m.trainingComputeFlop() * (0.5 + r.nextDouble());
            return new ModelRelease(
                    m.id(),
                    m.name(),
                    m.organization(),
                    m.releaseDate(),
                    !flip ? m.accessibility() : w == Weights.OPEN ? "Open weights (unrestricted)" : "API access",
                    w,
                    compute,
                    m.parameters(),
                    m.trainingTokens(),
                    m.trainingCostUsd(),
                    m.computeConfidence(),
                    m.source(),
                    m.provenance() + " (corrected)");
        }
        if (e instanceof BenchmarkResult b) {
            return new BenchmarkResult(
                    b.modelId(),
                    b.modelName(),
                    b.benchmarkId(),
                    Math.min(1, b.score() + 0.01),
                    b.scale(),
                    b.date(),
                    b.organization(),
                    b.weights(),
                    b.trainingComputeFlop(),
                    b.source(),
                    b.provenance() + " (corrected)",
                    b.scoreStdErr(),
                    b.observedOn());
        }
        HardwarePrice h = (HardwarePrice) e;
        double factor = 0.9 + 0.2 * r.nextDouble();
        return new HardwarePrice(
                h.id(),
                h.name(),
                h.manufacturer(),
                h.date(),
                h.purchasePriceUsd() == null ? null : h.purchasePriceUsd() * factor,
                h.rentalPriceUsdPerHour(),
                h.flopPerSecond(),
                h.source(),
                h.provenance() + " (corrected)");
    }
}
