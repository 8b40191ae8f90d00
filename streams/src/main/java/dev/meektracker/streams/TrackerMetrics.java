package dev.meektracker.streams;

import dev.meektracker.core.event.InputType;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.distribution.TimeWindowMax;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/**
 * Counters the topology keeps: events accepted per type, records dead-lettered per reason class,
 * outputs emitted per kind, and the time the gap engine's passes hold the stream thread. Plain
 * counters on the stream thread's path; {@link #bindTo} exposes them to a Micrometer registry as
 * function counters and timers read at scrape time.
 */
public final class TrackerMetrics {

    /** Input events the topology accepted, by type. */
    public static final String EVENTS_ACCEPTED = "meektracker.events.accepted";
    /** Input records dead-lettered, by reason category. */
    public static final String EVENTS_DEAD_LETTERED = "meektracker.events.deadlettered";
    /** Validated events the gap engine took. */
    public static final String EVENTS_PROCESSED = "meektracker.events.processed";
    /** Fits and gaps emitted, by kind. */
    public static final String OUTPUTS_EMITTED = "meektracker.outputs.emitted";
    /** Time the stream thread spent in the gap engine's passes, by {@link Pass}. */
    public static final String ENGINE_PASS = "meektracker.engine.pass";
    /** The longest of those passes in the last two minutes, by {@link Pass}. */
    public static final String ENGINE_PASS_MAX = "meektracker.engine.pass.max";

    /**
     * The gap engine's work besides applying each event, on the stream thread. While a pass runs the
     * thread processes no record and commits no transaction, so a long one (refits of many benchmark
     * sigmoids, a large history rebuilt) is latency on every output and alert behind it.
     */
    public enum Pass {
        /** The cheap outputs of what changed (fits, gaps), before every emission of pending outputs. */
        EMIT,
        /** The same and the projections, every {@code meek.deferred.interval.ms}. */
        DEFERRED,
        /**
         * The same, the benchmark sigmoids' refits and the catch-up lags' intervals, every {@code
         * meek.sigmoid.interval.ms} and when a replay goes quiet.
         */
        REFIT,
        /** The state at the end of an event-time period ({@code meek.emit.checkpoint}, a month by default). */
        CHECKPOINT,
        /** The engine rebuilt from the latest-items store when the task starts. */
        REBUILD;

        /** The metric tag's value. */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One pass's count, total time and recent maximum; read at scrape time, written on the stream thread. */
    private static final class PassTimes {
        final LongAdder count = new LongAdder();
        final LongAdder nanos = new LongAdder();
        final TimeWindowMax max;

        PassTimes(Clock clock) {
            // Micrometer's own timers' window: the maximum of the last two minutes, rotated in thirds.
            max = new TimeWindowMax(clock, TimeUnit.SECONDS.toMillis(40), 3);
        }
    }

    /** Why a record became a dead letter: it was not JSON of its type, it broke a rule, or the engine failed on it. */
    public static final String DESERIALIZATION = "deserialization";

    public static final String VALIDATION = "validation";
    public static final String PROCESSING = "processing";
    private static final List<String> CATEGORIES = List.of(DESERIALIZATION, VALIDATION, PROCESSING);

    private final Map<String, LongAdder> accepted = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> deadLettered = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> emitted = new ConcurrentHashMap<>();
    private final LongAdder processed = new LongAdder();
    private volatile boolean pending;
    /** The processed count at which the input was declared complete; -1 while it is open. */
    private volatile long inputEndedAt = -1;
    /** The stream thread's count of completed commits, once outputs have been forwarded. */
    private volatile DoubleSupplier commits;
    /** That count when outputs were last forwarded. */
    private volatile double commitsAtLastOutput;

    private volatile boolean forwardedAny;

    private final Map<Pass, PassTimes> passes = new EnumMap<>(Pass.class);

    public TrackerMetrics() {
        this(Clock.SYSTEM);
    }

    /** With the clock the passes' recent maximum is windowed by (a test's). */
    TrackerMetrics(Clock clock) {
        for (Pass p : Pass.values()) {
            passes.put(p, new PassTimes(clock));
        }
    }

    void pending(boolean p) {
        pending = p;
    }

    /** True while the engine holds deferred outputs (projections, sigmoid refits) not yet emitted. */
    public boolean deferredPending() {
        return pending;
    }

    /**
     * Declares the input complete: every event of a bounded replay (a {@code demo --once}) has been
     * processed. The processor then publishes the replay's end state at its next wall-clock tick
     * instead of waiting for {@code meek.emit.idle.ms} of quiet, which is there only because a live
     * tracker cannot know that a replay has ended. An event processed after this reopens the input.
     */
    public void endOfInput() {
        inputEndedAt = processedCount();
    }

    /**
     * Records that outputs were just forwarded, on the stream thread, with that thread's count of
     * completed commits ({@code commit-total}); {@code commits} is null where there is none to read.
     * Called before {@link #pending} is updated: a reader that saw the pending outputs go sees this.
     */
    void outputsForwarded(DoubleSupplier commits) {
        this.commits = commits;
        commitsAtLastOutput = commits == null ? Double.NaN : commits.getAsDouble();
        forwardedAny = true;
    }

    /**
     * Whether every output forwarded so far is in a committed transaction, readable by a
     * read_committed consumer: the stream thread completed a commit after the latest forward (it
     * forwards and commits one after the other, and counts a commit once its transaction is
     * committed). True before any output; null when the thread's commit count cannot be read. Read
     * it after {@link #deferredPending}.
     */
    public Boolean outputsCommitted() {
        if (!forwardedAny) {
            return Boolean.TRUE;
        }
        DoubleSupplier c = commits;
        return c == null ? null : c.getAsDouble() > commitsAtLastOutput;
    }

    /** True when {@link #endOfInput} was called and no event has been processed since. */
    boolean inputEnded() {
        return inputEndedAt >= 0 && inputEndedAt == processedCount();
    }

    void processed() {
        processed.increment();
    }

    /** Validated events the gap engine has taken (including duplicates it ignored). */
    public long processedCount() {
        return processed.sum();
    }

    public long acceptedCount() {
        return accepted.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long deadLetteredCount() {
        return deadLettered.values().stream().mapToLong(LongAdder::sum).sum();
    }

    void accepted(String type) {
        accepted.computeIfAbsent(type, k -> new LongAdder()).increment();
    }

    void deadLettered(String category) {
        deadLettered.computeIfAbsent(category, k -> new LongAdder()).increment();
    }

    void emitted(String kind) {
        emitted.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    /** Records a pass of the gap engine that took {@code nanos}. */
    void pass(Pass pass, long nanos) {
        PassTimes t = passes.get(pass);
        t.count.increment();
        t.nanos.add(nanos);
        t.max.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** How many passes of this kind ran. */
    public long passCount(Pass pass) {
        return passes.get(pass).count.sum();
    }

    /** Their total time, nanoseconds. */
    public long passNanos(Pass pass) {
        return passes.get(pass).nanos.sum();
    }

    /** The longest of them in the last two minutes, seconds; 0 when none ran in that time. */
    public double passMaxSeconds(Pass pass) {
        return passes.get(pass).max.poll(TimeUnit.SECONDS);
    }

    public Map<String, Long> accepted() {
        return snapshot(accepted);
    }

    public Map<String, Long> deadLettered() {
        return snapshot(deadLettered);
    }

    public Map<String, Long> emitted() {
        return snapshot(emitted);
    }

    /** Registers every counter, each tag value up front so it reads 0 rather than absent. */
    public void bindTo(MeterRegistry registry) {
        for (InputType t : InputType.values()) {
            FunctionCounter.builder(EVENTS_ACCEPTED, this, m -> m.accepted().getOrDefault(t.wire(), 0L))
                    .tag("type", t.wire())
                    .description("input events the topology accepted")
                    .register(registry);
        }
        for (String category : CATEGORIES) {
            FunctionCounter.builder(
                            EVENTS_DEAD_LETTERED, this, m -> m.deadLettered().getOrDefault(category, 0L))
                    .tag("reason", category)
                    .description("input records sent to the dead-letter topic")
                    .register(registry);
        }
        FunctionCounter.builder(EVENTS_PROCESSED, this, TrackerMetrics::processedCount)
                .description("validated events the gap engine took")
                .register(registry);
        for (String kind : List.of("fit", "gap")) {
            FunctionCounter.builder(OUTPUTS_EMITTED, this, m -> m.emitted().getOrDefault(kind, 0L))
                    .tag("kind", kind)
                    .description("fits and gaps emitted")
                    .register(registry);
        }
        for (Pass p : Pass.values()) {
            FunctionTimer.builder(ENGINE_PASS, this, m -> m.passCount(p), m -> m.passNanos(p), TimeUnit.NANOSECONDS)
                    .tag("pass", p.tag())
                    .description("time the stream thread spent in the gap engine's passes, during which it processes"
                            + " and commits nothing")
                    .register(registry);
            TimeGauge.builder(ENGINE_PASS_MAX, this, TimeUnit.SECONDS, m -> m.passMaxSeconds(p))
                    .tag("pass", p.tag())
                    .description("the longest of the gap engine's passes in the last two minutes")
                    .register(registry);
        }
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> m) {
        Map<String, Long> s = new java.util.TreeMap<>();
        m.forEach((k, v) -> s.put(k, v.sum()));
        return s;
    }
}
