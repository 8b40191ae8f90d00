package dev.meektracker.producers.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fetcher's cap on a body's size, against a server on loopback that sends too much. */
class FetcherTest {

    private static final int CAP = 100_000;

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    /** Bytes the endless body got to write before the client went away. */
    private final AtomicLong endlessWritten = new AtomicLong();

    @TempDir
    Path dir;

    @BeforeEach
    void serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/small.jsonl", ex -> {
            requests.incrementAndGet();
            byte[] body = "{}\n".repeat(1000).getBytes();
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/declared-huge.csv", ex -> {
            requests.incrementAndGet();
            // Content-Length says 10 GB: refused before a byte of it is read.
            ex.getResponseHeaders().set("Content-Length", String.valueOf(10_000_000_000L));
            ex.sendResponseHeaders(200, 10_000_000_000L);
            ex.close();
        });
        server.createContext("/endless.csv", ex -> {
            requests.incrementAndGet();
            // Chunked, with no length: the cap is found by counting.
            ex.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[8192];
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 100_000; i++) {
                    out.write(chunk);
                    endlessWritten.addAndGet(chunk.length);
                }
            } catch (java.io.IOException clientWentAway) {
                // The fetcher cancelled the download: what this case is about.
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private Fetcher fetcher() {
        return new Fetcher(Duration.ofSeconds(5), Duration.ofSeconds(20), 3, Duration.ofMillis(10), CAP);
    }

    private SourceSpec spec(URI url) {
        return new SourceSpec("s", url, SourceFormat.JSONL, Duration.ofHours(6), Map.of(), 0.2, false);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void aBodyWithinTheCapIsFetched() throws Exception {
        Fetcher.Fetched f = fetcher().fetch(spec(url("/small.jsonl")), null, null);
        assertThat(f.failed()).as(f.error()).isFalse();
        assertThat(f.body()).hasSize(3000);
    }

    @Test
    void aBodyDeclaredLargerThanTheCapFailsAtOnceWithoutRetrying() throws Exception {
        Fetcher.Fetched f = fetcher().fetch(spec(url("/declared-huge.csv")), null, null);
        assertThat(f.failed()).isTrue();
        assertThat(f.error())
                .isEqualTo("the body is larger than meek.watch.max.bytes (10000000000 bytes, at most 100000)");
        assertThat(f.attempts()).isEqualTo(1);
        assertThat(requests.get()).isEqualTo(1);
    }

    @Test
    void anEndlessBodyIsCutAtTheCap() throws Exception {
        Fetcher.Fetched f = fetcher().fetch(spec(url("/endless.csv")), null, null);
        assertThat(f.failed()).isTrue();
        assertThat(f.error())
                .isEqualTo("the body is larger than meek.watch.max.bytes (over 100000 bytes, at most 100000)");
        assertThat(f.attempts()).isEqualTo(1);
        // The server stopped long before its 800 MB: the download was cancelled, not read to the end.
        assertThat(endlessWritten.get()).isLessThan(100_000L * 8192);
    }

    @Test
    void aLocalFileLargerThanTheCapIsNotRead() throws Exception {
        Path big = dir.resolve("big.jsonl");
        Files.write(big, new byte[CAP + 1]);
        Fetcher.Fetched f = fetcher().fetch(spec(big.toUri()), null, null);
        assertThat(f.error()).isEqualTo("the body is larger than meek.watch.max.bytes (100001 bytes, at most 100000)");
    }
}
