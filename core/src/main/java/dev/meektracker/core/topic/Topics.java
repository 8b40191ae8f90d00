package dev.meektracker.core.topic;

import dev.meektracker.core.event.BenchmarkResult;
import dev.meektracker.core.event.DeadLetter;
import dev.meektracker.core.event.GapEstimate;
import dev.meektracker.core.event.HardwarePrice;
import dev.meektracker.core.event.InputEvent;
import dev.meektracker.core.event.InputType;
import dev.meektracker.core.event.ModelRelease;
import dev.meektracker.core.event.ScalingFit;
import dev.meektracker.core.event.SourceRevision;
import dev.meektracker.core.serde.JsonSerde;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The catalogue of the tracker's topics: each name bound to its serdes, once, so producers, the
 * topology and consumers cannot disagree. All names take one configurable prefix (e.g. "staging.").
 */
public final class Topics {

    public static final String MODEL_RELEASES = "model-releases";
    public static final String HARDWARE_PRICES = "hardware-prices";
    public static final String BENCHMARK_RESULTS = "benchmark-results";
    public static final String SCALING_FITS = "scaling-fits";
    public static final String GAP_ESTIMATES = "gap-estimates";
    public static final String GAP_ALERTS = "gap-alerts";
    public static final String DLQ = "tracker-dlq";
    public static final String SOURCE_REVISIONS = "source-revisions";
    public static final String SOURCE_STATE = "source-state";

    /** Keyed upserts: only the latest event per id matters, so compaction keeps the topic bounded. */
    private static final Map<String, String> COMPACTED = Map.of("cleanup.policy", "compact");
    /** History that dashboards and audits read back: kept for 30 days. */
    private static final Map<String, String> HISTORY =
            Map.of("cleanup.policy", "delete", "retention.ms", String.valueOf(30L * 24 * 3600 * 1000));

    private final String prefix;
    private final Topic<String, ModelRelease> modelReleases;
    private final Topic<String, HardwarePrice> hardwarePrices;
    private final Topic<String, BenchmarkResult> benchmarkResults;
    private final Topic<String, ScalingFit> scalingFits;
    private final Topic<String, GapEstimate> gapEstimates;
    private final Topic<String, byte[]> gapAlerts;
    private final Topic<String, DeadLetter> deadLetters;
    private final Topic<String, SourceRevision> sourceRevisions;
    private final Topic<String, String> sourceState;
    private final Map<InputType, Topic<String, InputEvent>> inputs = new EnumMap<>(InputType.class);

    public Topics(String prefix, int inputPartitions) {
        this.prefix = prefix == null ? "" : prefix;
        Serde<String> key = Serdes.String();
        for (InputType t : InputType.values()) {
            inputs.put(t, new Topic<>(name(t.topicBase()), key, t.serde(), inputPartitions, COMPACTED));
        }
        modelReleases =
                new Topic<>(name(MODEL_RELEASES), key, JsonSerde.of(ModelRelease.class), inputPartitions, COMPACTED);
        hardwarePrices =
                new Topic<>(name(HARDWARE_PRICES), key, JsonSerde.of(HardwarePrice.class), inputPartitions, COMPACTED);
        benchmarkResults = new Topic<>(
                name(BENCHMARK_RESULTS), key, JsonSerde.of(BenchmarkResult.class), inputPartitions, COMPACTED);
        scalingFits = new Topic<>(name(SCALING_FITS), key, JsonSerde.of(ScalingFit.class), 1, HISTORY);
        gapEstimates = new Topic<>(name(GAP_ESTIMATES), key, JsonSerde.of(GapEstimate.class), 1, HISTORY);
        // The alert payload type belongs to the consumers module; the catalogue fixes name and key only.
        gapAlerts = new Topic<>(name(GAP_ALERTS), key, Serdes.ByteArray(), 1, HISTORY);
        deadLetters = new Topic<>(name(DLQ), key, JsonSerde.of(DeadLetter.class), 1, HISTORY);
        // Every fetch of every source, kept a year: the provenance the published events name.
        sourceRevisions = new Topic<>(
                name(SOURCE_REVISIONS),
                key,
                JsonSerde.of(SourceRevision.class),
                1,
                Map.of("cleanup.policy", "delete", "retention.ms", String.valueOf(365L * 24 * 3600 * 1000)));
        // What the watcher published last, per source and item (content hash), and each source's last
        // fetch: compacted, so a restarted watcher republishes nothing and misses no deletion.
        sourceState = new Topic<>(name(SOURCE_STATE), key, Serdes.String(), 1, COMPACTED);
    }

    /** The topics a configuration names: meek.topic.prefix, and meek.topic.partitions for the inputs. */
    public static Topics of(dev.meektracker.core.config.TrackerConfig config) {
        return new Topics(config.topicPrefix(), config.topicPartitions());
    }

    public static Topics defaults() {
        return new Topics("", 1);
    }

    public String prefix() {
        return prefix;
    }

    public String name(String base) {
        return prefix + base;
    }

    /** The topic of one kind of input, with a serde for any input event. */
    public Topic<String, InputEvent> input(InputType type) {
        return inputs.get(type);
    }

    public Topic<String, ModelRelease> modelReleases() {
        return modelReleases;
    }

    public Topic<String, HardwarePrice> hardwarePrices() {
        return hardwarePrices;
    }

    public Topic<String, BenchmarkResult> benchmarkResults() {
        return benchmarkResults;
    }

    public Topic<String, ScalingFit> scalingFits() {
        return scalingFits;
    }

    public Topic<String, GapEstimate> gapEstimates() {
        return gapEstimates;
    }

    public Topic<String, byte[]> gapAlerts() {
        return gapAlerts;
    }

    public Topic<String, DeadLetter> deadLetters() {
        return deadLetters;
    }

    public Topic<String, SourceRevision> sourceRevisions() {
        return sourceRevisions;
    }

    public Topic<String, String> sourceState() {
        return sourceState;
    }

    public List<Topic<String, ?>> all() {
        return List.of(
                modelReleases,
                hardwarePrices,
                benchmarkResults,
                scalingFits,
                gapEstimates,
                gapAlerts,
                deadLetters,
                sourceRevisions,
                sourceState);
    }
}
