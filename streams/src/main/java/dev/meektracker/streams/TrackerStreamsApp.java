package dev.meektracker.streams;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meektracker.core.config.TempDirectories;
import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.core.event.GapEstimate;
import dev.meektracker.core.event.InputEvent;
import dev.meektracker.core.event.InputType;
import dev.meektracker.core.event.ScalingFit;
import dev.meektracker.core.event.TrackerEvent;
import dev.meektracker.core.topic.Topics;
import dev.meektracker.streams.engine.EngineSettings;
import dev.meektracker.streams.page.PageData;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the topology with exactly-once processing and answers queries from its stores. */
public final class TrackerStreamsApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrackerStreamsApp.class);
    /** Stream threads replaced after an unexpected error before the client gives up. */
    private static final int MAX_THREAD_REPLACEMENTS = 3;

    private final KafkaStreams streams;
    /** The state directory when the tracker made it (no meek.state.dir): deleted on close. */
    private final Path temporaryStateDir;

    private final TrackerMetrics metrics = new TrackerMetrics();
    private final EngineSettings engineSettings;
    private final AtomicInteger replacements = new AtomicInteger();

    /**
     * Loads RocksDB's native library on a daemon thread. Kafka Streams loads it on the stream thread
     * when the first task opens its store: a command that starts this first has it ready by then.
     * Loading twice is safe (RocksDB loads once per process, and a second caller waits for the
     * first); a failure here is left for the store's own open to report. (Not in {@link
     * BoundedRocksDb}: initialising that class makes its cache, which loads the library on the
     * calling thread.) Nothing to load when the configuration keeps the items on the heap: no store
     * of the tracker is RocksDB's then.
     */
    public static void loadStoreLibraryInBackground(TrackerConfig config) {
        if (config.itemsInMemory()) {
            return;
        }
        Thread t = new Thread(
                () -> {
                    try {
                        RocksDbLibrary.load();
                    } catch (RuntimeException | LinkageError e) {
                        // Reported by Kafka Streams when it opens the store.
                    }
                },
                "rocksdb-load");
        t.setDaemon(true);
        t.start();
    }

    public TrackerStreamsApp(TrackerConfig config) {
        Properties p = config.streamsProperties(config.applicationId(), config.stateDir());
        p.putIfAbsent(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDb.class);
        this.temporaryStateDir = config.stateDir().isEmpty() ? Path.of(p.getProperty("state.dir")) : null;
        this.engineSettings = EngineSettings.from(config);
        boolean repartition = !singlePartitionInputs(config);
        LOG.info(
                "input topics {}: validated events {}",
                repartition ? "have several partitions (or are missing)" : "have one partition each",
                repartition ? "meet through the one-partition repartition topic" : "already meet in one task");
        this.streams =
                new KafkaStreams(TrackerTopology.build(config, metrics, java.time.Clock.systemUTC(), repartition), p);
        streams.setUncaughtExceptionHandler(e -> {
            if (replacements.incrementAndGet() <= MAX_THREAD_REPLACEMENTS) {
                LOG.error(
                        "stream thread failed; replacing it ({} of {})",
                        replacements.get(),
                        MAX_THREAD_REPLACEMENTS,
                        e);
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
            }
            LOG.error("stream thread failed {} times; shutting the tracker down", replacements.get(), e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    }

    /** True when every input topic exists with exactly one partition. */
    private static boolean singlePartitionInputs(TrackerConfig config) {
        Topics topics = Topics.of(config);
        List<String> inputs = List.of(
                topics.modelReleases().name(),
                topics.hardwarePrices().name(),
                topics.benchmarkResults().name());
        try (Admin admin = Admin.create(config.clientProperties())) {
            return admin.describeTopics(inputs).allTopicNames().get(30, TimeUnit.SECONDS).values().stream()
                    .allMatch(d -> d.partitions().size() == 1);
        } catch (Exception missingOrUnreachable) {
            return false;
        }
    }

    public TrackerStreamsApp start() {
        streams.cleanUp();
        streams.start();
        return this;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public KafkaStreams streams() {
        return streams;
    }

    public TrackerMetrics metrics() {
        return metrics;
    }

    /** Waits until the client is running (or failed). */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            KafkaStreams.State s = streams.state();
            if (s == KafkaStreams.State.RUNNING) {
                return true;
            }
            if (s == KafkaStreams.State.ERROR
                    || s == KafkaStreams.State.NOT_RUNNING
                    || s == KafkaStreams.State.PENDING_SHUTDOWN) {
                return false;
            }
            Thread.sleep(50);
        }
        return false;
    }

    public List<ScalingFit> fits() {
        return all(TrackerStores.FITS);
    }

    public List<GapEstimate> gaps() {
        return all(TrackerStores.GAPS);
    }

    public Optional<GapEstimate> gap(String id) {
        ReadOnlyKeyValueStore<String, GapEstimate> store = store(TrackerStores.GAPS);
        return Optional.ofNullable(store.get(id));
    }

    /** The ids with a history, sorted. */
    public List<String> historyIds() {
        ReadOnlyKeyValueStore<String, TrackerEvent> store = store(TrackerStores.HISTORY);
        java.util.TreeSet<String> ids = new java.util.TreeSet<>();
        try (KeyValueIterator<String, TrackerEvent> it = store.all()) {
            it.forEachRemaining(kv -> ids.add(kv.key.substring(0, kv.key.indexOf('\u0000'))));
        }
        return List.copyOf(ids);
    }

    /**
     * An output's month-end states in ascending as-of date, then its current state when that is later:
     * the series a chart of it over event time needs.
     */
    public List<TrackerEvent> history(String id) {
        ReadOnlyKeyValueStore<String, TrackerEvent> store = store(TrackerStores.HISTORY);
        List<TrackerEvent> out = new ArrayList<>();
        try (KeyValueIterator<String, TrackerEvent> it = store.range(id + "\u0000", id + "\u0001")) {
            it.forEachRemaining(kv -> out.add(kv.value));
        }
        ReadOnlyKeyValueStore<String, TrackerEvent> gaps = store(TrackerStores.GAPS);
        ReadOnlyKeyValueStore<String, TrackerEvent> fits = store(TrackerStores.FITS);
        TrackerEvent gap = gaps.get(id);
        TrackerEvent current = gap != null ? gap : fits.get(id);
        if (current != null
                && (out.isEmpty()
                        || current.eventDate().isAfter(out.get(out.size() - 1).eventDate()))) {
            out.add(current);
        }
        return out;
    }

    /** The current input items (models, chips, benchmark results), decoded from the latest-items store. */
    public List<InputEvent> items() {
        ReadOnlyKeyValueStore<String, byte[]> store = store(TrackerStores.ITEMS);
        List<InputEvent> out = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            it.forEachRemaining(kv -> {
                InputType type = Envelope.typeOfItemKey(kv.key);
                out.add(type.serde().deserializer().deserialize(null, kv.value));
            });
        }
        return out;
    }

    /** What the page draws, from the stores as they are now and the given alert transitions. */
    public PageData.Snapshot pageSnapshot(List<JsonNode> alerts, List<JsonNode> revisions) {
        Map<String, List<TrackerEvent>> history = new java.util.LinkedHashMap<>();
        List<GapEstimate> gaps = gaps();
        // Every current gap has a series, even one not yet at a month end (its latest state alone).
        java.util.TreeSet<String> ids = new java.util.TreeSet<>(historyIds());
        gaps.forEach(g -> ids.add(g.id()));
        for (String id : ids) {
            history.put(id, history(id));
        }
        return new PageData.Snapshot(
                java.time.Instant.now(), fits(), gaps, history, items(), alerts, revisions, engineSettings);
    }

    private <V> List<V> all(String name) {
        ReadOnlyKeyValueStore<String, V> store = store(name);
        List<V> out = new ArrayList<>();
        try (KeyValueIterator<String, V> it = store.all()) {
            it.forEachRemaining(kv -> out.add(kv.value));
        }
        return out;
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        return streams.store(
                StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
    }

    @Override
    public void close() {
        // Leave the group on a clean stop: Kafka Streams stays by default, so a replacement instance
        // would wait out session.timeout.ms (45 s) before it got the partitions.
        streams.close(org.apache.kafka.streams.CloseOptions.groupMembershipOperation(
                        org.apache.kafka.streams.CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
        TempDirectories.deleteQuietly(temporaryStateDir);
    }
}
