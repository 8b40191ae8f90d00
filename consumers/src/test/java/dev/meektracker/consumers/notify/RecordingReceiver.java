package dev.meektracker.consumers.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.meektracker.core.serde.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * A real HTTP server on loopback that records every request body and answers with the status a test
 * chooses per request number (1-based), to check payloads and retries.
 */
final class RecordingReceiver implements AutoCloseable {

    record Request(String path, String authorization, JsonNode body, int answered, long receivedNanos) {}

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();

    /** @param status HTTP status for the n-th request */
    RecordingReceiver(IntUnaryOperator status) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            try (ex;
                    InputStream in = ex.getRequestBody()) {
                JsonNode body = Json.MAPPER.readTree(in.readAllBytes());
                int s = status.applyAsInt(count.incrementAndGet());
                requests.add(new Request(
                        ex.getRequestURI().getPath(),
                        ex.getRequestHeaders().getFirst("Authorization"),
                        body,
                        s,
                        System.nanoTime()));
                byte[] answer = (s / 100 == 2 ? "ok" : "no").getBytes();
                ex.sendResponseHeaders(s, answer.length);
                ex.getResponseBody().write(answer);
            }
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Requests answered 2xx. */
    List<Request> accepted() {
        return requests.stream().filter(r -> r.answered() / 100 == 2).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
