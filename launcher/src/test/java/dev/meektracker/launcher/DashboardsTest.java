package dev.meektracker.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meektracker.core.serde.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * What Grafana needs of the dashboards beyond their queries (which PrometheusIT runs against a real
 * Prometheus): valid JSON, unique uids, panels that use the provisioned datasource, do not overlap
 * and each carry at least one query.
 */
class DashboardsTest {

    private static final Path MONITORING = Path.of(System.getProperty("meek.project.dir", ".."), "monitoring");

    @Test
    @SuppressWarnings("unchecked")
    void dashboardsAreWellFormedAndUseTheProvisionedDatasource() throws Exception {
        Map<String, Object> ds = new Yaml()
                .load(Files.readString(MONITORING.resolve("grafana/provisioning/datasources/prometheus.yml")));
        String uid = (String)
                ((List<Map<String, Object>>) ds.get("datasources")).get(0).get("uid");
        Set<String> uids = new HashSet<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(MONITORING.resolve("grafana/dashboards"))) {
            files = s.sorted().toList();
        }
        assertThat(files)
                .extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder("gap-overview.json", "fits.json", "alerts.json", "pipeline.json");
        for (Path f : files) {
            JsonNode d = Json.MAPPER.readTree(f.toFile());
            assertThat(uids.add(d.get("uid").asText()))
                    .as("%s has a unique uid", f)
                    .isTrue();
            assertThat(d.get("title").asText()).startsWith("meek-tracker: ");
            assertThat(d.get("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
            Set<Integer> ids = new HashSet<>();
            boolean[][] grid = new boolean[200][24];
            for (JsonNode p : d.get("panels")) {
                String where = f.getFileName() + " panel " + p.get("title").asText();
                assertThat(ids.add(p.get("id").asInt()))
                        .as("%s: unique id", where)
                        .isTrue();
                assertThat(p.at("/datasource/uid").asText()).as(where).isEqualTo(uid);
                assertThat(p.get("targets")).as(where).isNotEmpty();
                p.get("targets").forEach(t -> {
                    assertThat(t.get("expr").asText()).as(where).isNotBlank();
                    assertThat(t.at("/datasource/uid").asText()).as(where).isEqualTo(uid);
                });
                JsonNode g = p.get("gridPos");
                int x = g.get("x").asInt();
                int y = g.get("y").asInt();
                assertThat(x + g.get("w").asInt())
                        .as("%s fits in 24 columns", where)
                        .isLessThanOrEqualTo(24);
                for (int r = y; r < y + g.get("h").asInt(); r++) {
                    for (int c = x; c < x + g.get("w").asInt(); c++) {
                        assertThat(grid[r][c])
                                .as("%s overlaps another panel", where)
                                .isFalse();
                        grid[r][c] = true;
                    }
                }
            }
        }
    }
}
