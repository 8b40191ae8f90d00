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
    private final long maxBytes;

    public Fetcher(
            Duration connectTimeout, Duration requestTimeout, int attempts, Duration firstBackoff, long maxBytes) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.requestTimeout = requestTimeout;
        this.attempts = Math.max(1, attempts);
        this.firstBackoff = firstBackoff;
        this.maxBytes = maxBytes;
    }

    /**
     * Ten seconds to connect, two minutes per request, three attempts one, two, four seconds apart, and
     * bodies of at most {@code maxBytes} (meek.watch.max.bytes).
     */
    public static Fetcher defaults(long maxBytes) {
        return new Fetcher(Duration.ofSeconds(10), Duration.ofMinutes(2), 3, Duration.ofSeconds(1), maxBytes);
    }

    /** The largest body this fetcher reads, in bytes (meek.watch.max.bytes). */
    public long maxBytes() {
        return maxBytes;
    }

    /** The error of a body over the cap: asking again would bring the same body. */
    private String tooLarge(long bytes) {
        return "the body is larger than meek.watch.max.bytes (" + (bytes < 0 ? "over " + maxBytes : bytes)
                + " bytes, at most " + maxBytes + ")";
    }

    public Fetched fetch(SourceSpec spec, String etag, String lastModified) throws InterruptedException {
        if (spec.url().getScheme().equals("file")) {
            try {
                Path file = Path.of(spec.url());
                long size = Files.size(file);
                if (size > maxBytes) {
                    return new Fetched(null, null, null, null, tooLarge(size), 1);
                }
                return new Fetched(null, Files.readAllBytes(file), null, null, null, 1);
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
                    http.sendAsync(request, info -> new CappedBody(maxBytes, info));
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
                Throwable cause = e.getCause() == null ? e : e.getCause();
                CappedBody.TooLarge over = CappedBody.tooLarge(cause);
                if (over != null) {
                    return new Fetched(status, null, null, null, tooLarge(over.declared), attempt);
                }
                // Connection refused or reset, a body cut short: all worth another try.
                error = "fetch failed: "
                        + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
            }
        }
        return new Fetched(status, null, null, null, error + " (after " + attempts + " attempts)", attempts);
    }

    /**
     * A body read into memory up to a cap: past it (or at once, when Content-Length says so) the
     * download is cancelled and the answer fails with {@link TooLarge}. Java's own byte-array handler
     * reads whatever comes, and a source that sends gigabytes would take the watcher's heap with it.
     */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

        /** The body went over the cap; {@code declared} is its Content-Length, or -1 when it did not say. */
        static final class TooLarge extends IOException {
            final long declared;

            TooLarge(long declared) {
                super("body over the cap");
                this.declared = declared;
            }
        }

        private final long max;
        private final long declared;
        private final java.util.concurrent.CompletableFuture<byte[]> body =
                new java.util.concurrent.CompletableFuture<>();
        private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        private java.util.concurrent.Flow.Subscription subscription;

        CappedBody(long max, HttpResponse.ResponseInfo info) {
            this.max = max;
            this.declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
        }

        static TooLarge tooLarge(Throwable t) {
            for (Throwable c = t; c != null; c = c.getCause()) {
                if (c instanceof TooLarge x) {
                    return x;
                }
            }
            return null;
        }

        @Override
        public java.util.concurrent.CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
            subscription = s;
            if (declared > max) {
                s.cancel();
                body.completeExceptionally(new TooLarge(declared));
                return;
            }
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(java.util.List<java.nio.ByteBuffer> items) {
            if (body.isDone()) {
                return;
            }
            for (java.nio.ByteBuffer b : items) {
                if (out.size() + (long) b.remaining() > max) {
                    subscription.cancel();
                    body.completeExceptionally(new TooLarge(declared));
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                out.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable t) {
            body.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            body.complete(out.toByteArray());
        }
    }
}
