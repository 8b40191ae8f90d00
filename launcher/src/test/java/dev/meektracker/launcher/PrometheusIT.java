package dev.meektracker.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.meektracker.core.LocalService;
import dev.meektracker.core.serde.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Monitoring as code against the real thing: Debian's promtool and amtool check the shipped files;
 * Debian's Prometheus, loaded with the shipped rules, scrapes the running main job (the shaded jar's
 * {@code demo}, a child process), and every PromQL query of every dashboard and rule returns data.
 */
class PrometheusIT {

    @TempDir
    Path tmp;

    private static final Path PROJECT = Path.of(System.getProperty("meek.project.dir", ".."));
    private static final Path MONITORING = PROJECT.resolve("monitoring");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** A trailing comparison with a number: the alert's threshold, cut off to test the query itself. */
    private static final Pattern THRESHOLD =
            Pattern.compile("^(.*?)\\s*(==|!=|>=|<=|>|<)\\s*-?[0-9.eE+]+\\s*$", Pattern.DOTALL);

    @Test
    void shippedConfigurationPassesPromtoolAndAmtool() throws Exception {
        Path promtool = LocalService.require("promtool");
        var config = LocalService.run(
                List.of(
                        promtool.toString(),
                        "check",
                        "config",
                        MONITORING.resolve("prometheus/prometheus.yml").toString()),
                Duration.ofSeconds(30));
        assertThat(config.exitCode()).as(config.output()).isZero();
        assertThat(config.output()).contains("SUCCESS: 1 rule files found");
        List<String> rules = new ArrayList<>(List.of(promtool.toString(), "check", "rules"));
        ruleFiles().forEach(p -> rules.add(p.toString()));
        var checked = LocalService.run(rules, Duration.ofSeconds(30));
        assertThat(checked.exitCode()).as(checked.output()).isZero();
        Path amtool = LocalService.require("amtool");
        var am = LocalService.run(
                List.of(
                        amtool.toString(),
                        "check-config",
                        MONITORING.resolve("alertmanager/alertmanager.yml").toString()),
                Duration.ofSeconds(30));
        assertThat(am.exitCode()).as(am.output()).isZero();
    }

    @Test
    void everyDashboardAndRuleQueryReturnsDataFromTheRunningMainJob() throws Exception {
        Path prometheus = LocalService.require("prometheus");
        Path jar = PROJECT.resolve("launcher/target/meek-tracker.jar");
        assertThat(jar).as("the shaded jar, built in the package phase").exists();
        int metricsPort = LocalService.freePort();
        int httpPort = LocalService.freePort();
        int promPort = LocalService.freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The demo watches the curated sample as three file: sources, so the watcher's metrics (and the
        // rules and panels over them) have data as well as the gaps' and the pipeline's.
        StringBuilder sources = new StringBuilder("sources:\n");
        for (String resource : dev.meektracker.producers.importer.Inputs.SAMPLE) {
            Path f = tmp.resolve(Path.of(resource).getFileName().toString());
            try (var in = getClass().getClassLoader().getResourceAsStream(resource)) {
                Files.copy(in, f);
            }
            sources.append("  - id: sample-")
                    .append(f.getFileName().toString().replace(".jsonl", ""))
                    .append("\n    url: ")
                    .append(f.toUri())
                    .append("\n    format: jsonl\n    every: PT1M\n");
        }
        Path sourcesFile = Files.writeString(tmp.resolve("sources.yaml"), sources.toString());
        try (LocalService demo = LocalService.start(
                "meek-tracker demo",
                List.of(
                        java,
                        "-Xmx384m",
                        "-jar",
                        jar.toString(),
                        "demo",
                        "--metrics-port",
                        String.valueOf(metricsPort),
                        "--http-port",
                        String.valueOf(httpPort),
                        "--sources",
                        sourcesFile.toString()),
                "http://127.0.0.1:" + metricsPort + "/metrics",
                Duration.ofSeconds(90))) {
            Path dir = Files.createDirectories(tmp.resolve("prometheus"));
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, YAML.writeValueAsString(localConfig(metricsPort)));
            try (LocalService prom = LocalService.start(
                    "prometheus",
                    List.of(
                            prometheus.toString(),
                            "--config.file=" + config,
                            "--storage.tsdb.path=" + dir.resolve("data"),
                            "--web.listen-address=127.0.0.1:" + promPort),
                    "http://127.0.0.1:" + promPort + "/-/ready",
                    Duration.ofSeconds(60))) {
                String base = "http://127.0.0.1:" + promPort;
                // Scraped, the demo's replay reflected in the gauges, and every rule evaluated at least once.
                await().atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> !query(base, "up{job=\"meek-tracker\"} == 1")
                                        .isEmpty()
                                && !query(base, "meektracker_alert_rule_firing").isEmpty()
                                && !query(base, "meektracker_gap_loss_nats").isEmpty()
                                && allRulesHealthy(base));
                Map<String, String> queries = new LinkedHashMap<>();
                try (Stream<Path> files = Files.list(MONITORING.resolve("grafana/dashboards"))) {
                    for (Path f : files.sorted().toList()) {
                        for (JsonNode panel : Json.MAPPER.readTree(f.toFile()).get("panels")) {
                            for (JsonNode target : panel.get("targets")) {
                                queries.put(
                                        f.getFileName() + ": "
                                                + panel.get("title").asText() + " ["
                                                + target.get("refId").asText() + "]",
                                        grafana(target.get("expr").asText()));
                            }
                        }
                    }
                }
                int dashboards = queries.size();
                for (Path f : ruleFiles()) {
                    for (JsonNode group : YAML.readTree(f.toFile()).get("groups")) {
                        for (JsonNode rule : group.get("rules")) {
                            String expr = rule.get("expr").asText();
                            if (rule.has("alert")) {
                                Matcher m = THRESHOLD.matcher(expr.strip());
                                assertThat(m.matches())
                                        .as(
                                                "alert %s is written as <query> <comparison> <threshold>",
                                                rule.get("alert"))
                                        .isTrue();
                                queries.put(
                                        f.getFileName() + ": alert "
                                                + rule.get("alert").asText(),
                                        m.group(1));
                            } else {
                                queries.put(
                                        f.getFileName() + ": record "
                                                + rule.get("record").asText(),
                                        expr);
                            }
                        }
                    }
                }
                assertThat(dashboards).as("dashboard queries").isGreaterThanOrEqualTo(30);
                // Rates need two scrapes in their window and recording rules an evaluation: on a slow
                // machine that takes a while, so ask again until every query has data (or time is up).
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofSeconds(2))
                        .untilAsserted(() -> {
                            List<String> empty = new ArrayList<>();
                            for (var q : queries.entrySet()) {
                                if (query(base, q.getValue()).isEmpty()) {
                                    empty.add(q.getKey() + ": " + q.getValue());
                                }
                            }
                            assertThat(empty)
                                    .as("queries without data (of %d)", queries.size())
                                    .isEmpty();
                        });
                assertThat(demo.alive()).isTrue();
                assertThat(prom.alive()).isTrue();
            }
        }
    }

    /** The shipped prometheus.yml with this test's target, 1 s intervals, the rule files by absolute path and no Alertmanager. */
    private static JsonNode localConfig(int metricsPort) throws Exception {
        ObjectNode c = (ObjectNode)
                YAML.readTree(MONITORING.resolve("prometheus/prometheus.yml").toFile());
        ((ObjectNode) c.get("global")).put("scrape_interval", "1s").put("evaluation_interval", "1s");
        ArrayNode rules = c.putArray("rule_files");
        rules.add(MONITORING.resolve("prometheus/rules").toAbsolutePath() + "/*.yml");
        c.remove("alerting");
        ObjectNode job = (ObjectNode) c.get("scrape_configs").get(0);
        assertThat(job.get("job_name").asText()).isEqualTo("meek-tracker");
        ArrayNode targets = ((ObjectNode) job.get("static_configs").get(0)).putArray("targets");
        targets.add("127.0.0.1:" + metricsPort);
        return c;
    }

    /** Grafana's interval variables, as Grafana would fill them for a short range. */
    private static String grafana(String expr) {
        return expr.replace("$__rate_interval", "30s")
                .replace("$__interval", "5s")
                .replace("$__range", "5m");
    }

    private static List<Path> ruleFiles() throws Exception {
        try (Stream<Path> s = Files.list(MONITORING.resolve("prometheus/rules"))) {
            return s.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
    }

    private static JsonNode query(String base, String promql) throws Exception {
        String url = base + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8);
        JsonNode r = Json.MAPPER.readTree(
                HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                        .body());
        assertThat(r.get("status").asText()).as(promql + ": " + r).isEqualTo("success");
        return r.at("/data/result");
    }

    private static boolean allRulesHealthy(String base) throws Exception {
        JsonNode r = Json.MAPPER.readTree(HTTP.send(
                        HttpRequest.newBuilder(URI.create(base + "/api/v1/rules"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
        int n = 0;
        for (JsonNode g : r.at("/data/groups")) {
            for (JsonNode rule : g.get("rules")) {
                n++;
                if (!"ok".equals(rule.get("health").asText())) {
                    return false;
                }
            }
        }
        return n > 0;
    }
}
