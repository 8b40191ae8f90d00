package dev.meektracker.streams.engine;

import dev.meektracker.core.event.BenchmarkResult;
import dev.meektracker.core.event.GapEstimate;
import dev.meektracker.core.event.HardwarePrice;
import dev.meektracker.core.event.InputEvent;
import dev.meektracker.core.event.InputType;
import dev.meektracker.core.event.ModelRelease;
import dev.meektracker.core.event.OutputIds;
import dev.meektracker.core.event.ScalingFit;
import dev.meektracker.core.event.TrackerEvent;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The tracker's state and arithmetic, without Kafka: a façade over the parts that own their state
 * ({@link ComputeFrontier}, {@link HardwareTrend}, {@link BenchmarkBoard}, {@link AlgorithmicProgress})
 * and the pure {@link Projections}, publishing through {@link Outputs}.
 *
 * <p>An event updates the indices and fits at once but builds no outputs: the parts it touched are
 * marked, and a flush builds each marked output once and returns those whose value changed. The
 * streams processor flushes every few tens of milliseconds, so a burst of events costs one build.
 * Every output depends only on the current set of items, never on the order they came in: an upsert
 * removes the old version's contribution before adding the new one, and as-of dates are the latest
 * dates among the items behind each output.
 */
public final class GapEngine {

    private final EngineSettings settings;
    private final ComputeFrontier models;
    private final HardwareTrend hardware;
    private final BenchmarkBoard benchmarks;
    private final AlgorithmicProgress algorithmic;
    private final CatchUpLags lags;
    private final Outputs outputs = new Outputs();
    private boolean projectionsDirty;
    private final Map<String, String> benchmarkIds = new java.util.HashMap<>();
    /**
     * One LocalDate object per day for the chips and scores the engine holds: each event read brings
     * its own (24 bytes), and the calendar has a few hundred days a year where a history of a million
     * items has hundreds of thousands of chips and scores.
     */
    private final Map<LocalDate, LocalDate> days = new java.util.HashMap<>();

    public GapEngine(EngineSettings settings) {
        this.settings = settings;
        this.models = new ComputeFrontier(settings);
        this.hardware = new HardwareTrend(settings);
        this.benchmarks = new BenchmarkBoard(settings);
        this.algorithmic = new AlgorithmicProgress(settings);
        this.lags = new CatchUpLags(settings.lags());
    }

    /**
     * True when the engine already holds this version of the item as far as its outputs read it: a
     * duplicate to the engine. Of a model it keeps only those fields ({@link Model}), so a version
     * that differs elsewhere is current here and still the item's latest for the store.
     */
    public boolean isCurrent(InputEvent e) {
        return switch (e.inputType()) {
            case MODEL_RELEASE -> models.isCurrent((ModelRelease) e);
            case HARDWARE_PRICE -> hardware.isCurrent(lean((HardwarePrice) e, UnaryOperator.identity()));
            case BENCHMARK_RESULT -> benchmarks.isCurrent(lean((BenchmarkResult) e, UnaryOperator.identity()));
        };
    }

    /** Applies the latest version of an item; false when the engine held exactly it already. */
    public boolean upsert(InputEvent e) {
        return switch (e.inputType()) {
            case MODEL_RELEASE -> projectsOn(models.upsert((ModelRelease) e));
            case HARDWARE_PRICE -> projectsOn(hardware.upsert(lean((HardwarePrice) e, this::day)));
            case BENCHMARK_RESULT -> {
                BenchmarkResult b = lean((BenchmarkResult) e, this::day);
                boolean changed = benchmarks.upsert(b);
                if (changed && algorithmic.measures(b.benchmarkId())) {
                    algorithmic.update(b.key(), b);
                    projectionsDirty = true;
                }
                yield changed;
            }
        };
    }

    /**
     * A chip as the engine holds it: without its name, manufacturer, source and provenance, which no
     * output reads (the latest-items store keeps them for the page and the API). They were most of
     * a chip's bytes, and with models compact (see {@link Model}) a large share of the engine's heap.
     * {@code day} gives the date the chip is held with (one object a day, {@link #day}, for a chip
     * kept).
     */
    static HardwarePrice lean(HardwarePrice h, UnaryOperator<LocalDate> day) {
        return new HardwarePrice(
                h.id(),
                null,
                null,
                day.apply(h.date()),
                h.purchasePriceUsd(),
                h.rentalPriceUsdPerHour(),
                h.flopPerSecond(),
                null,
                null);
    }

    /**
     * A score as the engine holds it: without the model's name, organisation, source and provenance,
     * which no output reads, and with one copy of each benchmark's id for all its scores and, through
     * {@code day}, of each date for a score kept.
     */
    BenchmarkResult lean(BenchmarkResult b, UnaryOperator<LocalDate> day) {
        return new BenchmarkResult(
                b.modelId(),
                null,
                benchmarkIds.computeIfAbsent(b.benchmarkId(), k -> k),
                b.score(),
                b.scale(),
                day.apply(b.date()),
                null,
                b.weights(),
                b.trainingComputeFlop(),
                null,
                null,
                b.scoreStdErr(),
                b.observedOn() == null ? null : day.apply(b.observedOn()));
    }

    /** The one object held for this day. */
    private LocalDate day(LocalDate date) {
        return days.computeIfAbsent(date, d -> d);
    }

    /** Removes an item (a tombstone on its compacted topic); false when there was none under that key. */
    public boolean delete(InputType type, String key) {
        return switch (type) {
            case MODEL_RELEASE -> projectsOn(models.delete(key));
            case HARDWARE_PRICE -> projectsOn(hardware.delete(key));
            case BENCHMARK_RESULT -> {
                BenchmarkResult old = benchmarks.delete(key);
                if (old != null && algorithmic.measures(old.benchmarkId())) {
                    algorithmic.update(key, null);
                    projectionsDirty = true;
                }
                yield old != null;
            }
        };
    }

    private boolean projectsOn(boolean changed) {
        projectionsDirty |= changed;
        return changed;
    }

    /** True when a flush has work to do. */
    public boolean hasDeferred() {
        return projectionsDirty
                || models.lagDirty()
                || hardware.constantPrecisionDirty()
                || benchmarks.lagsDirty()
                || benchmarks.sigmoidsDirty()
                || models.dirty()
                || hardware.dirty()
                || algorithmic.dirty()
                || benchmarks.gapsDirty();
    }

    /**
     * Builds the cheap outputs of everything changed since the last call (the compute trends and gap,
     * hardware, benchmark gaps, algorithmic progress); returns those whose value changed.
     */
    public List<TrackerEvent> flushChanged() {
        buildChanged();
        return outputs.drainChanged();
    }

    private void buildChanged() {
        if (models.dirty()) {
            models.emit(outputs);
        }
        if (hardware.dirty()) {
            hardware.emit(outputs);
        }
        benchmarks.emitGaps(outputs);
        if (algorithmic.dirty()) {
            algorithmic.emit(outputs, benchmarks.asOf(settings.algorithmicBenchmark()));
        }
    }

    /**
     * What an event-time checkpoint publishes besides the changed fits and gaps: the catch-up lags of
     * the benchmarks that changed, without their interval (see {@link CatchUpLags#emitBenchmarksAtCheckpoint}),
     * and the projections when their inputs changed, so a replay's projections and the alerts on them
     * are the same at any speed.
     */
    public List<TrackerEvent> flushCheckpoint(InputType period) {
        buildChanged();
        // A benchmark's lag moves with its results only: the benchmarks' own month ends carry it.
        if (period == InputType.BENCHMARK_RESULT) {
            lags.emitBenchmarksAtCheckpoint(outputs, benchmarks);
        } else if (period == InputType.MODEL_RELEASE) {
            // Likewise the compute lag with the models' month ends.
            lags.emitComputeAtCheckpoint(outputs, models);
        }
        // Projections are dated by the models (OutputIds.datedBy): only the models' checkpoints publish
        // them, so only those compute them. One computed at another type's checkpoint would be a state
        // inside the models' open period, published later if no model changed in between.
        if (period == InputType.MODEL_RELEASE && projectionsDirty) {
            projectionsDirty = false;
            emitProjections();
        }
        return outputs.drainChanged();
    }

    /** Everything changed since the last flush, sigmoids and projections included. */
    public List<TrackerEvent> flush() {
        return flushDeferred(true);
    }

    /**
     * Builds the changed outputs, then those too costly for every flush where their inputs changed:
     * the projections, and the benchmark sigmoids when asked; returns those whose value changed.
     *
     * @param sigmoids also refit the benchmark sigmoids, the costliest outputs, which the processor
     *                 does on a longer interval of its own
     */
    public List<TrackerEvent> flushDeferred(boolean sigmoids) {
        // Projections read the current fits (algorithmic progress): build those first.
        buildChanged();
        if (sigmoids) {
            benchmarks.emitSigmoids(outputs);
            hardware.emitConstantPrecision(outputs);
            lags.emitBenchmarks(outputs, benchmarks);
            lags.emitCompute(outputs, models);
        }
        if (projectionsDirty) {
            projectionsDirty = false;
            emitProjections();
        }
        return outputs.drainChanged();
    }

    private void emitProjections() {
        LocalDate asOf = DateCounts.latest(models.asOf(), hardware.asOf());
        if (benchmarks.asOf(settings.algorithmicBenchmark()) == null && asOf != null) {
            // No data on the algorithmic benchmark yet: the configured rate is in force, dated like the projections.
            algorithmic.emit(outputs, asOf);
        }
        TrendFit frontier = models.frontierFit();
        TrendFit hardwareFit = hardware.fit();
        if (!frontier.ready() || !hardwareFit.ready() || asOf == null) {
            Projections.ids(settings).forEach(outputs::retract);
            return;
        }
        Projections.Inputs in = new Projections.Inputs(
                asOf,
                frontier.levelAt(asOf),
                frontier.growth(),
                hardwareFit.levelAt(asOf),
                hardware.growthForProjections(outputs),
                algorithmic.configuredRate(),
                algorithmic.fittedRate(outputs.fit(OutputIds.ALGORITHMIC)),
                models.bestOpen());
        for (Map.Entry<String, GapEstimate> p :
                Projections.project(settings, in).entrySet()) {
            if (p.getValue() == null) {
                outputs.retract(p.getKey());
            } else {
                outputs.emit(p.getValue());
            }
        }
    }

    public Collection<ScalingFit> fits() {
        return outputs.fits();
    }

    public Collection<GapEstimate> gaps() {
        return outputs.gaps();
    }

    /** Output ids dropped since the last call, so a store of current outputs can delete them. */
    public List<String> drainRetracted() {
        return outputs.drainRetracted();
    }
}
