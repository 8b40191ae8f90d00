package dev.meektracker.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.meektracker.core.event.GapEstimate;
import dev.meektracker.core.event.ScalingFit;
import dev.meektracker.core.event.TrackerEvent;
import dev.meektracker.core.serde.Json;
import dev.meektracker.streams.page.PageData;
import dev.meektracker.streams.page.PageView;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Interactive queries over HTTP, JSON from the streams application's stores, and the page: {@code GET /}
 * answers a browser (Accept: text/html) with the page and anyone else with the index, also at {@code
 * /api}, of the endpoints and every id; {@code /api/page} is the page's data, {@code /report.html} the
 * page as one file, {@code /assets/*} its script, styles and ECharts from the jar; {@code /fits}, {@code /fits/{id}}, {@code /gaps}, {@code /gaps/{id}} (ids
 * contain slashes, e.g. /gaps/projection/budget-1000-usd). An unknown id answers 404 with the known
 * ones; an unknown path, another method, a path that does not decode, a missing token: a 4xx with a
 * one-line JSON reason, never a stack trace. Bound to 127.0.0.1 unless configured otherwise; with
 * meek.http.token set, every request needs {@code Authorization: Bearer <token>}.
 */
public final class QueryServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueryServer.class);
    private static final Map<String, String> ENDPOINTS = endpoints();

    private final HttpServer server;
    private final Supplier<List<ScalingFit>> fits;
    private final Supplier<List<GapEstimate>> gaps;
    private final History history;
    private final Supplier<Map<String, Object>> page;
    private final Supplier<List<JsonNode>> sources;

    /** The outputs' history by event time. */
    public interface History {
        List<String> ids();

        /** One output's states in ascending as-of date. */
        List<TrackerEvent> of(String id);
    }

    private final byte[] token;

    public QueryServer(TrackerStreamsApp app, String host, int port, String token) throws IOException {
        this(app, List::of, List::of, host, port, token);
    }

    /**
     * A query API over a running tracker; {@code alerts} gives the alert transitions the page's timeline
     * shows, {@code revisions} the latest revision of each watched source (GET /sources).
     */
    public QueryServer(
            TrackerStreamsApp app,
            Supplier<List<JsonNode>> alerts,
            Supplier<List<JsonNode>> revisions,
            String host,
            int port,
            String token)
            throws IOException {
        this(
                app::fits,
                app::gaps,
                new History() {
                    @Override
                    public List<String> ids() {
                        return app.historyIds();
                    }

                    @Override
                    public List<TrackerEvent> of(String id) {
                        return app.history(id);
                    }
                },
                () -> PageData.build(app.pageSnapshot(alerts.get(), revisions.get())),
                revisions,
                host,
                port,
                token);
    }

    public QueryServer(
            Supplier<List<ScalingFit>> fits,
            Supplier<List<GapEstimate>> gaps,
            History history,
            Supplier<Map<String, Object>> page,
            Supplier<List<JsonNode>> sources,
            String host,
            int port,
            String token)
            throws IOException {
        this.fits = fits;
        this.gaps = gaps;
        this.history = history;
        this.page = page;
        this.sources = sources;
        this.token = token == null || token.isEmpty() ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "meek-tracker-http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    private static Map<String, String> endpoints() {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("/", "the page (charts and tables of the gap over time) for a browser; this index otherwise");
        e.put("/api", "this index: the endpoints and every fit and gap id");
        e.put("/api/page", "everything the page draws, as one JSON document (ETag; If-None-Match answers 304)");
        e.put("/report.html", "the page as one self-contained HTML file: data, scripts and styles inline");
        e.put(
                "/sources",
                "the latest revision of each watched source (fetched at, status, SHA-256, rows, upserts, tombstones, error)");
        e.put("/fits", "every current fit");
        e.put("/fits/{id}", "one fit, e.g. /fits/frontier-compute");
        e.put("/gaps", "every current gap");
        e.put("/gaps/{id}", "one gap, e.g. /gaps/compute/open-vs-closed");
        e.put("/history", "the ids with a history by event time");
        e.put(
                "/history/{id}?from=YYYY-MM-DD&to=YYYY-MM-DD&format=csv",
                "one output's month-end states and its latest, ascending by asOf; JSON, or CSV with format=csv or Accept: text/csv");
        return e;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://" + server.getAddress().getHostString() + ":" + port();
    }

    private void handle(HttpExchange ex) {
        try (ex) {
            try {
                route(ex);
            } catch (InvalidStateStoreException notReady) {
                send(ex, 503, Map.of("error", "the tracker's stores are not ready yet"));
            } catch (RuntimeException e) {
                LOG.warn("query {} failed: {}", ex.getRequestURI().getRawPath(), e.toString());
                send(ex, 500, Map.of("error", "internal error"));
            }
        } catch (IOException clientGone) {
            // The client closed the connection: nothing to answer.
        }
    }

    private void route(HttpExchange ex) throws IOException {
        if (token != null && !authorized(ex.getRequestHeaders().getFirst("Authorization"))) {
            ex.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            send(ex, 401, Map.of("error", "a bearer token is required (Authorization: Bearer <meek.http.token>)"));
            return;
        }
        String method = ex.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            ex.getResponseHeaders().set("Allow", "GET, HEAD");
            send(ex, 405, Map.of("error", "only GET and HEAD are supported, not " + cut(method)));
            return;
        }
        String path;
        try {
            path = URLDecoder.decode(ex.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            send(
                    ex,
                    400,
                    Map.of(
                            "error",
                            "the path does not decode: "
                                    + cut(ex.getRequestURI().getRawPath())));
            return;
        }
        String accept = ex.getRequestHeaders().getFirst("Accept");
        if (path.equals("/") && accept != null && accept.contains("text/html")) {
            sendBytes(ex, 200, "text/html; charset=utf-8", PageView.live().getBytes(StandardCharsets.UTF_8));
        } else if (path.equals("/api/page")) {
            pageData(ex);
        } else if (path.equals("/report.html")) {
            byte[] html = PageView.report(page.get()).getBytes(StandardCharsets.UTF_8);
            sendBytes(ex, 200, "text/html; charset=utf-8", html);
        } else if (path.startsWith("/assets/") && PageView.ASSETS.containsKey(path.substring("/assets/".length()))) {
            String name = path.substring("/assets/".length());
            ex.getResponseHeaders().set("Cache-Control", "max-age=3600");
            sendBytes(ex, 200, PageView.ASSETS.get(name), PageView.asset(name));
        } else if (path.equals("/") || path.equals("/api") || path.equals("/api/")) {
            Map<String, Object> index = new LinkedHashMap<>();
            index.put("endpoints", ENDPOINTS);
            index.put("fits", ids(fits.get()));
            index.put("gaps", ids(gaps.get()));
            send(ex, 200, index);
        } else if (path.equals("/sources") || path.equals("/sources/")) {
            send(ex, 200, sources.get());
        } else if (path.equals("/fits") || path.equals("/fits/")) {
            send(ex, 200, fits.get());
        } else if (path.equals("/gaps") || path.equals("/gaps/")) {
            send(ex, 200, gaps.get());
        } else if (path.equals("/history") || path.equals("/history/")) {
            send(ex, 200, history.ids());
        } else if (path.startsWith("/history/")) {
            history(ex, path.substring("/history/".length()));
        } else if (path.startsWith("/fits/")) {
            one(ex, "fit", path.substring("/fits/".length()), fits.get());
        } else if (path.startsWith("/gaps/")) {
            one(ex, "gap", path.substring("/gaps/".length()), gaps.get());
        } else {
            send(ex, 404, Map.of("error", "no such path: " + cut(path), "endpoints", ENDPOINTS));
        }
    }

    private static void one(HttpExchange ex, String kind, String id, List<? extends TrackerEvent> all)
            throws IOException {
        for (TrackerEvent e : all) {
            if (e.key().equals(id)) {
                send(ex, 200, e);
                return;
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "no " + kind + " '" + cut(id) + "'");
        body.put("known", ids(all));
        send(ex, 404, body);
    }

    private void history(HttpExchange ex, String id) throws IOException {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = ex.getRequestURI().getRawQuery();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                try {
                    query.put(
                            URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                            kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
                } catch (IllegalArgumentException malformed) {
                    send(ex, 400, Map.of("error", "the query does not decode: " + cut(raw)));
                    return;
                }
            }
        }
        java.time.LocalDate from;
        java.time.LocalDate to;
        try {
            from = query.containsKey("from") ? java.time.LocalDate.parse(query.get("from")) : java.time.LocalDate.MIN;
            to = query.containsKey("to") ? java.time.LocalDate.parse(query.get("to")) : java.time.LocalDate.MAX;
        } catch (java.time.format.DateTimeParseException e) {
            send(ex, 400, Map.of("error", "from and to are dates as YYYY-MM-DD"));
            return;
        }
        // A mistyped request is said to be one, not answered with an empty or a differently formatted body.
        if (from.isAfter(to)) {
            send(ex, 400, Map.of("error", "from (" + from + ") is after to (" + to + ")"));
            return;
        }
        String format = query.get("format");
        if (format != null && !format.equals("csv") && !format.equals("json")) {
            send(ex, 400, Map.of("error", "format is csv or json, not '" + cut(format) + "'"));
            return;
        }
        List<TrackerEvent> series = history.of(id);
        if (series.isEmpty()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", "no history of '" + cut(id) + "'");
            body.put("known", history.ids());
            send(ex, 404, body);
            return;
        }
        List<TrackerEvent> within = series.stream()
                .filter(e -> !e.eventDate().isBefore(from) && !e.eventDate().isAfter(to))
                .toList();
        String accept = ex.getRequestHeaders().getFirst("Accept");
        if ("csv".equals(format) || (format == null && accept != null && accept.contains("text/csv"))) {
            sendBytes(
                    ex, 200, "text/csv; charset=utf-8", HistoryCsv.write(within).getBytes(StandardCharsets.UTF_8));
            return;
        }
        send(ex, 200, within);
    }

    /** The page's data, with a strong ETag of its bytes: a poll of an unchanged tracker costs a 304 and no body. */
    private void pageData(HttpExchange ex) throws IOException {
        byte[] body = Json.MAPPER.writeValueAsBytes(page.get());
        String etag;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            etag = "\"" + java.util.HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
        ex.getResponseHeaders().set("ETag", etag);
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
            ex.sendResponseHeaders(304, -1);
            return;
        }
        sendBytes(ex, 200, "application/json", body);
    }

    private boolean authorized(String header) {
        // Constant-time comparison, so the answer's timing says nothing about the token.
        return header != null && MessageDigest.isEqual(token, header.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> ids(List<? extends TrackerEvent> all) {
        return all.stream().map(TrackerEvent::key).sorted().toList();
    }

    private static String cut(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    private static void send(HttpExchange ex, int status, Object body) throws IOException {
        sendBytes(
                ex,
                status,
                "application/json",
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(body));
    }

    /** The answer's headers, and its body unless the request was a HEAD. */
    private static void sendBytes(HttpExchange ex, int status, String contentType, byte[] bytes) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
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
