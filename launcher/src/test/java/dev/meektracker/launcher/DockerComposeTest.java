package dev.meektracker.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meektracker.core.config.KafkaVersion;
import dev.meektracker.core.config.Settings;
import dev.meektracker.core.config.TrackerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot run here (no Docker engine), so it is checked statically: it parses (with
 * YAML merge keys, as Compose reads it), and its images, commands, ports, environment and mounts agree
 * with the code's defaults, the CLI, the monitoring files and each other.
 */
@SuppressWarnings("unchecked")
class DockerComposeTest {

    private static final Path PROJECT = Path.of(System.getProperty("meek.project.dir", ".."));
    private static Map<String, Object> services;
    private static final List<String> TRACKER = List.of("topics", "streams", "consumers", "watch", "producers");

    @BeforeAll
    static void parse() throws Exception {
        Map<String, Object> compose = new Yaml().load(Files.readString(PROJECT.resolve("docker-compose.yml")));
        services = (Map<String, Object>) compose.get("services");
        Map<String, Object> volumes = (Map<String, Object>) compose.get("volumes");
        for (String s : services.keySet()) {
            for (String v : list(service(s).get("volumes"))) {
                String source = v.split(":")[0];
                if (!source.startsWith(".")) {
                    assertThat(volumes).as("named volume of %s", s).containsKey(source);
                }
            }
        }
    }

    @Test
    void everyServiceIsThere() {
        assertThat(services)
                .containsKeys(
                        "kafka",
                        "topics",
                        "streams",
                        "consumers",
                        "producers",
                        "prometheus",
                        "alertmanager",
                        "grafana");
        for (String s : services.keySet()) {
            Object deps = service(s).get("depends_on");
            List<String> names =
                    deps instanceof Map<?, ?> m ? new ArrayList<>((java.util.Set<String>) m.keySet()) : list(deps);
            assertThat(services.keySet())
                    .as("%s depends on services that exist", s)
                    .containsAll(names);
        }
    }

    @Test
    void kafkaIsTheOfficialImageOfTheSameVersionInKraftMode() {
        Map<String, Object> kafka = service("kafka");
        assertThat(kafka.get("image")).isEqualTo("apache/kafka:" + KafkaVersion.get());
        Map<String, Object> env = (Map<String, Object>) kafka.get("environment");
        assertThat(env.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
        assertThat(String.valueOf(env.get("KAFKA_ADVERTISED_LISTENERS"))).contains("INTERNAL://" + bootstrap());
        assertThat(String.valueOf(env.get("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR")))
                .as("exactly-once on one broker")
                .isEqualTo("1");
    }

    @Test
    void trackerServicesRunTheProjectsImageWithCommandsTheCliAccepts() {
        assertThat(PROJECT.resolve("Dockerfile")).exists();
        for (String s : TRACKER) {
            Map<String, Object> svc = service(s);
            assertThat(svc.get("build")).as(s).isEqualTo(".");
            List<String> command = list(svc.get("command"));
            var parsed = MeekTracker.commandLine().parseArgs(command.toArray(String[]::new));
            assertThat(parsed.subcommand()).as("%s runs a tracker command", s).isNotNull();
            assertThat(command).as(s).containsSequence("--bootstrap-servers", bootstrap());
            Map<String, Object> env = (Map<String, Object>) svc.get("environment");
            assertThat(env.get("MEEK_BOOTSTRAP_SERVERS")).isEqualTo(bootstrap());
            for (String key : env.keySet()) {
                assertThat(Settings.DEF.names()).as("%s sets %s", s, key).contains(TrackerConfig.environmentKey(key));
            }
        }
        assertThat(list(service("topics").get("command")).get(0)).isEqualTo("topics");
        assertThat(list(service("streams").get("command")).get(0)).isEqualTo("streams");
        assertThat(list(service("consumers").get("command")).get(0)).isEqualTo("consumers");
        assertThat(list(service("producers").get("command")).get(0)).isEqualTo("produce");
    }

    @Test
    void portsAgreeWithTheDefaultsAndPrometheusScrapesBothTrackerProcesses() throws Exception {
        String metricsPort = Settings.defaultText(Settings.METRICS_PORT);
        String httpPort = Settings.defaultText(Settings.HTTP_PORT);
        assertThat(list(service("streams").get("ports"))).contains(httpPort + ":" + httpPort);
        for (String s : List.of("streams", "consumers", "watch")) {
            Map<String, Object> env = (Map<String, Object>) service(s).get("environment");
            assertThat(env.get("MEEK_METRICS_HOST"))
                    .as("%s serves /metrics beyond loopback", s)
                    .isEqualTo("0.0.0.0");
        }
        Map<String, Object> prometheus =
                new Yaml().load(Files.readString(PROJECT.resolve("monitoring/prometheus/prometheus.yml")));
        List<Map<String, Object>> jobs = (List<Map<String, Object>>) prometheus.get("scrape_configs");
        List<String> targets = list(((List<Map<String, Object>>) jobs.get(0).get("static_configs"))
                .get(0)
                .get("targets"));
        assertThat(targets)
                .containsExactlyInAnyOrder(
                        "streams:" + metricsPort, "consumers:" + metricsPort, "watch:" + metricsPort);
        String am = list(((List<Map<String, Object>>)
                                                ((Map<String, Object>) prometheus.get("alerting")).get("alertmanagers"))
                                        .get(0)
                                        .get("static_configs")
                                instanceof List<?> l
                        ? ((Map<String, Object>) l.get(0)).get("targets")
                        : null)
                .get(0);
        assertThat(am).isEqualTo("alertmanager:9093");
        assertThat(list(service("alertmanager").get("ports"))).contains("9093:9093");
        assertThat(list(service("consumers").get("command"))).containsSequence("--alertmanager-url", "http://" + am);
        assertThat(list(service("prometheus").get("ports"))).contains("9090:9090");
        Map<String, Object> ds = new Yaml()
                .load(Files.readString(PROJECT.resolve("monitoring/grafana/provisioning/datasources/prometheus.yml")));
        assertThat(((List<Map<String, Object>>) ds.get("datasources")).get(0).get("url"))
                .isEqualTo("http://prometheus:9090");
        assertThat(((List<Map<String, Object>>) ds.get("datasources")).get(0).get("uid"))
                .isEqualTo("meek-prometheus");
    }

    @Test
    void mountsPointAtFilesThatExistWhereTheServicesLook() throws Exception {
        for (String s : services.keySet()) {
            for (String v : list(service(s).get("volumes"))) {
                String source = v.split(":")[0];
                if (source.startsWith(".")) {
                    assertThat(PROJECT.resolve(source).normalize())
                            .as("%s mounts %s", s, source)
                            .exists();
                }
            }
        }
        assertThat(mountedFile("prometheus", configFlag("prometheus", "--config.file=")))
                .exists();
        assertThat(mountedFile("alertmanager", configFlag("alertmanager", "--config.file=")))
                .exists();
        Map<String, Object> provider = new Yaml()
                .load(Files.readString(PROJECT.resolve("monitoring/grafana/provisioning/dashboards/meek-tracker.yml")));
        String dashboards = (String) ((Map<String, Object>) ((List<Map<String, Object>>) provider.get("providers"))
                        .get(0)
                        .get("options"))
                .get("path");
        Path dir = mountedFile("grafana", dashboards);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .contains("gap-overview.json", "fits.json", "alerts.json", "pipeline.json");
        }
        assertThat(mountedFile("grafana", "/etc/grafana/provisioning/datasources/prometheus.yml"))
                .exists();
        Map<String, Object> env = (Map<String, Object>) service("grafana").get("environment");
        assertThat(mountedFile("grafana", (String) env.get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH")))
                .exists();
    }

    @Test
    void theImageRunsTheShadedJarAndExposesTheDefaultPorts() throws Exception {
        String dockerfile = Files.readString(PROJECT.resolve("Dockerfile"));
        assertThat(dockerfile).contains("FROM eclipse-temurin:17");
        assertThat(dockerfile)
                .contains("COPY --from=build /src/launcher/target/meek-tracker.jar /opt/meek-tracker/meek-tracker.jar");
        assertThat(dockerfile).contains("\"-jar\", \"/opt/meek-tracker/meek-tracker.jar\"");
        assertThat(dockerfile)
                .contains("EXPOSE " + Settings.defaultText(Settings.METRICS_PORT) + " "
                        + Settings.defaultText(Settings.HTTP_PORT));
    }

    /** The host file behind a path inside a service's container, through its bind mounts. */
    private static Path mountedFile(String service, String containerPath) {
        for (String v : list(service(service).get("volumes"))) {
            String[] parts = v.split(":");
            if (parts[0].startsWith(".")
                    && (containerPath.equals(parts[1]) || containerPath.startsWith(parts[1] + "/"))) {
                return PROJECT.resolve(parts[0])
                        .resolve(containerPath.substring(parts[1].length()).replaceFirst("^/", ""))
                        .normalize();
            }
        }
        throw new AssertionError(service + " mounts nothing at " + containerPath);
    }

    private static String configFlag(String service, String flag) {
        return list(service(service).get("command")).stream()
                .filter(a -> a.startsWith(flag))
                .findFirst()
                .map(a -> a.substring(flag.length()))
                .orElseThrow(() -> new AssertionError(service + " has no " + flag));
    }

    private static String bootstrap() {
        return (String) ((Map<String, Object>) service("streams").get("environment")).get("MEEK_BOOTSTRAP_SERVERS");
    }

    private static Map<String, Object> service(String name) {
        Map<String, Object> s = (Map<String, Object>) services.get(name);
        assertThat(s).as("service %s", name).isNotNull();
        return s;
    }

    private static List<String> list(Object o) {
        List<String> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            l.forEach(x -> out.add(String.valueOf(x)));
        }
        return out;
    }
}
