package dev.meektracker.streams;

import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.core.event.DeadLetter;
import dev.meektracker.core.event.GapEstimate;
import dev.meektracker.core.event.InputType;
import dev.meektracker.core.event.ScalingFit;
import dev.meektracker.core.event.TrackerEvent;
import dev.meektracker.core.serde.JsonSerde;
import dev.meektracker.core.topic.Topics;
import dev.meektracker.core.validate.EventValidator;
import dev.meektracker.streams.engine.EngineSettings;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The tracker's topology, built by a pure function of its configuration.
 *
 * <pre>
 * model-releases ─┐  validate-*   ┌─ dead letters ──────────────────────────────► tracker-dlq
 * hardware-prices ┼──────────────►┤
 * benchmark-results┘               └─ valid ─► repartition (1 partition) ─► track-gaps ─┬► scaling-fits
 *                                                                                      ├► gap-estimates
 *                                                                                      └► tracker-dlq
 * </pre>
 *
 * The fits are global (every model counts towards the frontier trend), so the validated events meet
 * in one partition (through the repartition topic unless every input topic has a single partition);
 * the work there is incremental per event.
 */
public final class TrackerTopology {

    public static final String REPARTITION = "validated-events";

    private TrackerTopology() {}

    public static Topology build(TrackerConfig config, TrackerMetrics metrics) {
        return build(config, metrics, Clock.systemUTC(), true);
    }

    public static Topology build(TrackerConfig config, TrackerMetrics metrics, Clock clock) {
        return build(config, metrics, clock, true);
    }

    /**
     * @param repartition route the validated events through a one-partition topic; needed when an input
     *                    topic has more than one partition, redundant (a produce, a transactional read and
     *                    a serialization per event) when every input topic has exactly one, because the
     *                    three sources then already meet in a single task
     */
    public static Topology build(TrackerConfig config, TrackerMetrics metrics, Clock clock, boolean repartition) {
        Topics topics = Topics.of(config);
        EventValidator validator = new EventValidator(clock, config.maxFutureSkew());
        EngineSettings settings = EngineSettings.from(config);
        EmitSettings emit = EmitSettings.from(config);
        JsonSerde<Envelope> envelopeSerde = JsonSerde.of(Envelope.class);

        StreamsBuilder builder = new StreamsBuilder();
        // The latest items are the one store that grows with the history (hundreds of bytes an item):
        // by default on disk, with RocksDB's memory bounded (BoundedRocksDb), so a long-running role's
        // heap holds only the engine's compact indices. On the heap instead (meek.items.store=memory)
        // each event skips RocksDB's write, a seventh of the stream thread's time, at about 0.5 KB of
        // heap an item: the choice for a bounded history such as the demo's.
        builder.addStateStore(Stores.keyValueStoreBuilder(
                config.itemsInMemory()
                        ? Stores.inMemoryKeyValueStore(TrackerStores.ITEMS)
                        : Stores.persistentKeyValueStore(TrackerStores.ITEMS),
                Serdes.String(),
                Serdes.ByteArray()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(TrackerStores.FITS),
                Serdes.String(),
                topics.scalingFits().valueSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(TrackerStores.GAPS),
                Serdes.String(),
                topics.gapEstimates().valueSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(TrackerStores.HISTORY),
                Serdes.String(),
                JsonSerde.of(TrackerEvent.class)));

        KStream<String, Object> checked = validated(builder, topics, InputType.MODEL_RELEASE, validator, metrics)
                .merge(
                        validated(builder, topics, InputType.HARDWARE_PRICE, validator, metrics),
                        Named.as("merge-hardware"))
                .merge(
                        validated(builder, topics, InputType.BENCHMARK_RESULT, validator, metrics),
                        Named.as("merge-benchmarks"));

        Map<String, KStream<String, Object>> routes = checked.split(Named.as("route-"))
                .branch((k, v) -> v instanceof DeadLetter, Branched.as("dead-letters"))
                .defaultBranch(Branched.as("valid"));
        routes.get("route-dead-letters")
                .mapValues(v -> (DeadLetter) v, Named.as("as-dead-letter"))
                .to(
                        topics.deadLetters().name(),
                        Produced.with(Serdes.String(), topics.deadLetters().valueSerde())
                                .withName("write-input-dead-letters"));

        KStream<String, Envelope> valid =
                routes.get("route-valid").mapValues(v -> (Envelope) v, Named.as("as-envelope"));
        if (repartition) {
            valid = valid.repartition(Repartitioned.with(Serdes.String(), envelopeSerde)
                    .withName(REPARTITION)
                    .withNumberOfPartitions(1));
        }
        KStream<String, TrackerEvent> outputs = valid.process(
                () -> new GapTrackerProcessor(settings, metrics, emit),
                Named.as("track-gaps"),
                TrackerStores.ITEMS,
                TrackerStores.FITS,
                TrackerStores.GAPS,
                TrackerStores.HISTORY);

        outputs.split(Named.as("output-"))
                .branch(
                        (k, v) -> v instanceof ScalingFit,
                        Branched.withConsumer(
                                s -> s.mapValues(v -> (ScalingFit) v, Named.as("as-fit"))
                                        .to(
                                                topics.scalingFits().name(),
                                                Produced.with(
                                                                Serdes.String(),
                                                                topics.scalingFits()
                                                                        .valueSerde())
                                                        .withName("write-fits")),
                                "fits"))
                .branch(
                        (k, v) -> v instanceof GapEstimate,
                        Branched.withConsumer(
                                s -> s.mapValues(v -> (GapEstimate) v, Named.as("as-gap"))
                                        .to(
                                                topics.gapEstimates().name(),
                                                Produced.with(
                                                                Serdes.String(),
                                                                topics.gapEstimates()
                                                                        .valueSerde())
                                                        .withName("write-gaps")),
                                "gaps"))
                .defaultBranch(Branched.withConsumer(
                        s -> s.mapValues(v -> (DeadLetter) v, Named.as("as-processing-dead-letter"))
                                .to(
                                        topics.deadLetters().name(),
                                        Produced.with(
                                                        Serdes.String(),
                                                        topics.deadLetters().valueSerde())
                                                .withName("write-processing-dead-letters")),
                        "dead-letters"));
        return builder.build();
    }

    private static KStream<String, Object> validated(
            StreamsBuilder builder, Topics topics, InputType type, EventValidator validator, TrackerMetrics metrics) {
        return builder.stream(
                        topics.input(type).name(),
                        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("read-" + type.topicBase()))
                .process(() -> new InputValidator(type, validator, metrics), Named.as("validate-" + type.topicBase()));
    }
}
