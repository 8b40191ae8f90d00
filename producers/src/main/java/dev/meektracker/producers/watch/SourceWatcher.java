package dev.meektracker.producers.watch;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.meektracker.core.config.TempDirectories;
import dev.meektracker.core.event.InputEvent;
import dev.meektracker.core.event.InputType;
import dev.meektracker.core.event.SourceRevision;
import dev.meektracker.core.serde.Json;
import dev.meektracker.core.topic.Topics;
import dev.meektracker.producers.importer.ImportResult;
import dev.meektracker.producers.importer.Inputs;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches sources and publishes only what changed. Per source it keeps, in the compacted
 * {@code source-state} topic, the content hash of every item it published and its last fetch (ETag,
 * Last-Modified, SHA-256, columns). A poll fetches conditionally; an unchanged body publishes nothing
 * but its revision; a body that fails, does not parse or whose columns changed is recorded and not
 * published; a change deleting more than the source's share of rows is held back unless accepted.
 * Otherwise new and changed items are upserts, vanished ones tombstones, and the events, the state
 * and the revision are written in one Kafka transaction: a watcher killed at any point and restarted
 * neither republishes nor misses a deletion. The hash leaves out provenance (file lines move when
 * rows are inserted above them); the published provenance names the revision.
 */
public final class SourceWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SourceWatcher.class);

    /** A source's last successful fetch, as kept in source-state. */
    record Meta(String etag, String lastModified, String sha256, List<String> columns) {}

    private final Topics topics;
    private final Properties clientProperties;
    private final Inputs inputs;
    private final Fetcher fetcher;
    private final Clock clock;
    private final KafkaProducer<String, byte[]> producer;
    private final MeterRegistry registry;
    /** Per source: item key (type:key) → content hash of what was published last. */
    private final Map<String, Map<String, String>> published = new HashMap<>();

    private final Map<String, Meta> meta = new HashMap<>();
    private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> heldBack = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> failing = new ConcurrentHashMap<>();
    private final Map<String, SourceRevision> latest = new ConcurrentHashMap<>();

    public SourceWatcher(
            Properties clientProperties,
            Topics topics,
            Inputs inputs,
            Fetcher fetcher,
            MeterRegistry registry,
            String transactionalId,
            Clock clock) {
        this.topics = topics;
        this.clientProperties = clientProperties;
        this.inputs = inputs;
        this.fetcher = fetcher;
        this.registry = registry;
        this.clock = clock;
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        p.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "10");
        p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "meek-tracker-watch");
        // A leaderboard's whole state can be one transaction: allow large batches of small records.
        p.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, "60000");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        // Fences any earlier watcher with the same id and aborts its open transaction.
        producer.initTransactions();
        loadState();
    }

    /** Reads source-state to its end (committed records only): what every source published last. */
    private void loadState() {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        String topic = topics.sourceState().name();
        int items = 0;
        try (KafkaConsumer<String, String> c =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(topic, i.partition()))
                    .toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    apply(r.key(), r.value());
                }
            }
        }
        for (Map<String, String> m : published.values()) {
            items += m.size();
        }
        LOG.info("watch state: {} sources, {} published items", meta.size(), items);
    }

    private void apply(String key, String value) {
        int bar = key.indexOf('|');
        if (bar < 0) {
            return;
        }
        String source = key.substring(0, bar);
        String rest = key.substring(bar + 1);
        if (rest.equals("meta")) {
            if (value == null) {
                meta.remove(source);
            } else {
                try {
                    meta.put(source, Json.MAPPER.readValue(value, Meta.class));
                } catch (JsonProcessingException e) {
                    LOG.warn("unreadable watch state for source {}: ignored", source);
                }
            }
        } else if (rest.startsWith("item|")) {
            String item = rest.substring("item|".length());
            if (value == null) {
                published.computeIfAbsent(source, s -> new HashMap<>()).remove(item);
            } else {
                published.computeIfAbsent(source, s -> new HashMap<>()).put(item, value);
            }
        }
    }

    /** The number of items a source published last (its current rows). */
    public int publishedItems(String sourceId) {
        return published.getOrDefault(sourceId, Map.of()).size();
    }

    /** The latest revision of each source this watcher polled. */
    public Map<String, SourceRevision> latest() {
        return Map.copyOf(latest);
    }

    /** Polls one source once: fetch, read, compare, and publish the difference with its revision. */
    public SourceRevision poll(SourceSpec spec) throws InterruptedException {
        meters(spec);
        Instant start = clock.instant();
        long t0 = System.nanoTime();
        Meta last = meta.get(spec.id());
        Fetcher.Fetched f =
                fetcher.fetch(spec, last == null ? null : last.etag(), last == null ? null : last.lastModified());
        Builder rev = new Builder(spec, start, f);
        if (f.failed()) {
            return finish(rev.failed(f.error()), t0, List.of());
        }
        if (f.notModified()) {
            return finish(rev.unchanged(last.sha256()), t0, List.of());
        }
        String sha = sha256Hex(f.body());
        rev.sha = sha;
        if (last != null && sha.equals(last.sha256())) {
            // Same bytes (a server without ETag or Last-Modified): remember its validators, publish nothing.
            Meta refreshed = new Meta(f.etag(), f.lastModified(), sha, last.columns());
            return finish(rev.unchanged(sha), t0, List.of(metaRecord(spec.id(), refreshed)));
        }
        Path scratch = null;
        SourceFormat.Parsed parsed;
        try {
            scratch = Files.createTempDirectory("meek-tracker-watch-");
            Path body = scratch.resolve("body");
            Files.write(body, f.body());
            Path parts = Files.createDirectory(scratch.resolve("parts"));
            parsed = spec.format().read(body, fileName(spec), inputs, parts, fetcher.maxBytes());
        } catch (IOException | RuntimeException e) {
            return finish(
                    rev.failed("the body does not read as " + spec.format().wire() + ": " + reason(e)), t0, List.of());
        } finally {
            TempDirectories.deleteQuietly(scratch);
        }
        ImportResult r = parsed.result();
        rev.counts(r);
        r.missingColumns().forEach(m -> LOG.warn("source {}: {}", spec.id(), m));
        if (last != null
                && last.columns() != null
                && parsed.columns() != null
                && !last.columns().equals(parsed.columns())
                && !spec.accept()) {
            return finish(rev.failed(columnsChanged(last.columns(), parsed.columns())), t0, List.of());
        }
        if (r.events().isEmpty() && r.rows() > 0 && !spec.accept()) {
            return finish(rev.failed("no row of " + r.rows() + " is valid: nothing published"), t0, List.of());
        }

        // The difference from what this source published last.
        Map<String, String> before = published.getOrDefault(spec.id(), Map.of());
        Map<String, InputEvent> now = new LinkedHashMap<>();
        Map<String, String> hashes = new HashMap<>();
        for (InputEvent e : Inputs.inReleaseOrder(r.events())) {
            String item = e.inputType().wire() + ":" + e.key();
            now.put(item, e);
            hashes.put(
                    item, sha256Hex(InputType.toBytes(e.withProvenance(null))).substring(0, 32));
        }
        List<String> upserts = new ArrayList<>();
        for (String item : now.keySet()) {
            if (!hashes.get(item).equals(before.get(item))) {
                upserts.add(item);
            }
        }
        Set<String> gone = new LinkedHashSet<>(before.keySet());
        gone.removeAll(now.keySet());
        if (!before.isEmpty() && gone.size() > spec.maxDeletionShare() * before.size() && !spec.accept()) {
            String why = String.format(
                    java.util.Locale.ROOT,
                    "would delete %d of %d rows (%.0f %%, more than %.0f %%): held back; accept it with --accept %s"
                            + " or accept: true",
                    gone.size(),
                    before.size(),
                    100.0 * gone.size() / before.size(),
                    100 * spec.maxDeletionShare(),
                    spec.id());
            rev.outcome = SourceRevision.HELD_BACK;
            rev.error = why;
            return finish(rev, t0, List.of());
        }
        String revision = spec.id() + "@" + sha.substring(0, 12);
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (String item : upserts) {
            InputEvent e = now.get(item);
            InputEvent named = e.withProvenance(revision + " " + (e.provenance() == null ? "" : e.provenance()));
            records.add(new ProducerRecord<>(topics.input(e.inputType()).name(), e.key(), InputType.toBytes(named)));
            records.add(stateRecord(spec.id(), item, hashes.get(item)));
        }
        for (String item : gone) {
            int colon = item.indexOf(':');
            InputType type = InputType.fromWire(item.substring(0, colon));
            records.add(new ProducerRecord<>(topics.input(type).name(), item.substring(colon + 1), null));
            records.add(stateRecord(spec.id(), item, null));
        }
        records.add(metaRecord(spec.id(), new Meta(f.etag(), f.lastModified(), sha, parsed.columns())));
        rev.outcome = upserts.isEmpty() && gone.isEmpty() ? SourceRevision.UNCHANGED : SourceRevision.PUBLISHED;
        rev.upserts = upserts.size();
        rev.tombstones = gone.size();
        SourceRevision done = finish(rev, t0, records);
        Map<String, String> after = published.computeIfAbsent(spec.id(), s -> new HashMap<>());
        upserts.forEach(i -> after.put(i, hashes.get(i)));
        gone.forEach(after::remove);
        registry.counter("meektracker.source.rows.published", "source", spec.id(), "kind", "upsert")
                .increment(upserts.size());
        registry.counter("meektracker.source.rows.published", "source", spec.id(), "kind", "tombstone")
                .increment(gone.size());
        return done;
    }

    /** Writes the records and the revision in one transaction, then updates meters and the kept meta. */
    private SourceRevision finish(Builder b, long t0, List<ProducerRecord<String, byte[]>> records) {
        SourceRevision rev = b.build(Duration.ofNanos(System.nanoTime() - t0).toMillis());
        producer.beginTransaction();
        try {
            for (ProducerRecord<String, byte[]> r : records) {
                producer.send(r);
            }
            producer.send(new ProducerRecord<>(
                    topics.sourceRevisions().name(),
                    rev.sourceId(),
                    topics.sourceRevisions().valueSerde().serializer().serialize(null, rev)));
            producer.commitTransaction();
        } catch (RuntimeException e) {
            producer.abortTransaction();
            throw e;
        }
        for (ProducerRecord<String, byte[]> r : records) {
            if (r.topic().equals(topics.sourceState().name()) && r.key().endsWith("|meta")) {
                apply(
                        r.key(),
                        r.value() == null ? null : new String(r.value(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        latest.put(rev.sourceId(), rev);
        Counter.builder("meektracker.source.fetches")
                .description("fetches of a watched source by outcome")
                .tag("source", rev.sourceId())
                .tag("outcome", rev.outcome())
                .register(registry)
                .increment();
        boolean ok =
                rev.outcome().equals(SourceRevision.PUBLISHED) || rev.outcome().equals(SourceRevision.UNCHANGED);
        if (ok) {
            lastSuccess.get(rev.sourceId()).set(rev.fetchedAt().getEpochSecond());
        }
        heldBack.get(rev.sourceId()).set(rev.outcome().equals(SourceRevision.HELD_BACK) ? 1 : 0);
        failing.get(rev.sourceId()).set(rev.outcome().equals(SourceRevision.FAILED) ? 1 : 0);
        if (ok) {
            LOG.info(
                    "source {}: {} ({} rows, {} noted, {} upserts, {} tombstones, {} ms)",
                    rev.sourceId(),
                    rev.outcome(),
                    rev.rows(),
                    rev.notedByReason().values().stream()
                            .mapToLong(Long::longValue)
                            .sum(),
                    rev.upserts(),
                    rev.tombstones(),
                    rev.durationMs());
        } else {
            LOG.warn("source {}: {}: {}", rev.sourceId(), rev.outcome(), rev.error());
        }
        return rev;
    }

    private void meters(SourceSpec spec) {
        lastSuccess.computeIfAbsent(spec.id(), id -> {
            AtomicLong v = new AtomicLong();
            Gauge.builder("meektracker.source.last.success", v, AtomicLong::get)
                    .description("when the source was last fetched and read without error (epoch seconds)")
                    .baseUnit("seconds")
                    .tag("source", id)
                    .register(registry);
            Gauge.builder("meektracker.source.interval", spec.every(), Duration::toSeconds)
                    .description("the source's polling interval")
                    .baseUnit("seconds")
                    .tag("source", id)
                    .register(registry);
            return v;
        });
        flag(
                heldBack,
                spec.id(),
                "meektracker.source.held.back",
                "1 while the source's latest revision is a mass deletion held back");
        flag(
                failing,
                spec.id(),
                "meektracker.source.failing",
                "1 while the source's latest fetch failed, did not read, or changed its columns");
    }

    /** A 0/1 gauge per source, registered once. */
    private void flag(Map<String, AtomicLong> flags, String source, String name, String description) {
        flags.computeIfAbsent(source, id -> {
            AtomicLong v = new AtomicLong();
            Gauge.builder(name, v, AtomicLong::get)
                    .description(description)
                    .tag("source", id)
                    .register(registry);
            return v;
        });
    }

    private ProducerRecord<String, byte[]> stateRecord(String source, String item, String hash) {
        return new ProducerRecord<>(
                topics.sourceState().name(),
                source + "|item|" + item,
                hash == null ? null : hash.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private ProducerRecord<String, byte[]> metaRecord(String source, Meta m) {
        try {
            return new ProducerRecord<>(
                    topics.sourceState().name(), source + "|meta", Json.MAPPER.writeValueAsBytes(m));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String columnsChanged(List<String> before, List<String> now) {
        List<String> missing = new ArrayList<>(before);
        missing.removeAll(now);
        List<String> added = new ArrayList<>(now);
        added.removeAll(before);
        String s = "columns changed: " + (missing.isEmpty() ? "" : "missing " + cut(missing) + " ")
                + (added.isEmpty() ? "" : "new " + cut(added) + " ")
                + (missing.isEmpty() && added.isEmpty() ? "reordered " : "")
                + "- not published until accepted (--accept or accept: true)";
        return s.replace("  ", " ");
    }

    private static String cut(List<String> names) {
        String s = names.toString();
        return s.length() <= 120 ? s : s.substring(0, 117) + "...]";
    }

    private static String reason(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        m = nl < 0 ? m : m.substring(0, nl);
        return m.length() <= 200 ? m : m.substring(0, 197) + "...";
    }

    private static String fileName(SourceSpec spec) {
        String path = spec.url().getPath();
        String base = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        return base.isBlank() || !base.matches("[A-Za-z0-9._-]+") ? spec.id() : base;
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    /** A revision being assembled. */
    private static final class Builder {
        final SourceSpec spec;
        final Instant fetchedAt;
        final Fetcher.Fetched fetched;
        String sha;
        String outcome;
        String error;
        int rows;
        int accepted;
        Map<String, Long> rejected = Map.of();
        int skipped;
        Map<String, Long> noted = Map.of();
        int superseded;
        int upserts;
        int tombstones;

        Builder(SourceSpec spec, Instant fetchedAt, Fetcher.Fetched fetched) {
            this.spec = spec;
            this.fetchedAt = fetchedAt;
            this.fetched = fetched;
        }

        Builder failed(String why) {
            outcome = SourceRevision.FAILED;
            error = why;
            return this;
        }

        Builder unchanged(String sha256) {
            outcome = SourceRevision.UNCHANGED;
            sha = sha256;
            return this;
        }

        void counts(ImportResult r) {
            rows = r.rows();
            accepted = r.events().size();
            rejected = r.rejectionsByReason();
            skipped = r.skipped().size();
            // A column the file lacks leaves its field out of every row of the file: counted as that many notes.
            Map<String, Long> n = new LinkedHashMap<>();
            r.missingColumns()
                    .forEach(m -> n.merge(m.category(), (long) r.rowsByFile().getOrDefault(m.file(), 0), Long::sum));
            r.notesByReason().forEach((reason, count) -> n.merge(reason, count, Long::sum));
            noted = n;
            superseded = r.superseded();
        }

        SourceRevision build(long durationMs) {
            String revision = spec.id() + "@" + (sha != null ? sha.substring(0, 12) : fetchedAt.toString());
            return new SourceRevision(
                    spec.id(),
                    revision,
                    spec.url().toString(),
                    fetchedAt,
                    fetched.status(),
                    fetched.etag(),
                    fetched.lastModified(),
                    sha,
                    outcome,
                    rows,
                    accepted,
                    rejected,
                    skipped,
                    noted,
                    superseded,
                    upserts,
                    tombstones,
                    durationMs,
                    error);
        }
    }

    /**
     * Polls every source at its interval until interrupted; a failed or held-back source is tried again
     * after the shorter of its interval and five minutes.
     */
    public void run(List<SourceSpec> specs) throws InterruptedException {
        Map<String, Instant> due = new HashMap<>();
        specs.forEach(s -> due.put(s.id(), clock.instant()));
        while (!Thread.currentThread().isInterrupted()) {
            for (SourceSpec s : specs) {
                if (!clock.instant().isBefore(due.get(s.id()))) {
                    SourceRevision r = poll(s);
                    boolean ok = r.outcome().equals(SourceRevision.PUBLISHED)
                            || r.outcome().equals(SourceRevision.UNCHANGED);
                    Duration wait = ok ? s.every() : min(s.every(), Duration.ofMinutes(5));
                    due.put(s.id(), clock.instant().plus(wait));
                }
            }
            Instant next = due.values().stream().min(Instant::compareTo).orElseThrow();
            long ms = Duration.between(clock.instant(), next).toMillis();
            if (ms > 0) {
                Thread.sleep(Math.min(ms, 1000));
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
