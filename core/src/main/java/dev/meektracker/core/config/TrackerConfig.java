package dev.meektracker.core.config;

import dev.meektracker.core.event.Precision;
import dev.meektracker.core.model.ComputeLaw;
import dev.meektracker.core.model.GapScenario;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Every setting of the tracker, with the paper's defaults. Sources, later ones winning:
 * code defaults &lt; a properties file (--config) &lt; environment variables &lt; command-line options.
 * Tracker settings are {@code meek.*} keys (environment: {@code MEEK_TOPIC_PREFIX} for
 * {@code meek.topic.prefix}); every other key in the file is a Kafka client property, and
 * {@code MEEK_KAFKA_SECURITY_PROTOCOL} sets the client property {@code security.protocol}.
 */
public final class TrackerConfig {

    /** Key, default and meaning of every tracker setting: the README's configuration table is this list. */
    public static final Map<String, String[]> SETTINGS = new LinkedHashMap<>();

    static {
        def("meek.bootstrap.servers", "", "Kafka bootstrap servers; empty starts the embedded broker (demo)");
        def("meek.application.id", "meek-tracker", "Kafka Streams application id (and consumer group prefix)");
        def("meek.state.dir", "", "Kafka Streams state directory; empty for a fresh temporary one, deleted when the tracker stops");
        def("meek.topic.prefix", "", "prefix of every topic name, e.g. 'staging.'");
        def("meek.topic.partitions", "1", "partitions of the input topics when created (one keeps releases in order into the global fits)");
        def("meek.topic.replication.factor", "1", "replication factor of created topics (3 on a production cluster)");
        def("meek.validation.max.future.skew.days", "2", "how far past today an event date may lie, days");
        def("meek.law.coefficient", "1070", "A in L(C) = A*C^-alpha + E");
        def("meek.law.alpha", "0.154", "alpha in L(C); the paper's text quotes 0.155, the Besiroglu reduction gives 0.178");
        def("meek.law.irreducible", "1.7", "E, the irreducible loss, nats/token");
        def("meek.budget.tiers.usd", "1000,100000,10000000", "meek budgets projected, USD, comma-separated");
        def("meek.threshold.nats", "0.05", "loss gap below which the projection calls the gap closed, nats/token");
        def("meek.frontier.top.n", "10", "a model is frontier when its compute is among the N largest released up to its date");
        def("meek.fit.start", "2010-01-01", "first release date the compute trend fits use");
        def("meek.hardware.precision", "best", "format for FLOP/s per USD: best (best ML format each chip has) or fp32, fp16, tf32, bf16-fp16-tensor, fp8, fp4, fp64");
        def("meek.hardware.amortisation.years", "2", "years over which a chip's price buys compute, for FLOP per USD");
        def("meek.hardware.utilisation", "0.4", "fraction of peak FLOP/s achieved in training, for FLOP per USD");
        def("meek.algorithmic.growth", "2.8", "algorithmic progress, effective-compute gain per year, used until fitted");
        def("meek.algorithmic.min.points", "30", "scored models with known compute needed before algorithmic progress is fitted");
        def("meek.algorithmic.benchmark", "eci", "benchmark whose scores measure algorithmic progress");
        def("meek.sigmoid.min.points", "8", "points needed before a benchmark's sigmoid is fitted");
        def("meek.sigmoid.max.points", "2000", "most recent points a benchmark's sigmoid keeps (bounds the refit cost)");
        def("meek.emit.interval.ms", "50", "changed fits and gaps are coalesced per id and emitted this often, ms");
        def("meek.emit.checkpoint", "month", "event-time period whose end state is always published, however fast history is replayed: none, day, month or year");
        def("meek.deferred.interval.ms", "200", "how often projections are recomputed when their inputs changed, ms");
        def("meek.sigmoid.interval.ms", "2000", "how often benchmark sigmoids are refitted when their points changed, ms");
        def("meek.notify.log", "true", "log every alert transition (the console in the demo)");
        def("meek.notify.webhook.url", "", "generic webhook receiving Alertmanager's webhook payload (version 4); empty: off. Secret: never logged");
        def("meek.notify.webhook.authorization", "", "Authorization header sent to the webhook, e.g. 'Bearer <token>'. Secret: never logged");
        def("meek.notify.alertmanager.url", "", "Alertmanager base URL, e.g. http://127.0.0.1:9093; alerts go to its /api/v2/alerts; empty: off");
        def("meek.notify.alertmanager.resend.interval.ms", "60000", "firing alerts are re-sent to Alertmanager this often, ms (endsAt is 4 intervals ahead)");
        def("meek.notify.slack.url", "", "Slack incoming-webhook URL; empty: off. Secret: never logged");
        def("meek.notify.rate.per.minute", "60", "most deliveries per minute to each sink; more wait their turn");
        def("meek.notify.retry.attempts", "5", "attempts per alert, with exponential backoff, before the sink pauses and starts again on the same alert");
        def("meek.notify.retry.initial.ms", "200", "first retry delay, ms; doubles each attempt");
        def("meek.notify.retry.max.ms", "10000", "longest retry delay, ms");
        def("meek.notify.retry.pause.ms", "30000", "pause after the attempts are used up, ms; the alert is not skipped (at-least-once)");
        def("meek.notify.link.url", "", "base of the links in alerts (the query API as readers reach it); empty: http://<meek.http.host>:<meek.http.port>");
        def("meek.notify.timeout.ms", "5000", "HTTP request timeout of the notifiers, ms");
        def("meek.metrics.host", "127.0.0.1", "address of the Prometheus /metrics endpoint");
        def("meek.metrics.port", "9404", "port of the Prometheus /metrics endpoint; 0 picks a free one");
        def("meek.http.host", "127.0.0.1", "address of the interactive-query HTTP server");
        def("meek.http.port", "7070", "port of the interactive-query HTTP server; 0 picks a free one");
    }

    private static void def(String key, String value, String doc) {
        SETTINGS.put(key, new String[] {value, doc});
    }

    private final Map<String, String> values;
    private final Properties clientProperties;

    private TrackerConfig(Map<String, String> values, Properties clientProperties) {
        this.values = values;
        this.clientProperties = clientProperties;
    }

    public static TrackerConfig defaults() {
        return load(null, Map.of(), Map.of());
    }

    /**
     * @param file      a properties file, or null
     * @param env       environment variables (System.getenv() in production)
     * @param overrides command-line values by key, applied last
     */
    public static TrackerConfig load(Path file, Map<String, String> env, Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        SETTINGS.forEach((k, v) -> values.put(k, v[0]));
        Properties client = new Properties();
        if (file != null) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file)) {
                p.load(r);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage(), e);
            }
            for (String k : p.stringPropertyNames()) {
                put(values, client, k, p.getProperty(k));
            }
        }
        env.forEach((k, v) -> {
            if (k.startsWith("MEEK_KAFKA_")) {
                client.put(k.substring("MEEK_KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.'), v);
            } else if (k.startsWith("MEEK_")) {
                String key = "meek." + k.substring(5).toLowerCase(Locale.ROOT).replace('_', '.');
                if (SETTINGS.containsKey(key)) {
                    values.put(key, v);
                }
            }
        });
        overrides.forEach((k, v) -> put(values, client, k, v));
        if (client.containsKey("bootstrap.servers") && values.get("meek.bootstrap.servers").isEmpty()) {
            values.put("meek.bootstrap.servers", client.getProperty("bootstrap.servers"));
        }
        TrackerConfig c = new TrackerConfig(values, client);
        c.validate();
        return c;
    }

    private static void put(Map<String, String> values, Properties client, String key, String value) {
        if (key.startsWith("meek.")) {
            if (!SETTINGS.containsKey(key)) {
                throw new IllegalArgumentException("unknown setting '" + key + "' (known: " + String.join(", ", SETTINGS.keySet()) + ")");
            }
            values.put(key, value);
        } else {
            client.put(key, value);
        }
    }

    /** Reads every typed setting once so that a bad value fails at start-up with its key, not later. */
    private void validate() {
        law();
        budgetTiers();
        positive("meek.threshold.nats");
        positive("meek.hardware.amortisation.years");
        double u = number("meek.hardware.utilisation");
        if (!(u > 0 && u <= 1)) {
            throw new IllegalArgumentException("meek.hardware.utilisation must be in (0, 1], not " + u);
        }
        positive("meek.algorithmic.growth");
        integer("meek.topic.partitions", 1);
        integer("meek.topic.replication.factor", 1);
        integer("meek.frontier.top.n", 1);
        integer("meek.algorithmic.min.points", 4);
        integer("meek.sigmoid.min.points", 5);
        integer("meek.sigmoid.max.points", 10);
        integer("meek.http.port", 0);
        integer("meek.metrics.port", 0);
        integer("meek.emit.interval.ms", 1);
        integer("meek.deferred.interval.ms", 10);
        if (!List.of("none", "day", "month", "year").contains(get("meek.emit.checkpoint").trim().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("meek.emit.checkpoint must be none, day, month or year, not '" + get("meek.emit.checkpoint") + "'");
        }
        integer("meek.sigmoid.interval.ms", 10);
        integer("meek.validation.max.future.skew.days", 0);
        integer("meek.notify.alertmanager.resend.interval.ms", 100);
        integer("meek.notify.rate.per.minute", 1);
        integer("meek.notify.retry.attempts", 1);
        integer("meek.notify.retry.initial.ms", 1);
        integer("meek.notify.retry.max.ms", 1);
        integer("meek.notify.retry.pause.ms", 1);
        integer("meek.notify.timeout.ms", 1);
        hardwarePrecision();
        java.time.LocalDate.parse(get("meek.fit.start"));
    }

    public String get(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("unknown setting '" + key + "'");
        }
        return v;
    }

    public double number(String key) {
        try {
            return Double.parseDouble(get(key).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, not '" + get(key) + "'");
        }
    }

    public int integer(String key, int min) {
        try {
            int v = Integer.parseInt(get(key).trim());
            if (v < min) {
                throw new IllegalArgumentException(key + " must be at least " + min + ", not " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not '" + get(key) + "'");
        }
    }

    private double positive(String key) {
        double v = number(key);
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(key + " must be a positive number, not " + v);
        }
        return v;
    }

    /** Kafka client properties (from the file, MEEK_KAFKA_* and the command line), bootstrap servers included. */
    public Properties clientProperties() {
        Properties p = new Properties();
        p.putAll(clientProperties);
        if (!bootstrapServers().isEmpty()) {
            p.put("bootstrap.servers", bootstrapServers());
        }
        return p;
    }

    /**
     * Properties of a Kafka Streams application of the tracker: exactly-once v2, the configured
     * replication factor, a 100 ms commit interval unless the user set one, and {@code stateDir} (a
     * fresh temporary directory when empty). Keys are written out because core does not depend on
     * kafka-streams; the caller deletes a temporary state directory when it stops. The processing exception handler is enabled for global state too, as Kafka 5.0 will
     * do by default (the tracker has no global stores; this keeps the warning out of every start-up).
     */
    public Properties streamsProperties(String applicationId, String stateDir) {
        Properties p = clientProperties();
        p.put("application.id", applicationId);
        p.put("processing.guarantee", "exactly_once_v2");
        p.put("replication.factor", integer("meek.topic.replication.factor", 1));
        p.putIfAbsent("commit.interval.ms", 100);
        p.put("processing.exception.handler.global.enabled", true);
        p.put("state.dir", stateDir.isEmpty() ? TempDirectories.create("meek-tracker-" + applicationId + "-").toString() : stateDir);
        return p;
    }

    public String bootstrapServers() {
        return get("meek.bootstrap.servers");
    }

    public TrackerConfig with(String key, String value) {
        Map<String, String> v = new LinkedHashMap<>(values);
        Properties client = new Properties();
        client.putAll(clientProperties);
        put(v, client, key, value);
        TrackerConfig c = new TrackerConfig(v, client);
        c.validate();
        return c;
    }

    public ComputeLaw law() {
        return new ComputeLaw(number("meek.law.coefficient"), number("meek.law.alpha"), number("meek.law.irreducible"));
    }

    public List<Double> budgetTiers() {
        List<Double> tiers = new ArrayList<>();
        for (String s : get("meek.budget.tiers.usd").split(",")) {
            try {
                double v = Double.parseDouble(s.trim());
                if (!(v > 0)) {
                    throw new NumberFormatException();
                }
                tiers.add(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("meek.budget.tiers.usd must be positive USD amounts separated by commas, not '"
                        + get("meek.budget.tiers.usd") + "'");
            }
        }
        return tiers;
    }

    /** The format FLOP/s per USD is measured in; null means the best ML format each chip has. */
    public Precision hardwarePrecision() {
        String p = get("meek.hardware.precision").trim();
        if (p.equalsIgnoreCase("best")) {
            return null;
        }
        try {
            return Precision.fromWire(p);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("meek.hardware.precision must be best or one of "
                    + Arrays.stream(Precision.values()).map(Precision::wire).toList() + ", not '" + p + "'");
        }
    }

    /** The paper's scenario with this configuration's law (for commands that start from the paper). */
    public GapScenario paperScenario() {
        return GapScenario.paperDefaults().withLaw(law());
    }

    public Map<String, String> asMap() {
        return Map.copyOf(values);
    }
}
