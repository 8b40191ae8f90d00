package dev.meektracker.streams;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.meektracker.core.serde.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * Interactive queries over HTTP: {@code GET /fits}, {@code GET /gaps}, {@code GET /gaps/{id}} (ids
 * contain slashes, e.g. /gaps/projection/budget-1000-usd), JSON from the streams application's stores.
 * Bound to 127.0.0.1 unless configured otherwise: the data is not secret, but nothing here authenticates.
 */
public final class QueryServer implements AutoCloseable {

    private final HttpServer server;

    public QueryServer(TrackerStreamsApp app, String host, int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "meek-tracker-http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/fits", ex -> handle(ex, () -> app.fits()));
        server.createContext("/gaps", ex -> {
            String path = ex.getRequestURI().getRawPath();
            if (path.equals("/gaps") || path.equals("/gaps/")) {
                handle(ex, () -> app.gaps());
            } else {
                String id = URLDecoder.decode(path.substring("/gaps/".length()), StandardCharsets.UTF_8);
                handle(ex, () -> app.gap(id).orElse(null));
            }
        });
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://" + server.getAddress().getHostString() + ":" + port();
    }

    private interface Query {
        Object run();
    }

    private static void handle(HttpExchange ex, Query query) throws IOException {
        try (ex) {
            if (!ex.getRequestMethod().equals("GET")) {
                send(ex, 405, Map.of("error", "only GET is supported"));
                return;
            }
            Object result;
            try {
                result = query.run();
            } catch (InvalidStateStoreException notReady) {
                send(ex, 503, Map.of("error", "the tracker's stores are not ready yet: " + notReady.getMessage()));
                return;
            }
            if (result == null) {
                send(
                        ex,
                        404,
                        Map.of("error", "no such gap: " + ex.getRequestURI().getPath()));
                return;
            }
            send(ex, 200, result);
        }
    }

    private static void send(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
