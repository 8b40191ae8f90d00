package dev.meektracker.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meektracker.core.config.Settings;
import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.core.event.InputEvent;
import dev.meektracker.core.event.InputType;
import dev.meektracker.core.event.TrackerEvent;
import dev.meektracker.core.serde.JsonSerde;
import dev.meektracker.core.topic.Topics;
import dev.meektracker.core.validate.EventValidator;
import dev.meektracker.producers.importer.ImportResult;
import dev.meektracker.producers.importer.Inputs;
import dev.meektracker.streams.engine.EngineSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedPunctuator;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * The processor alone, on Kafka Streams' MockProcessorContext: what it asks of the stream thread
 * (here, commits), which the TopologyTestDriver does not show.
 */
class GapTrackerProcessorTest {

    private static final Instant NOW = Instant.parse("2026-11-23T00:00:00Z");

    @Test
    void theEndStateOfAReplayDeclaredCompleteIsCommittedAtOnceAndNothingBeforeIt() throws Exception {
        MockProcessorContext<String, TrackerEvent> context = new MockProcessorContext<>();
        TrackerMetrics metrics = new TrackerMetrics();
        GapTrackerProcessor processor = processor(context, metrics);
        List<InputEvent> events = sample();
        long offset = replay(processor, events);
        // A replay of history mid-way: its month ends were published as they passed, and the
        // wall-clock intervals hold everything else back; the stream thread commits on its interval.
        assertThat(context.forwarded()).isNotEmpty();
        punctuateAll(context, NOW.toEpochMilli() + 100);
        assertThat(metrics.deferredPending()).isTrue();
        assertThat(context.committed()).isFalse();

        // Told that the input is complete, the next tick publishes the end state and asks for a commit.
        context.resetForwards();
        metrics.endOfInput();
        punctuateAll(context, NOW.toEpochMilli() + 200);
        assertThat(context.forwarded()).isNotEmpty();
        assertThat(metrics.deferredPending()).isFalse();
        assertThat(context.committed()).isTrue();

        // An event after that (here the latest model withdrawn) reopens the input: what it changes is
        // published on the intervals again, and the commits are the stream thread's to time.
        context.resetCommit();
        context.resetForwards();
        withdrawLatestModel(processor, events, offset, NOW.toEpochMilli() + 300);
        punctuateAll(context, NOW.toEpochMilli() + 10_000);
        assertThat(context.forwarded()).isNotEmpty();
        assertThat(context.committed()).isFalse();
    }

    @Test
    void everyPassOfTheEngineIsTimedUnderItsKind() throws Exception {
        MockProcessorContext<String, TrackerEvent> context = new MockProcessorContext<>();
        TrackerMetrics metrics = new TrackerMetrics();
        long start = System.nanoTime();
        GapTrackerProcessor processor = processor(context, metrics);
        assertThat(metrics.passCount(TrackerMetrics.Pass.REBUILD)).isEqualTo(1);

        // A replay: a checkpoint at each type's every new month (counted here from the events), each
        // followed by the emission of what it dates; the wall-clock ticks hold everything else back.
        List<InputEvent> events = sample();
        Map<InputType, Set<LocalDate>> months = new EnumMap<>(InputType.class);
        for (InputEvent e : events) {
            months.computeIfAbsent(e.inputType(), t -> new HashSet<>())
                    .add(e.eventDate().withDayOfMonth(1));
        }
        long checkpoints = months.values().stream().mapToLong(m -> m.size() - 1).sum();
        long offset = replay(processor, events);
        punctuateAll(context, NOW.toEpochMilli() + 100);
        assertThat(metrics.passCount(TrackerMetrics.Pass.CHECKPOINT))
                .isEqualTo(checkpoints)
                .isPositive();
        assertThat(metrics.passCount(TrackerMetrics.Pass.EMIT)).isEqualTo(checkpoints);
        assertThat(metrics.passCount(TrackerMetrics.Pass.REFIT)).isZero();
        assertThat(metrics.passCount(TrackerMetrics.Pass.DEFERRED)).isZero();

        // The input declared complete, the sigmoids' tick refits once (the end state), then emits.
        metrics.endOfInput();
        punctuator(context, EmitSettings.from(TrackerConfig.defaults()).sigmoid())
                .punctuate(NOW.toEpochMilli() + 200);
        assertThat(metrics.passCount(TrackerMetrics.Pass.REFIT)).isEqualTo(1);
        assertThat(metrics.passCount(TrackerMetrics.Pass.EMIT)).isEqualTo(checkpoints + 1);
        assertThat(metrics.passNanos(TrackerMetrics.Pass.REFIT)).isPositive();
        assertThat(metrics.passMaxSeconds(TrackerMetrics.Pass.REFIT))
                .isEqualTo(metrics.passNanos(TrackerMetrics.Pass.REFIT) / 1e9);

        // Nothing deferred: the projections' tick only emits. A model withdrawn: once the stream has
        // been quiet for meek.emit.idle.ms, it recomputes them.
        Duration deferred = EmitSettings.from(TrackerConfig.defaults()).deferred();
        punctuator(context, deferred).punctuate(NOW.toEpochMilli() + 300);
        assertThat(metrics.passCount(TrackerMetrics.Pass.DEFERRED)).isZero();
        withdrawLatestModel(processor, events, offset, NOW.toEpochMilli() + 400);
        punctuator(context, deferred).punctuate(NOW.toEpochMilli() + 10_000);
        assertThat(metrics.passCount(TrackerMetrics.Pass.DEFERRED)).isEqualTo(1);
        assertThat(metrics.passCount(TrackerMetrics.Pass.EMIT)).isEqualTo(checkpoints + 3);

        // Each pass timed once: together no longer than the whole test took.
        long elapsed = System.nanoTime() - start;
        long timed = java.util.Arrays.stream(TrackerMetrics.Pass.values())
                .mapToLong(metrics::passNanos)
                .sum();
        assertThat(timed).isPositive().isLessThanOrEqualTo(elapsed);
    }

    @Test
    void withoutCheckpointsADeclaredEndPublishesTheWholeEndStateAtTheNextTick() throws Exception {
        MockProcessorContext<String, TrackerEvent> context = new MockProcessorContext<>();
        TrackerMetrics metrics = new TrackerMetrics();
        TrackerConfig config = TrackerConfig.defaults().with(Settings.EMIT_CHECKPOINT, "none");
        GapTrackerProcessor processor = processor(context, metrics, config);
        replay(processor, sample());
        Duration emit = EmitSettings.from(config).emit();
        // Nothing is held back without checkpoints, so no replay goes quiet: the sigmoids and the lags'
        // intervals wait for their own 2 s tick, until the input is declared complete.
        context.setCurrentSystemTimeMs(NOW.toEpochMilli() + 100);
        punctuator(context, emit).punctuate(NOW.toEpochMilli() + 100);
        assertThat(metrics.passCount(TrackerMetrics.Pass.REFIT)).isZero();
        assertThat(metrics.deferredPending()).isTrue();

        metrics.endOfInput();
        punctuator(context, emit).punctuate(NOW.toEpochMilli() + 150);
        assertThat(metrics.passCount(TrackerMetrics.Pass.REFIT)).isEqualTo(1);
        assertThat(metrics.deferredPending()).isFalse();
        // Once per declared end.
        punctuator(context, emit).punctuate(NOW.toEpochMilli() + 200);
        assertThat(metrics.passCount(TrackerMetrics.Pass.REFIT)).isEqualTo(1);
    }

    /** The processor on {@code context} with in-memory stores, initialised at {@link #NOW}. */
    private static GapTrackerProcessor processor(
            MockProcessorContext<String, TrackerEvent> context, TrackerMetrics metrics) {
        return processor(context, metrics, TrackerConfig.defaults());
    }

    private static GapTrackerProcessor processor(
            MockProcessorContext<String, TrackerEvent> context, TrackerMetrics metrics, TrackerConfig config) {
        Topics topics = Topics.of(config);
        context.setCurrentSystemTimeMs(NOW.toEpochMilli());
        store(context, TrackerStores.ITEMS, Serdes.ByteArray());
        store(context, TrackerStores.FITS, topics.scalingFits().valueSerde());
        store(context, TrackerStores.GAPS, topics.gapEstimates().valueSerde());
        store(context, TrackerStores.HISTORY, JsonSerde.of(TrackerEvent.class));
        GapTrackerProcessor processor =
                new GapTrackerProcessor(EngineSettings.from(config), metrics, EmitSettings.from(config));
        processor.init(context);
        return processor;
    }

    /** The curated sample's events in release order. */
    private static List<InputEvent> sample() throws java.io.IOException {
        ImportResult sample =
                new Inputs(new EventValidator(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(2))).readSample();
        return Inputs.inReleaseOrder(sample.events());
    }

    /** Processes {@code events} as records at offsets 0, 1, …; returns the next offset. */
    private static long replay(GapTrackerProcessor processor, List<InputEvent> events) {
        long offset = 0;
        for (InputEvent e : events) {
            Envelope envelope = new Envelope(e.inputType(), e.key(), e, "in", 0, offset++, InputType.toBytes(e));
            processor.process(new Record<>(envelope.itemKey(), envelope, NOW.toEpochMilli()));
        }
        return offset;
    }

    /** A tombstone for the latest model of {@code events}, at {@code offset}. */
    private static void withdrawLatestModel(
            GapTrackerProcessor processor, List<InputEvent> events, long offset, long timestamp) {
        InputEvent model = events.stream()
                .filter(e -> e.inputType() == InputType.MODEL_RELEASE)
                .reduce((a, b) -> b)
                .orElseThrow();
        Envelope withdrawn = new Envelope(model.inputType(), model.key(), null, "in", 0, offset, null);
        processor.process(new Record<>(withdrawn.itemKey(), withdrawn, timestamp));
    }

    private static org.apache.kafka.streams.processor.Punctuator punctuator(
            MockProcessorContext<String, TrackerEvent> context, Duration interval) {
        return context.scheduledPunctuators().stream()
                .filter(p -> p.getInterval().equals(interval))
                .findFirst()
                .orElseThrow()
                .getPunctuator();
    }

    private static <V> void store(MockProcessorContext<String, TrackerEvent> context, String name, Serde<V> values) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(name), Serdes.String(), values)
                .withLoggingDisabled()
                .build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
    }

    private static void punctuateAll(MockProcessorContext<String, TrackerEvent> context, long now) {
        context.setCurrentSystemTimeMs(now);
        for (CapturedPunctuator p : context.scheduledPunctuators()) {
            p.getPunctuator().punctuate(now);
        }
    }
}
