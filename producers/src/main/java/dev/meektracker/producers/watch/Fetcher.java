package dev.meektracker.producers.watch;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Fetches a source politely: a conditional request (If-None-Match with the last ETag,
 * If-Modified-Since with the last Last-Modified), timeouts, and retries with exponential backoff on
 * connection failures and 5xx answers. A body shorter or longer than its Content-Length is a failed
 * fetch, never a source: a truncated download must not look like a source that lost rows.
 */
public final class Fetcher {

    /** What a fetch gave: a body, "not modified", or an error in words (after the retries). */
    public record Fetched(Integer status, byte[] body, String etag, String lastModified, String error, int attempts) {

        public boolean notModified() {
            return status != null && status == 304;
        }

        public boolean failed() {
            return error != null;
        }
    }

    private final HttpClient http;
    private final Duration requestTimeout;
    private final int attempts;
    private final Duration firstBackoff;

    public Fetcher(Duration connectTimeout, Duration requestTimeout, int attempts, Duration firstBackoff) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.requestTimeout = requestTimeout;
        this.attempts = Math.max(1, attempts);
        this.firstBackoff = firstBackoff;
    }

    /** Ten seconds to connect, two minutes per request, three attempts one, two, four seconds apart. */
    public static Fetcher defaults() {
        return new Fetcher(Duration.ofSeconds(10), Duration.ofMinutes(2), 3, Duration.ofSeconds(1));
    }

    public Fetched fetch(SourceSpec spec, String etag, String lastModified) throws InterruptedException {
        if (spec.url().getScheme().equals("file")) {
            try {
                return new Fetched(null, Files.readAllBytes(Path.of(spec.url())), null, null, null, 1);
            } catch (IOException | IllegalArgumentException e) {
                return new Fetched(null, null, null, null, "cannot read " + spec.url() + ": " + e.getMessage(), 1);
            }
        }
        HttpRequest.Builder b =
                HttpRequest.newBuilder(spec.url()).timeout(requestTimeout).GET();
        for (Map.Entry<String, String> h : spec.headers().entrySet()) {
            b.header(h.getKey(), h.getValue());
        }
        if (etag != null) {
            b.header("If-None-Match", etag);
        }
        if (lastModified != null) {
            b.header("If-Modified-Since", lastModified);
        }
        HttpRequest request = b.build();
        String error = null;
        Integer status = null;
        Duration backoff = firstBackoff;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) {
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2);
            }
            java.util.concurrent.CompletableFuture<HttpResponse<byte[]>> pending =
                    http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
            try {
                // The request's own timeout ends at the headers: a body that stalls halfway would wait
                // forever. The whole answer gets the same time.
                HttpResponse<byte[]> r =
                        pending.get(requestTimeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                status = r.statusCode();
                String newEtag = r.headers().firstValue("ETag").orElse(null);
                String newLastModified = r.headers().firstValue("Last-Modified").orElse(null);
                if (status == 304) {
                    return new Fetched(status, null, etag, lastModified, null, attempt);
                }
                if (status >= 500) {
                    error = "the server answered " + status;
                    continue;
                }
                if (status != 200) {
                    // 4xx: asking again will not help (a wrong URL, a missing token).
                    return new Fetched(status, null, null, null, "the server answered " + status, attempt);
                }
                OptionalLong length = r.headers().firstValueAsLong("Content-Length");
                byte[] body = r.body();
                if (length.isPresent() && length.getAsLong() != body.length) {
                    error = "truncated: Content-Length " + length.getAsLong() + " but " + body.length + " bytes came";
                    continue;
                }
                return new Fetched(status, body, newEtag, newLastModified, null, attempt);
            } catch (java.util.concurrent.TimeoutException e) {
                pending.cancel(true);
                error = "no complete answer within " + requestTimeout.toSeconds() + " s";
            } catch (java.util.concurrent.ExecutionException e) {
                // Connection refused or reset, a body cut short: all worth another try.
                Throwable cause = e.getCause() == null ? e : e.getCause();
                error = "fetch failed: "
                        + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
            }
        }
        return new Fetched(status, null, null, null, error + " (after " + attempts + " attempts)", attempts);
    }
}
