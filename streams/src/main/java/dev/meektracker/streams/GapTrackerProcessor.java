package dev.meektracker.streams;

import dev.meektracker.core.event.DeadLetter;
import dev.meektracker.core.event.GapEstimate;
import dev.meektracker.core.event.InputEvent;
import dev.meektracker.core.event.InputType;
import dev.meektracker.core.event.OutputIds;
import dev.meektracker.core.event.ScalingFit;
import dev.meektracker.core.event.TrackerEvent;
import dev.meektracker.streams.engine.EngineSettings;
import dev.meektracker.streams.engine.GapEngine;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the gap engine. The latest version of every item lives in the {@code latest-items} store
 * (changelogged, so it survives restarts and moves with the task); the engine's in-memory indices
 * and fits are rebuilt from that store when the task starts, which gives the same outputs as any
 * other arrival order. Changed outputs are coalesced per key and emitted every
 * {@code meek.emit.interval.ms}, like the record cache of a KTable: a replay of thousands of events
 * does not publish every intermediate fit; and at every event-time checkpoint (the end of each month
 * by default), so what a replay publishes of history does not depend on its speed. Current fits and
 * gaps are kept in queryable stores for the HTTP API.
 */
final class GapTrackerProcessor implements Processor<String, Envelope, String, TrackerEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(GapTrackerProcessor.class);

    private final EngineSettings settings;
    private final TrackerMetrics metrics;
    private final EmitSettings emit;
    /**
     * First day of the latest checkpoint period opened, per event type. Per type, because the three
     * input topics are read side by side and one may run ahead of the others: a hardware price from
     * March must not make January's model releases look late and skip the model checkpoints. Each
     * topic arrives in date order when replayed (the producers publish in release order), so the
     * outputs a type drives (the compute gap and fits for models) get every period's end.
     */
    private final Map<InputType, LocalDate> checkpointPeriods = new EnumMap<>(InputType.class);

    private ProcessorContext<String, TrackerEvent> context;
    private KeyValueStore<String, byte[]> items;
    private KeyValueStore<String, ScalingFit> fitStore;
    private KeyValueStore<String, GapEstimate> gapStore;
    private KeyValueStore<String, TrackerEvent> history;
    private GapEngine engine;
    /** Changed outputs not yet emitted, latest per key: a burst of events yields one record per key. */
    private final Map<String, TrackerEvent> pendingOutputs = new LinkedHashMap<>();
    /** The latest value of each output changed since the last checkpoint: the period's end state, for the history. */
    private final Map<String, TrackerEvent> changedInPeriod = new LinkedHashMap<>();
    /** Wall-clock time of the latest event processed, and the latest event date: whether history is being replayed. */
    private long lastEventAt;

    private LocalDate latestEventDate;
    /** Whether the wall-clock intervals held outputs back during a replay since they last published. */
    private boolean held;

    /** The count of events processed when the end state of a declared end of input was last published; -1 before. */
    private long endPublishedAt = -1;
    /** The stream thread's commit count, once looked up ({@link #commitCount}). */
    private DoubleSupplier commitCount;

    GapTrackerProcessor(EngineSettings settings, TrackerMetrics metrics, EmitSettings emit) {
        this.settings = settings;
        this.metrics = metrics;
        this.emit = emit;
    }

    @Override
    public void init(ProcessorContext<String, TrackerEvent> context) {
        this.context = context;
        this.items = context.getStateStore(TrackerStores.ITEMS);
        this.fitStore = context.getStateStore(TrackerStores.FITS);
        this.gapStore = context.getStateStore(TrackerStores.GAPS);
        this.history = context.getStateStore(TrackerStores.HISTORY);
        this.engine = new GapEngine(settings);
        long rebuildStart = System.nanoTime();
        long n = 0;
        try (KeyValueIterator<String, byte[]> it = items.all()) {
            while (it.hasNext()) {
                var kv = it.next();
                InputEvent stored = Envelope.typeOfItemKey(kv.key).serde().fromBytes(kv.value);
                engine.upsert(stored);
                openPeriod(stored);
                n++;
            }
        }
        // The rebuilt outputs are already in the stores and topics: build them to know them, emit nothing.
        engine.flushChanged();
        engine.drainRetracted();
        metrics.pass(TrackerMetrics.Pass.REBUILD, System.nanoTime() - rebuildStart);
        if (n > 0) {
            LOG.info("rebuilt the gap engine from {} stored items", n);
        }
        // Projections and sigmoid refits cost milliseconds: a burst of events triggers one recomputation.
        context.schedule(emit.deferred(), PunctuationType.WALL_CLOCK_TIME, now -> {
            if (!publishing(now)) {
                return;
            }
            if (engine.hasDeferred()) {
                collect(timed(TrackerMetrics.Pass.DEFERRED, () -> engine.flushDeferred(false)));
            }
            emitPending(now);
        });
        context.schedule(emit.sigmoid(), PunctuationType.WALL_CLOCK_TIME, now -> {
            if (!publishing(now)) {
                return;
            }
            if (engine.hasDeferred()) {
                collect(timed(TrackerMetrics.Pass.REFIT, () -> engine.flushDeferred(true)));
            }
            emitPending(now);
        });
        context.schedule(emit.emit(), PunctuationType.WALL_CLOCK_TIME, now -> {
            if (publishing(now)) {
                emitPending(now);
            }
        });
    }

    /**
     * Whether the wall-clock intervals may publish now: always for live data (the latest event is in
     * the wall clock's own checkpoint period), and for a replay of history only once the stream has
     * been quiet for the idle time or its driver has declared the input complete
     * ({@link TrackerMetrics#endOfInput}). Mid-replay the state between two checkpoints depends on how far
     * the replay had got when the clock ticked; the checkpoints alone are the same at any speed.
     */
    private boolean publishing(long now) {
        if (!quietOrLive(now)) {
            held = true;
            return false;
        }
        boolean ended = metrics.inputEnded() && endPublishedAt != metrics.processedCount();
        if (held || ended) {
            // A replay just went quiet, or its driver declared it complete: publish its whole end state
            // now, the sigmoids and the lags' intervals included, instead of leaving those for the next
            // tick of their longer interval. (Without event-time checkpoints nothing is held back, and
            // a declared end waited up to that interval's 2 s for the sigmoids: the bench's replays
            // without checkpoints ran at half their rate in some runs, by the timer's phase alone.)
            held = false;
            if (ended) {
                endPublishedAt = metrics.processedCount();
            }
            if (engine.hasDeferred()) {
                collect(timed(TrackerMetrics.Pass.REFIT, () -> engine.flushDeferred(true)));
            }
        }
        return true;
    }

    private boolean quietOrLive(long now) {
        if (emit.idle().isZero()
                || metrics.inputEnded()
                || latestEventDate == null
                || now - lastEventAt >= emit.idle().toMillis()) {
            return true;
        }
        LocalDate today = Instant.ofEpochMilli(now).atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate live = emit.checkpoint().periodOf(today);
        return live == null || !emit.checkpoint().periodOf(latestEventDate).isBefore(live);
    }

    @Override
    public void process(Record<String, Envelope> record) {
        Envelope e = record.value();
        metrics.processed();
        lastEventAt = context.currentSystemTimeMs();
        if (e.event() != null
                && (latestEventDate == null || e.event().eventDate().isAfter(latestEventDate))) {
            latestEventDate = e.event().eventDate();
        }
        try {
            if (e.event() == null) {
                items.delete(e.itemKey());
                engine.delete(e.type(), e.key());
            } else {
                byte[] bytes = e.raw() != null ? e.raw() : InputType.toBytes(e.event());
                if (engine.isCurrent(e.event())) {
                    // The engine keeps only what its outputs read of a model: a version that differs
                    // elsewhere (a name, a source) changes no output but is still the item's latest.
                    if (storedAlready(e, bytes)) {
                        return;
                    }
                } else {
                    if (openPeriod(e.event())) {
                        checkpoint(e.event().inputType());
                    }
                    engine.upsert(e.event());
                }
                items.put(e.itemKey(), bytes);
            }
        } catch (RuntimeException failure) {
            // An event the engine cannot use must not stop the pipeline: it becomes a dead letter.
            LOG.warn("dead-lettering {}-{}@{}: {}", e.sourceTopic(), e.partition(), e.offset(), failure.toString());
            metrics.deadLettered(TrackerMetrics.PROCESSING);
            DeadLetter dl = new DeadLetter(
                    "processing failed: " + failure,
                    TrackerMetrics.PROCESSING,
                    e.sourceTopic(),
                    e.partition(),
                    e.offset(),
                    e.key(),
                    e.event() == null ? null : String.valueOf(e.event()),
                    Instant.ofEpochMilli(context.currentSystemTimeMs()));
            context.forward(record.withKey(dl.key()).withValue(dl));
            return;
        }
        metrics.pending(true);
    }

    /** True when the store holds this very version of the item: the same bytes, or bytes of an equal event. */
    private boolean storedAlready(Envelope e, byte[] bytes) {
        byte[] stored = items.get(e.itemKey());
        if (stored == null) {
            return false;
        }
        return java.util.Arrays.equals(stored, bytes)
                || e.type().serde().fromBytes(stored).equals(e.event());
    }

    /** Notes the event's checkpoint period; true when it is later than every period seen before for its type. */
    private boolean openPeriod(InputEvent event) {
        LocalDate period = emit.checkpoint().periodOf(event.eventDate());
        if (period == null) {
            return false;
        }
        LocalDate last = checkpointPeriods.get(event.inputType());
        if (last != null && !period.isAfter(last)) {
            return false;
        }
        checkpointPeriods.put(event.inputType(), period);
        return last != null;
    }

    /**
     * Publishes the state at the end of the period the stream just left: the fits, the empirical gaps,
     * and at the models' month ends the projections (which the models date). Without it a fast replay
     * could merge many months into one update, and what the alert rules see of history would depend
     * on replay speed. The benchmark sigmoids stay on their wall-clock interval: a refit costs
     * milliseconds, too much for every month end.
     */
    private void checkpoint(InputType period) {
        collect(timed(TrackerMetrics.Pass.CHECKPOINT, () -> engine.flushCheckpoint(period)));
        // The latest value of every output this type dates that changed in the period that just ended
        // is its end state, whether or not the wall-clock emission already published it: keep it by
        // as-of date. Outputs another type dates wait for that type's checkpoint: the other type's
        // period is still open, so their value now is a state inside it, which depends on how far
        // the other topic had been read.
        for (var it = changedInPeriod.values().iterator(); it.hasNext(); ) {
            TrackerEvent out = it.next();
            if (OutputIds.datedBy(out.key()) == period) {
                if (out.eventDate() != null) {
                    history.put(TrackerStores.historyKey(out.key(), out.eventDate()), out);
                }
                it.remove();
            }
        }
        emitPending(context.currentSystemTimeMs(), period);
    }

    /** Runs one of the engine's passes, its time recorded under {@code pass}. */
    private List<TrackerEvent> timed(TrackerMetrics.Pass pass, Supplier<List<TrackerEvent>> run) {
        long start = System.nanoTime();
        try {
            return run.get();
        } finally {
            metrics.pass(pass, System.nanoTime() - start);
        }
    }

    private void collect(List<TrackerEvent> outputs) {
        for (String id : engine.drainRetracted()) {
            pendingOutputs.remove(id);
            fitStore.delete(id);
            gapStore.delete(id);
        }
        for (TrackerEvent out : outputs) {
            pendingOutputs.put(out.key(), out);
            changedInPeriod.put(out.key(), out);
        }
    }

    /** Emits the latest value of every output that changed since the last emission, to the stores and topics. */
    private void emitPending(long now) {
        emitPending(now, null);
    }

    /** Emits the pending outputs that {@code datedBy} dates (all when null). */
    private void emitPending(long now, InputType datedBy) {
        collect(timed(TrackerMetrics.Pass.EMIT, engine::flushChanged));
        boolean forwarded = false;
        for (var it = pendingOutputs.values().iterator(); it.hasNext(); ) {
            TrackerEvent out = it.next();
            if (datedBy != null && OutputIds.datedBy(out.key()) != datedBy) {
                continue;
            }
            it.remove();
            if (out instanceof ScalingFit f) {
                fitStore.put(f.id(), f);
                metrics.emitted("fit");
            } else if (out instanceof GapEstimate g) {
                gapStore.put(g.id(), g);
                metrics.emitted("gap");
            }
            context.forward(new Record<>(out.key(), out, now));
            forwarded = true;
        }
        if (forwarded) {
            metrics.outputsForwarded(commitCount());
            if (metrics.inputEnded()) {
                // The driver of a bounded replay waits for this end state: commit it now rather than
                // at the next commit interval, which such a driver may set long (fewer transactions).
                context.commit();
            }
        }
        metrics.pending(engine.hasDeferred() || !pendingOutputs.isEmpty());
    }

    /**
     * This stream thread's count of completed commits (Kafka Streams' {@code commit-total}), found on
     * the first call, which runs on that thread; null where there is no such metric (the
     * TopologyTestDriver has no stream thread).
     */
    private DoubleSupplier commitCount() {
        if (commitCount == null) {
            String thread = Thread.currentThread().getName();
            commitCount = context.metrics().metrics().entrySet().stream()
                    .filter(e -> e.getKey().name().equals("commit-total")
                            && e.getKey().group().equals("stream-thread-metrics")
                            && thread.equals(e.getKey().tags().get("thread-id")))
                    .map(e -> (DoubleSupplier) () -> ((Number) e.getValue().metricValue()).doubleValue())
                    .findFirst()
                    .orElse(NO_COMMIT_COUNT);
        }
        return commitCount == NO_COMMIT_COUNT ? null : commitCount;
    }

    private static final DoubleSupplier NO_COMMIT_COUNT = () -> Double.NaN;
}
