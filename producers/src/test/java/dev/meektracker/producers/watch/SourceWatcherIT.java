package dev.meektracker.producers.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.meektracker.broker.EmbeddedKafkaBroker;
import dev.meektracker.core.CommittedReader;
import dev.meektracker.core.SharedData;
import dev.meektracker.core.config.Settings;
import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.core.event.SourceRevision;
import dev.meektracker.core.serde.Json;
import dev.meektracker.core.topic.TopicInstaller;
import dev.meektracker.core.topic.Topics;
import dev.meektracker.core.validate.EventValidator;
import dev.meektracker.producers.importer.Inputs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The watcher against a loopback HTTP server serving Epoch AI's real all_ai_models.csv and changing
 * it between polls, on the embedded broker: conditional requests, 500s then recovery, a truncated
 * body, a changed header, one row edited, one row removed, 30 % removed, an unchanged file polled
 * many times, and the watcher restarted. Counts what reached the model-releases topic after each
 * poll. Skipped without ../shared/data.
 */
class SourceWatcherIT {

    private static EmbeddedKafkaBroker broker;
    private static TrackerConfig config;
    private static Topics topics;

    /** What the loopback server serves, and how. */
    private static final class Served {
        volatile byte[] body = new byte[0];
        volatile boolean etags = true;
        volatile int failuresLeft;
        volatile boolean truncate;
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger notModified = new AtomicInteger();
    }

    @BeforeAll
    static void start() throws Exception {
        broker = new EmbeddedKafkaBroker().start();
        config = TrackerConfig.defaults().with(Settings.BOOTSTRAP_SERVERS, broker.bootstrapServers());
        topics = TopicInstaller.install(config);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static HttpServer serve(Served s) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/all_ai_models.csv", ex -> {
            try (ex) {
                s.requests.incrementAndGet();
                if (s.failuresLeft > 0) {
                    s.failuresLeft--;
                    ex.sendResponseHeaders(500, -1);
                    return;
                }
                byte[] body = s.body;
                String etag = "\"" + SourceWatcher.sha256Hex(body).substring(0, 16) + "\"";
                if (s.etags) {
                    ex.getResponseHeaders().set("ETag", etag);
                    if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                        s.notModified.incrementAndGet();
                        ex.sendResponseHeaders(304, -1);
                        return;
                    }
                }
                ex.getResponseHeaders().set("Content-Type", "text/csv");
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    // A truncated download: the declared length, then the connection dropped halfway.
                    out.write(body, 0, s.truncate ? body.length / 2 : body.length);
                }
            } catch (java.io.IOException cut) {
                // The server's own complaint about the short body: the point of the truncation case.
            }
        });
        server.start();
        return server;
    }

    private static SourceWatcher watcher() {
        return new SourceWatcher(
                config.clientProperties(),
                topics,
                new Inputs(EventValidator.systemDefault()),
                new Fetcher(Duration.ofSeconds(5), Duration.ofSeconds(3), 3, Duration.ofMillis(50), 64L << 20),
                new SimpleMeterRegistry(),
                "meek-tracker-watch-it",
                Clock.systemUTC());
    }

    /** The file as CSV records; rewritten through the same printer so edits change only what they mean to. */
    private static List<CSVRecord> rows(List<String> header) throws Exception {
        try (Reader r = Files.newBufferedReader(SharedData.file("epoch-ai-models/all_ai_models.csv"))) {
            var parser = CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .build()
                    .parse(r);
            header.addAll(parser.getHeaderNames());
            return parser.getRecords();
        }
    }

    private static byte[] csv(List<String> header, List<List<String>> rows) throws Exception {
        StringWriter w = new StringWriter();
        try (CSVPrinter p = CSVFormat.DEFAULT
                .builder()
                .setHeader(header.toArray(String[]::new))
                .build()
                .print(w)) {
            for (List<String> row : rows) {
                p.printRecord(row);
            }
        }
        return w.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Records on model-releases after {@code from}: upserts (values) and tombstones (nulls). */
    private static int[] since(int from) {
        List<ConsumerRecord<String, byte[]>> all = CommittedReader.records(
                config.clientProperties(), topics.modelReleases().name());
        int upserts = 0;
        int tombstones = 0;
        for (ConsumerRecord<String, byte[]> r : all.subList(from, all.size())) {
            if (r.value() == null) {
                tombstones++;
            } else {
                upserts++;
            }
        }
        return new int[] {upserts, tombstones, all.size()};
    }

    @Test
    void publishesOnlyTheDifferenceAndHoldsBackWhatWouldWipeTheSource() throws Exception {
        List<String> header = new ArrayList<>();
        List<CSVRecord> records = rows(header);
        List<List<String>> base = new ArrayList<>();
        records.forEach(r -> base.add(new ArrayList<>(r.toList())));
        int modelCol = header.indexOf("Model");
        int computeCol = header.indexOf("Training compute (FLOP)");
        Map<String, Integer> names = new HashMap<>();
        base.forEach(r -> names.merge(r.get(modelCol), 1, Integer::sum));

        Served served = new Served();
        served.body = csv(header, base);
        HttpServer server = serve(served);
        SourceSpec spec = new SourceSpec(
                "epoch-models-it",
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/all_ai_models.csv"),
                SourceFormat.EPOCH_MODELS,
                Duration.ofHours(6),
                Map.of(),
                SourceSpec.DEFAULT_MAX_DELETION_SHARE,
                false);
        int offset;
        int items;
        try (SourceWatcher w = watcher()) {
            // First poll: the whole source, timed.
            long t0 = System.nanoTime();
            SourceRevision first = w.poll(spec);
            long firstMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(first.outcome()).isEqualTo("published");
            // One upsert per item: the file repeats a few model ids, and the importer keeps one row of each.
            assertThat(first.upserts()).isEqualTo(w.publishedItems(spec.id())).isGreaterThan(3000);
            assertThat(first.accepted()).isEqualTo(first.upserts());
            // The revision says what the import said: 12 rows superseded, 18 undated rows skipped,
            // 9 dataset sizes left blank (5 listing different values, 4 of 0) and 2 ids qualified (two
            // makers' models sharing a name's id), nothing rejected.
            assertThat(first.superseded()).isEqualTo(12);
            assertThat(first.skipped()).isEqualTo(18);
            assertThat(first.rejectedByReason()).isEmpty();
            assertThat(first.notedByReason().values().stream()
                            .mapToLong(Long::longValue)
                            .sum())
                    .isEqualTo(11);
            int[] c = since(0);
            assertThat(c[0]).isEqualTo(first.upserts());
            offset = c[2];
            items = w.publishedItems(spec.id());
            System.out.printf(
                    "first poll of all_ai_models.csv (%d rows, %d events): fetched, read, diffed and published in %d ms%n",
                    first.rows(), first.upserts(), firstMs);

            // Unchanged, with ETags: a 304 each time, nothing published; the CPU a warm poll costs.
            var threads = ManagementFactory.getThreadMXBean();
            long cpu0 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < 20; i++) {
                assertThat(w.poll(spec).outcome()).isEqualTo("unchanged");
            }
            long cpuPerPoll = (threads.getCurrentThreadCpuTime() - cpu0) / 20 / 1_000_000;
            assertThat(served.notModified.get()).isEqualTo(20);
            // Unchanged without validators: the body's SHA-256 decides.
            served.etags = false;
            long cpu1 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < 5; i++) {
                assertThat(w.poll(spec).outcome()).isEqualTo("unchanged");
            }
            long cpuPerHashPoll = (threads.getCurrentThreadCpuTime() - cpu1) / 5 / 1_000_000;
            assertThat(since(offset)[2] - offset)
                    .as("records published by unchanged polls")
                    .isZero();
            System.out.printf(
                    "unchanged polls: %d ms CPU each with a 304, %d ms with a full body and its hash%n",
                    cpuPerPoll, cpuPerHashPoll);
            served.etags = true;

            // 500 twice, then the body: recovered within the poll's retries.
            served.failuresLeft = 2;
            assertThat(w.poll(spec).outcome()).isEqualTo("unchanged");
            // 500 for longer than the retries: a failed revision, nothing published.
            served.failuresLeft = 10;
            SourceRevision failed = w.poll(spec);
            assertThat(failed.outcome()).isEqualTo("failed");
            assertThat(failed.error()).contains("500");
            served.failuresLeft = 0;

            // One row edited: exactly one upsert (timed: a changed 3,000-row file diffed and published).
            List<List<String>> edited = copy(base);
            int row = firstWithCompute(edited, computeCol, modelCol, names);
            edited.get(row)
                    .set(
                            computeCol,
                            String.valueOf(Double.parseDouble(edited.get(row).get(computeCol)) * 2));
            served.body = csv(header, edited);
            long t1 = System.nanoTime();
            SourceRevision one = w.poll(spec);
            long changedMs = (System.nanoTime() - t1) / 1_000_000;
            assertThat(one.outcome()).isEqualTo("published");
            assertThat(one.upserts()).isEqualTo(1);
            assertThat(one.tombstones()).isZero();
            c = since(offset);
            assertThat(new int[] {c[0], c[1]}).containsExactly(1, 0);
            offset = c[2];
            System.out.printf("a changed file, one row edited: diffed and published in %d ms%n", changedMs);

            // One row removed, first served truncated (a failed fetch, not a source that lost half its
            // rows), then whole: exactly one tombstone.
            List<List<String>> removed = copy(edited);
            int gone = firstWithCompute(removed, computeCol, modelCol, names);
            removed.remove(gone);
            served.body = csv(header, removed);
            served.truncate = true;
            SourceRevision truncated = w.poll(spec);
            assertThat(truncated.outcome()).isEqualTo("failed");
            assertThat(since(offset)[2]).isEqualTo(offset);
            served.truncate = false;
            SourceRevision del = w.poll(spec);
            assertThat(del.tombstones()).isEqualTo(1);
            assertThat(del.upserts()).isZero();
            c = since(offset);
            assertThat(new int[] {c[0], c[1]}).containsExactly(0, 1);
            offset = c[2];

            // A changed header: not published, said why.
            List<String> renamed = new ArrayList<>(header);
            renamed.set(renamed.indexOf("Organization"), "Organisation");
            served.body = csv(renamed, removed);
            SourceRevision schema = w.poll(spec);
            assertThat(schema.outcome()).isEqualTo("failed");
            assertThat(schema.error()).contains("columns changed", "Organization", "Organisation");
            assertThat(since(offset)[2]).isEqualTo(offset);

            // 30 % of rows removed: held back, nothing published, until accepted.
            List<List<String>> wiped = new ArrayList<>();
            for (int i = 0; i < removed.size(); i++) {
                if (i % 10 >= 3) {
                    wiped.add(removed.get(i));
                }
            }
            served.body = csv(header, wiped);
            SourceRevision held = w.poll(spec);
            assertThat(held.outcome()).isEqualTo("held-back");
            assertThat(held.error()).contains("would delete", "--accept epoch-models-it");
            assertThat(since(offset)[2]).isEqualTo(offset);
            assertThat(w.publishedItems(spec.id())).isEqualTo(items - 1);
            SourceRevision accepted = w.poll(spec.accepting());
            assertThat(accepted.outcome()).isEqualTo("published");
            assertThat(accepted.tombstones()).isGreaterThan(items / 5);
            offset = since(0)[2];
            items = w.publishedItems(spec.id());
        }

        // Restarted: the state comes back from source-state; the same body publishes nothing.
        served.etags = false;
        try (SourceWatcher again = watcher()) {
            assertThat(again.publishedItems(spec.id())).isEqualTo(items);
            assertThat(again.poll(spec).outcome()).isEqualTo("unchanged");
            assertThat(since(offset)[2]).isEqualTo(offset);
        } finally {
            server.stop(0);
        }

        // Every poll left a revision naming its outcome; every published event names its revision.
        List<SourceRevision> revisions = CommittedReader.read(
                config.clientProperties(),
                topics.sourceRevisions().name(),
                topics.sourceRevisions().valueSerde().deserializer());
        assertThat(revisions)
                .extracting(SourceRevision::outcome)
                .contains("published", "unchanged", "failed", "held-back");
        var last = Json.MAPPER.readTree(CommittedReader.records(
                        config.clientProperties(), topics.modelReleases().name())
                .get(0)
                .value());
        assertThat(last.get("provenance").asText())
                .startsWith("epoch-models-it@")
                .contains("all_ai_models.csv:");
    }

    private static List<List<String>> copy(List<List<String>> rows) {
        List<List<String>> out = new ArrayList<>();
        rows.forEach(r -> out.add(new ArrayList<>(r)));
        return out;
    }

    /** A row of a model listed once, with a compute figure: editing or removing it touches one item. */
    private static int firstWithCompute(
            List<List<String>> rows, int computeCol, int modelCol, Map<String, Integer> names) {
        for (int i = 0; i < rows.size(); i++) {
            String compute = rows.get(i).get(computeCol);
            if (!compute.isBlank() && names.get(rows.get(i).get(modelCol)) == 1) {
                return i;
            }
        }
        throw new IllegalStateException("no model with compute");
    }
}
