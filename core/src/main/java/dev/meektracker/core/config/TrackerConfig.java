package dev.meektracker.core.config;

import dev.meektracker.core.event.Precision;
import dev.meektracker.core.model.ChinchillaLaw;
import dev.meektracker.core.model.ComputeLaw;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The tracker's configuration: every {@link Settings} key typed and checked, plus Kafka client
 * properties. Sources, later ones winning: the catalogue's defaults &lt; a properties file (--config)
 * &lt; environment variables &lt; command-line options. Tracker settings are {@code meek.*} keys
 * (environment: {@code MEEK_TOPIC_PREFIX} for {@code meek.topic.prefix}); every other key in the
 * file is a Kafka client property, and {@code MEEK_KAFKA_SECURITY_PROTOCOL} sets the client property
 * {@code security.protocol}. An unknown {@code meek.*} key or {@code MEEK_*} variable, or a bad value,
 * is an error naming the key. About 300 lines: loading with its precedence and key checks, and one
 * typed accessor per setting that several modules read, so no module parses a value itself.
 */
public final class TrackerConfig {

    /**
     * Environment variables that start with MEEK_ but are not settings: the launcher script's own
     * (JVM options, the class-data archive switch), the log levels the logging configuration reads, the tests' data.
     */
    public static final Set<String> NON_SETTING_VARIABLES =
            Set.of("MEEK_JAVA_OPTS", "MEEK_CDS", "MEEK_LOG_LEVEL", "MEEK_LOG_LEVEL_KAFKA", "MEEK_SHARED_DATA");

    private final Map<String, String> raw;
    private final Map<String, Object> typed;
    private final Properties clientProperties;

    private TrackerConfig(Map<String, String> raw, Properties clientProperties) {
        this.raw = raw;
        this.clientProperties = clientProperties;
        try {
            this.typed = Settings.DEF.parse(raw);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        checkLawIsWhole();
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
        Properties client = new Properties();
        if (file != null) {
            // A key set twice keeps the later value in java.util.Properties, silently: the file's writer
            // may have meant either, so it is refused, as a key given twice is in the YAML and JSON files.
            java.util.Set<String> twice = new TreeSet<>();
            Properties p = new Properties() {
                @Override
                public synchronized Object put(Object key, Object value) {
                    if (containsKey(key)) {
                        twice.add(String.valueOf(key));
                    }
                    return super.put(key, value);
                }
            };
            try (Reader r = Files.newBufferedReader(file)) {
                // A byte-order mark (Windows Notepad's "UTF-8" saves one) would start the first key.
                r.mark(1);
                if (r.read() != '\uFEFF') {
                    r.reset();
                }
                p.load(r);
            } catch (IOException e) {
                // The JDK's own words ("Input length = 1", a bare path) say neither what is wrong nor what to do.
                String why = e instanceof java.nio.charset.CharacterCodingException
                        ? "it is not UTF-8 text (save it as UTF-8)"
                        : e instanceof java.nio.file.NoSuchFileException
                                ? "no such file"
                                : Files.isDirectory(file) ? "it is a directory" : e.getMessage();
                throw new IllegalArgumentException("cannot read config file " + file + ": " + why, e);
            }
            if (!twice.isEmpty()) {
                throw new IllegalArgumentException("config file " + file + " sets " + String.join(", ", twice)
                        + " more than once: keep the one you mean");
            }
            for (String k : new TreeSet<>(p.stringPropertyNames())) {
                put(values, client, k, p.getProperty(k), "in " + file);
            }
        }
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(env).entrySet()) {
            String k = e.getKey();
            if (k.startsWith("MEEK_KAFKA_")) {
                client.put(
                        k.substring("MEEK_KAFKA_".length())
                                .toLowerCase(Locale.ROOT)
                                .replace('_', '.'),
                        e.getValue());
            } else if (k.startsWith("MEEK_") && !NON_SETTING_VARIABLES.contains(k)) {
                String key = environmentKey(k);
                if (!Settings.DEF.names().contains(key)) {
                    throw new IllegalArgumentException(
                            "unknown setting '" + key + "' from environment variable " + k + suggestion(key));
                }
                values.put(key, e.getValue());
            }
        }
        overrides.forEach((k, v) -> put(values, client, k, v, "on the command line"));
        if (client.containsKey("bootstrap.servers")
                && values.getOrDefault(Settings.BOOTSTRAP_SERVERS, "").isEmpty()) {
            values.put(Settings.BOOTSTRAP_SERVERS, client.getProperty("bootstrap.servers"));
        }
        return new TrackerConfig(values, client);
    }

    /** MEEK_TOPIC_PREFIX → meek.topic.prefix. */
    public static String environmentKey(String variable) {
        return "meek." + variable.substring(5).toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** meek.topic.prefix → MEEK_TOPIC_PREFIX. */
    public static String environmentVariable(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    private static void put(Map<String, String> values, Properties client, String key, String value, String where) {
        if (key.startsWith("meek.")) {
            if (!Settings.DEF.names().contains(key)) {
                throw new IllegalArgumentException("unknown setting '" + key + "' " + where + suggestion(key));
            }
            values.put(key, value);
        } else {
            client.put(key, value);
        }
    }

    /** ", did you mean …?" for the closest known key, when one is close. */
    private static String suggestion(String key) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : Settings.DEF.names()) {
            int d = distance(key, k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best != null && bestDistance <= Math.max(3, key.length() / 4)
                ? "; did you mean '" + best + "'?"
                : " (the settings are listed by --help and in the README)";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(
                        Math.min(cur[j - 1] + 1, prev[j] + 1),
                        prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /**
     * Checks that every Kafka client property is one some Kafka client knows, so that a misspelt key
     * ({@code -D law.alpha=0.5}, which is neither a tracker setting nor a client property) fails at
     * start-up instead of doing nothing.
     *
     * @param known whether a client property name is known to the clients this process runs
     */
    public TrackerConfig requireKnownClientProperties(Predicate<String> known) {
        for (String k : new TreeSet<>(clientProperties.stringPropertyNames())) {
            if (!known.test(k)) {
                throw new IllegalArgumentException(
                        "unknown property '" + k + "': neither a tracker setting (meek.*) nor a Kafka client property");
            }
        }
        return this;
    }

    private Object value(String key) {
        if (!typed.containsKey(key)) {
            throw new IllegalArgumentException("unknown setting '" + key + "'");
        }
        return typed.get(key);
    }

    /** Whether the user gave this setting (file, environment or command line), rather than its default. */
    public boolean isSet(String key) {
        return raw.containsKey(key);
    }

    public String string(String key) {
        Object v = value(key);
        return v instanceof Password p ? p.value() : ((String) v).trim();
    }

    public int integer(String key) {
        return (Integer) value(key);
    }

    public double number(String key) {
        return (Double) value(key);
    }

    public boolean bool(String key) {
        return (Boolean) value(key);
    }

    public Duration millis(String key) {
        return Duration.ofMillis(integer(key));
    }

    /** A secret (a URL with a token, an Authorization header): read it only to use it, never to log it. */
    public String secret(String key) {
        return ((Password) value(key)).value().trim();
    }

    /**
     * Kafka client properties (from the file, MEEK_KAFKA_* and the command line), bootstrap servers
     * included. Consumers wait at most 100 ms for a fetch to fill (Kafka's default is 500 ms) unless
     * the user set {@code fetch.max.wait.ms}: the pipeline is a chain of read_committed hops (inputs to
     * gaps, gaps to alerts, alerts to notifiers and the collector), and with 500 ms the demo's last
     * outputs reached the end of the chain a second later (measured, 6.2 s against 5.2 s into the
     * run). An idle consumer then asks the broker ten times a second, not twice.
     */
    public Properties clientProperties() {
        Properties p = new Properties();
        p.put("fetch.max.wait.ms", 100);
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
     * kafka-streams; the caller deletes a temporary state directory when it stops. The processing
     * exception handler is enabled for global state too, as Kafka 5.0 will do by default (the tracker
     * has no global stores; this keeps the warning out of every start-up).
     */
    public Properties streamsProperties(String applicationId, String stateDir) {
        Properties p = clientProperties();
        p.put("application.id", applicationId);
        p.put("processing.guarantee", string(Settings.PROCESSING_GUARANTEE));
        p.put("replication.factor", (int) replicationFactor());
        p.putIfAbsent("commit.interval.ms", 100);
        // Records from the input topics are taken in timestamp order even when one topic's fetch is
        // behind (Kafka Streams waits up to this long for a partition known to have more data), so a
        // replay interleaves models, hardware and benchmarks the same way at any speed. 100 ms, not
        // more: a topic's last records can look unread for a while, and each such wait runs in full
        // (1 s cost the bench's topology 12-28 % of its rate; 100 ms, 2 %).
        p.putIfAbsent("max.task.idle.ms", 100);
        p.put("processing.exception.handler.global.enabled", true);
        p.put(
                "state.dir",
                stateDir.isEmpty()
                        ? TempDirectories.create("meek-tracker-" + applicationId + "-")
                                .toString()
                        : stateDir);
        return p;
    }

    public String bootstrapServers() {
        return string(Settings.BOOTSTRAP_SERVERS);
    }

    public String applicationId() {
        return string(Settings.APPLICATION_ID);
    }

    /** The configured state directory, or empty for a temporary one. */
    public String stateDir() {
        return string(Settings.STATE_DIR);
    }

    /** Whether the latest items are kept on the heap ({@code meek.items.store=memory}) rather than in RocksDB. */
    public boolean itemsInMemory() {
        return string(Settings.ITEMS_STORE).equalsIgnoreCase("memory");
    }

    public String topicPrefix() {
        return string(Settings.TOPIC_PREFIX);
    }

    public int topicPartitions() {
        return integer(Settings.TOPIC_PARTITIONS);
    }

    public short replicationFactor() {
        return (short) integer(Settings.TOPIC_REPLICATION_FACTOR);
    }

    public Duration maxFutureSkew() {
        return Duration.ofDays(integer(Settings.MAX_FUTURE_SKEW_DAYS));
    }

    public String httpHost() {
        return string(Settings.HTTP_HOST);
    }

    public int httpPort() {
        return integer(Settings.HTTP_PORT);
    }

    public String metricsHost() {
        return string(Settings.METRICS_HOST);
    }

    public int metricsPort() {
        return integer(Settings.METRICS_PORT);
    }

    /** The same configuration with one more value, as if given last on the command line. */
    public TrackerConfig with(String key, String value) {
        Map<String, String> v = new LinkedHashMap<>(raw);
        Properties client = new Properties();
        client.putAll(clientProperties);
        put(v, client, key, value, "");
        return new TrackerConfig(v, client);
    }

    /**
     * The same configuration with a Kafka client property that applies only where the user has not
     * set it (in the file, MEEK_KAFKA_* or on the command line).
     */
    public TrackerConfig withClientDefault(String key, String value) {
        if (clientProperties.containsKey(key)) {
            return this;
        }
        Properties client = new Properties();
        client.putAll(clientProperties);
        client.put(key, value);
        return new TrackerConfig(new LinkedHashMap<>(raw), client);
    }

    /** The loss law: a named parameter set as a whole, or the three custom values. */
    public ComputeLaw law() {
        return switch (string(Settings.LAW_PARAMETER_SET).toLowerCase(Locale.ROOT)) {
            case "paper" -> ComputeLaw.PAPER;
            case "paper-text" -> ComputeLaw.PAPER_TEXT;
            case "custom" ->
                new ComputeLaw(
                        number(Settings.LAW_COEFFICIENT), number(Settings.LAW_ALPHA), number(Settings.LAW_IRREDUCIBLE));
            default -> ChinchillaLaw.named(string(Settings.LAW_PARAMETER_SET)).reduce();
        };
    }

    /**
     * A law key set beside a named parameter set would mix two laws (the paper's A and E with
     * Besiroglu's exponent): refused, naming both.
     */
    private void checkLawIsWhole() {
        String set = string(Settings.LAW_PARAMETER_SET).toLowerCase(Locale.ROOT);
        if (set.equals("custom")) {
            return;
        }
        for (String key : List.of(Settings.LAW_COEFFICIENT, Settings.LAW_ALPHA, Settings.LAW_IRREDUCIBLE)) {
            if (raw.containsKey(key)) {
                throw new IllegalArgumentException(key + " is set but " + Settings.LAW_PARAMETER_SET + " is " + set
                        + ", whose law applies as a whole: set " + Settings.LAW_PARAMETER_SET
                        + "=custom to use your own values, "
                        + "or pick a named set (paper, paper-text, hoffmann, besiroglu)");
            }
        }
    }

    public List<Double> budgetTiers() {
        @SuppressWarnings("unchecked")
        List<String> tiers = (List<String>) value(Settings.BUDGET_TIERS_USD);
        return tiers.stream().map(s -> Double.parseDouble(s.trim())).toList();
    }

    /** The catch-up lag's tolerance by score scale or benchmark id (meek.lag.tolerance). */
    public Map<String, Double> lagTolerances() {
        @SuppressWarnings("unchecked")
        List<String> entries = (List<String>) value(Settings.LAG_TOLERANCE);
        Map<String, Double> out = new LinkedHashMap<>();
        for (String e : entries) {
            String[] kv = e.split("=", 2);
            out.put(kv[0].trim().toLowerCase(Locale.ROOT), Double.parseDouble(kv[1].trim()));
        }
        return out;
    }

    public long longValue(String key) {
        return (Long) value(key);
    }

    public LocalDate fitStart() {
        return LocalDate.parse(string(Settings.FIT_START));
    }

    /** The format FLOP/s per USD is measured in; null means the best ML format each chip has. */
    public Precision hardwarePrecision() {
        String p = string(Settings.HARDWARE_PRECISION);
        return p.equalsIgnoreCase("best") ? null : Precision.fromWire(p.toLowerCase(Locale.ROOT));
    }
}
