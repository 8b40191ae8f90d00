package dev.meektracker.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meektracker.core.event.GapEstimate;
import dev.meektracker.core.event.ScalingFit;
import dev.meektracker.core.serde.Json;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The query API's HTTP surface on loopback, hostile requests included; the stores behind it are plain lists here (PipelineIT queries the real ones). */
class QueryServerTest {

    private static final List<GapEstimate> GAPS = List.of(new GapEstimate(
            "compute/open-vs-closed",
            "compute",
            LocalDate.of(2025, 1, 1),
            1.0,
            "orders of magnitude",
            null,
            null,
            2.0,
            Map.of(),
            "n"));
    private static final List<ScalingFit> FITS = List.of(new ScalingFit(
            "frontier-compute", "ols", LocalDate.of(2025, 1, 1), null, null, 10, 0.9, null, null, Map.of(), "n"));
    private static final QueryServer.History HISTORY = new QueryServer.History() {
        @Override
        public List<String> ids() {
            return List.of("compute/open-vs-closed");
        }

        @Override
        public List<dev.meektracker.core.event.TrackerEvent> of(String id) {
            if (!id.equals("compute/open-vs-closed")) {
                return List.of();
            }
            List<dev.meektracker.core.event.TrackerEvent> out = new java.util.ArrayList<>();
            for (int m = 1; m <= 12; m++) {
                out.add(new GapEstimate(
                        id,
                        "compute",
                        LocalDate.of(2024, m, 1).plusMonths(1).minusDays(1),
                        1.0 + m / 10.0,
                        "orders of magnitude",
                        null,
                        null,
                        2.0,
                        Map.of(),
                        "n"));
            }
            return out;
        }
    };
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void historyByEventTimeAsJsonOrCsvWithinDates() throws Exception {
        try (QueryServer s = new QueryServer(() -> FITS, () -> GAPS, HISTORY, Map::of, List::of, "127.0.0.1", 0, "")) {
            assertThat(send(s.url() + "/history", "GET", null).body()).contains("compute/open-vs-closed");
            var all = Json.MAPPER.readTree(send(s.url() + "/history/compute/open-vs-closed", "GET", null)
                    .body());
            assertThat(all.size()).isEqualTo(12);
            assertThat(all.get(0).get("asOf").asText()).isEqualTo("2024-01-31");
            var q2 = Json.MAPPER.readTree(
                    send(s.url() + "/history/compute/open-vs-closed?from=2024-04-01&to=2024-06-30", "GET", null)
                            .body());
            assertThat(q2.size()).isEqualTo(3);
            HttpResponse<String> csv =
                    send(s.url() + "/history/compute/open-vs-closed?format=csv&from=2024-11-01", "GET", null);
            assertThat(csv.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
            assertThat(csv.body().lines().toList())
                    .containsExactly(
                            "asOf,id,value,unit,low,high,lagMonths",
                            "2024-11-30,compute/open-vs-closed,2.1,orders of magnitude,,,2.0",
                            "2024-12-31,compute/open-vs-closed,2.2,orders of magnitude,,,2.0");
            HttpResponse<String> byAccept = http.send(
                    HttpRequest.newBuilder(URI.create(s.url() + "/history/compute/open-vs-closed"))
                            .header("Accept", "text/csv")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(byAccept.body()).startsWith("asOf,id,value");
            HttpResponse<String> unknown = send(s.url() + "/history/eci", "GET", null);
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).contains("compute/open-vs-closed");
            assertThat(send(s.url() + "/history/compute/open-vs-closed?from=last-year", "GET", null)
                            .statusCode())
                    .isEqualTo(400);
            HttpResponse<String> backwards =
                    send(s.url() + "/history/compute/open-vs-closed?from=2025-01-01&to=2024-01-01", "GET", null);
            assertThat(backwards.statusCode()).isEqualTo(400);
            assertThat(backwards.body()).contains("from (2025-01-01) is after to (2024-01-01)");
            HttpResponse<String> xml = send(s.url() + "/history/compute/open-vs-closed?format=xml", "GET", null);
            assertThat(xml.statusCode()).isEqualTo(400);
            assertThat(xml.body()).contains("format is csv or json, not 'xml'");
            assertThat(send(s.url() + "/history/compute/open-vs-closed?format=json", "GET", null)
                            .body())
                    .startsWith("[");
        }
    }

    @Test
    void thePageForBrowsersItsDataWithAnETagItsAssetsAndTheSelfContainedReport() throws Exception {
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("generatedAt", "2026-01-01T00:00:00Z");
        data.put("note", "a </script> inside the data must not end the report's script");
        try (QueryServer s =
                new QueryServer(() -> FITS, () -> GAPS, HISTORY, () -> data, List::of, "127.0.0.1", 0, "")) {
            HttpResponse<String> page = http.send(
                    HttpRequest.newBuilder(URI.create(s.url() + "/"))
                            .header("Accept", "text/html,application/xhtml+xml")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(page.body()).contains("<script src=\"assets/echarts.min.js\">", "data-mode=\"live\"");
            // Anyone else (curl, scripts) still gets the JSON index at / and at /api.
            assertThat(Json.MAPPER
                            .readTree(send(s.url() + "/", "GET", null).body())
                            .has("endpoints"))
                    .isTrue();
            assertThat(Json.MAPPER
                            .readTree(send(s.url() + "/api", "GET", null).body())
                            .has("endpoints"))
                    .isTrue();

            HttpResponse<String> first = send(s.url() + "/api/page", "GET", null);
            assertThat(first.statusCode()).isEqualTo(200);
            String etag = first.headers().firstValue("ETag").orElseThrow();
            HttpResponse<String> again = http.send(
                    HttpRequest.newBuilder(URI.create(s.url() + "/api/page"))
                            .header("If-None-Match", etag)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(again.statusCode()).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            data.put("generatedAt", "2026-01-01T00:00:05Z");
            HttpResponse<String> changed = http.send(
                    HttpRequest.newBuilder(URI.create(s.url() + "/api/page"))
                            .header("If-None-Match", etag)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(changed.statusCode()).isEqualTo(200);
            assertThat(changed.headers().firstValue("ETag")).isNotEqualTo(java.util.Optional.of(etag));

            HttpResponse<byte[]> echarts = http.send(
                    HttpRequest.newBuilder(URI.create(s.url() + "/assets/echarts.min.js"))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(echarts.statusCode()).isEqualTo(200);
            assertThat(echarts.body().length).isGreaterThan(500_000);
            assertThat(send(s.url() + "/assets/../../etc/passwd", "GET", null).statusCode())
                    .isEqualTo(404);
            assertThat(send(s.url() + "/assets/other.js", "GET", null).statusCode())
                    .isEqualTo(404);

            String report = send(s.url() + "/report.html", "GET", null).body();
            assertThat(report)
                    .contains("data-mode=\"report\"", "id=\"meek-data\"", "\\u003c/script> inside the data")
                    .doesNotContain("src=\"assets/", "src=\"http", "href=\"http");
            // The data's "</script>" is escaped: exactly one closing tag per script element (data, ECharts, page).
            assertThat(report.split("</script>", -1)).hasSize(4);
        }
    }

    @Test
    void theLatestRevisionOfEachWatchedSource() throws Exception {
        var revision = Json.MAPPER.readTree(
                "{\"sourceId\":\"epoch-all-ai-models\",\"outcome\":\"unchanged\",\"httpStatus\":304}");
        try (QueryServer s = new QueryServer(
                () -> FITS, () -> GAPS, HISTORY, Map::of, () -> List.of(revision), "127.0.0.1", 0, "")) {
            HttpResponse<String> sources = send(s.url() + "/sources", "GET", null);
            assertThat(sources.statusCode()).isEqualTo(200);
            var body = Json.MAPPER.readTree(sources.body());
            assertThat(body.get(0).get("sourceId").asText()).isEqualTo("epoch-all-ai-models");
            assertThat(Json.MAPPER
                            .readTree(send(s.url() + "/api", "GET", null).body())
                            .get("endpoints")
                            .has("/sources"))
                    .isTrue();
        }
    }

    private HttpResponse<String> send(String url, String method, String token) throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request as raw bytes (the JDK client refuses malformed URIs); returns the status line. */
    private static String raw(int port, String target) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream()
                    .write(("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
            socket.setSoTimeout(10_000);
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            // The JDK's server answers a request line it cannot parse itself ("400 ... URISyntaxException thrown"):
            // a 4xx naming the problem, never a stack trace, and nothing of the tracker's own.
            assertThat(answer).doesNotContain("\tat ").doesNotContain("dev.meektracker");
            return answer.lines().findFirst().orElse("");
        }
    }

    @Test
    void knownAndUnknownPathsIdsAndMethods() throws Exception {
        try (QueryServer s = new QueryServer(() -> FITS, () -> GAPS, HISTORY, Map::of, List::of, "127.0.0.1", 0, "")) {
            var index = Json.MAPPER.readTree(send(s.url() + "/", "GET", null).body());
            assertThat(index.get("gaps").get(0).asText()).isEqualTo("compute/open-vs-closed");
            assertThat(index.get("endpoints").has("/gaps/{id}")).isTrue();
            assertThat(send(s.url() + "/gaps/compute/open-vs-closed", "GET", null)
                            .statusCode())
                    .isEqualTo(200);
            assertThat(send(s.url() + "/fits/frontier-compute", "GET", null).body())
                    .contains("\"n\" : 10");
            HttpResponse<String> unknown = send(s.url() + "/gaps/eci", "GET", null);
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).contains("no gap 'eci'").contains("compute/open-vs-closed");
            assertThat(send(s.url() + "/nope", "GET", null).statusCode()).isEqualTo(404);
            HttpResponse<String> post = send(s.url() + "/gaps", "POST", null);
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
            assertThat(raw(s.port(), "/gaps/%zz")).contains(" 400 ");
            assertThat(raw(s.port(), "/gaps/../../etc/passwd")).contains(" 404 ");
            assertThat(raw(s.port(), "/gaps?x=%%%&&==")).contains(" 400 ");
            assertThat(send(s.url() + "/gaps", "HEAD", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void hugeHeadersAndBodiesGetAnAnswerNotAStackTrace() throws Exception {
        try (QueryServer s = new QueryServer(() -> FITS, () -> GAPS, HISTORY, Map::of, List::of, "127.0.0.1", 0, "");
                Socket socket = new Socket("127.0.0.1", s.port())) {
            OutputStream out = socket.getOutputStream();
            String header = "GET /gaps HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(200_000)
                    + "\r\nContent-Length: 1000000\r\n\r\n";
            out.write(header.getBytes(StandardCharsets.US_ASCII));
            try {
                out.write(new byte[1_000_000]);
                out.flush();
            } catch (java.io.IOException refused) {
                // The server may close the connection on a header it will not read: an answer too.
            }
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            try {
                String answer = new String(in.readNBytes(4096), StandardCharsets.ISO_8859_1);
                assertThat(answer).doesNotContain("Exception").doesNotContain("\tat ");
            } catch (java.net.SocketException reset) {
                // The server dropped a request it will not read: also an answer, and it leaks nothing.
            }
            // And it still serves everyone else.
            assertThat(send(s.url() + "/gaps", "GET", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aTokenIsAskedOfEveryRequestWhenSet() throws Exception {
        try (QueryServer s =
                new QueryServer(() -> FITS, () -> GAPS, HISTORY, Map::of, List::of, "127.0.0.1", 0, "s3cret")) {
            HttpResponse<String> none = send(s.url() + "/gaps", "GET", null);
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            assertThat(none.body()).doesNotContain("s3cret");
            assertThat(send(s.url() + "/gaps", "GET", "wrong").statusCode()).isEqualTo(401);
            assertThat(send(s.url() + "/gaps", "GET", "s3cret").statusCode()).isEqualTo(200);
        }
    }
}
