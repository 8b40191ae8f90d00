package dev.meektracker.streams;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.ZoneOffset;
import java.util.List;
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
        TrackerConfig config = TrackerConfig.defaults();
        Topics topics = Topics.of(config);
        MockProcessorContext<String, TrackerEvent> context = new MockProcessorContext<>();
        context.setCurrentSystemTimeMs(NOW.toEpochMilli());
        store(context, TrackerStores.ITEMS, Serdes.ByteArray());
        store(context, TrackerStores.FITS, topics.scalingFits().valueSerde());
        store(context, TrackerStores.GAPS, topics.gapEstimates().valueSerde());
        store(context, TrackerStores.HISTORY, JsonSerde.of(TrackerEvent.class));
        TrackerMetrics metrics = new TrackerMetrics();
        GapTrackerProcessor processor =
                new GapTrackerProcessor(EngineSettings.from(config), metrics, EmitSettings.from(config));
        processor.init(context);

        ImportResult sample =
                new Inputs(new EventValidator(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(2))).readSample();
        List<InputEvent> events = Inputs.inReleaseOrder(sample.events());
        long offset = 0;
        for (InputEvent e : events) {
            Envelope envelope = new Envelope(e.inputType(), e.key(), e, "in", 0, offset++, InputType.toBytes(e));
            processor.process(new Record<>(envelope.itemKey(), envelope, NOW.toEpochMilli()));
        }
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
        InputEvent model = events.stream()
                .filter(e -> e.inputType() == InputType.MODEL_RELEASE)
                .reduce((a, b) -> b)
                .orElseThrow();
        Envelope withdrawn = new Envelope(model.inputType(), model.key(), null, "in", 0, offset, null);
        processor.process(new Record<>(withdrawn.itemKey(), withdrawn, NOW.toEpochMilli() + 300));
        punctuateAll(context, NOW.toEpochMilli() + 10_000);
        assertThat(context.forwarded()).isNotEmpty();
        assertThat(context.committed()).isFalse();
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
