package dev.meektracker.core.config;

import dev.meektracker.core.event.Precision;
import dev.meektracker.core.model.PaperDefaults;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The catalogue of the tracker's settings: every {@code meek.*} key with its type, default, allowed
 * range and meaning, as a Kafka {@link ConfigDef}, the idiom of the field. Parsing a configuration
 * against it types every value and rejects a bad one at start-up, naming its key. The README's
 * configuration table is generated from this catalogue and tested against it. Its length is the
 * catalogue's: one key constant and one definition per setting, and the few validators they share.
 */
public final class Settings {

    public static final String BOOTSTRAP_SERVERS = "meek.bootstrap.servers";
    public static final String APPLICATION_ID = "meek.application.id";
    public static final String STATE_DIR = "meek.state.dir";
    public static final String PROCESSING_GUARANTEE = "meek.processing.guarantee";
    public static final String ITEMS_STORE = "meek.items.store";
    public static final String TOPIC_PREFIX = "meek.topic.prefix";
    public static final String TOPIC_PARTITIONS = "meek.topic.partitions";
    public static final String TOPIC_REPLICATION_FACTOR = "meek.topic.replication.factor";
    public static final String MAX_FUTURE_SKEW_DAYS = "meek.validation.max.future.skew.days";
    public static final String LAW_PARAMETER_SET = "meek.law.parameter.set";
    public static final String LAW_COEFFICIENT = "meek.law.coefficient";
    public static final String LAW_ALPHA = "meek.law.alpha";
    public static final String LAW_IRREDUCIBLE = "meek.law.irreducible";
    public static final String BUDGET_TIERS_USD = "meek.budget.tiers.usd";
    public static final String THRESHOLD_NATS = "meek.threshold.nats";
    public static final String FRONTIER_TOP_N = "meek.frontier.top.n";
    public static final String FIT_START = "meek.fit.start";
    public static final String GAP_COMPUTE_CONFIDENCE = "meek.gap.compute.confidence";
    public static final String HARDWARE_PRECISION = "meek.hardware.precision";
    public static final String HARDWARE_TREND = "meek.hardware.trend";
    public static final String HARDWARE_AMORTISATION_YEARS = "meek.hardware.amortisation.years";
    public static final String HARDWARE_UTILISATION = "meek.hardware.utilisation";
    public static final String ALGORITHMIC_GROWTH = "meek.algorithmic.growth";
    public static final String ALGORITHMIC_MIN_POINTS = "meek.algorithmic.min.points";
    public static final String ALGORITHMIC_BENCHMARK = "meek.algorithmic.benchmark";
    public static final String ALGORITHMIC_SOURCE = "meek.algorithmic.source";
    public static final String LAG_WINDOW_DAYS = "meek.lag.window.days";
    public static final String LAG_TOLERANCE = "meek.lag.tolerance";
    public static final String LAG_COMPUTE_TOLERANCE_OOM = "meek.lag.compute.tolerance.oom";
    public static final String LAG_BOOTSTRAP_SAMPLES = "meek.lag.bootstrap.samples";
    public static final String LAG_BOOTSTRAP_SEED = "meek.lag.bootstrap.seed";
    public static final String SIGMOID_MIN_POINTS = "meek.sigmoid.min.points";
    public static final String SIGMOID_MAX_POINTS = "meek.sigmoid.max.points";
    public static final String EMIT_INTERVAL_MS = "meek.emit.interval.ms";
    public static final String EMIT_CHECKPOINT = "meek.emit.checkpoint";
    public static final String DEFERRED_INTERVAL_MS = "meek.deferred.interval.ms";
    public static final String SIGMOID_INTERVAL_MS = "meek.sigmoid.interval.ms";
    public static final String EMIT_IDLE_MS = "meek.emit.idle.ms";
    public static final String NOTIFY_LOG = "meek.notify.log";
    public static final String NOTIFY_WEBHOOK_URL = "meek.notify.webhook.url";
    public static final String NOTIFY_WEBHOOK_AUTHORIZATION = "meek.notify.webhook.authorization";
    public static final String NOTIFY_ALERTMANAGER_URL = "meek.notify.alertmanager.url";
    public static final String NOTIFY_ALERTMANAGER_RESEND_MS = "meek.notify.alertmanager.resend.interval.ms";
    public static final String NOTIFY_SLACK_URL = "meek.notify.slack.url";
    public static final String NOTIFY_RATE_PER_MINUTE = "meek.notify.rate.per.minute";
    public static final String NOTIFY_RETRY_ATTEMPTS = "meek.notify.retry.attempts";
    public static final String NOTIFY_RETRY_INITIAL_MS = "meek.notify.retry.initial.ms";
    public static final String NOTIFY_RETRY_MAX_MS = "meek.notify.retry.max.ms";
    public static final String NOTIFY_RETRY_PAUSE_MS = "meek.notify.retry.pause.ms";
    public static final String NOTIFY_LINK_URL = "meek.notify.link.url";
    public static final String NOTIFY_TIMEOUT_MS = "meek.notify.timeout.ms";
    public static final String NOTIFY_MEMORY_DIR = "meek.notify.memory.dir";
    public static final String NOTIFY_HISTORY = "meek.notify.history";
    public static final String METRICS_HOST = "meek.metrics.host";
    public static final String METRICS_PORT = "meek.metrics.port";
    public static final String HTTP_HOST = "meek.http.host";
    public static final String HTTP_PORT = "meek.http.port";
    public static final String HTTP_TOKEN = "meek.http.token";
    public static final String WATCH_MAX_BYTES = "meek.watch.max.bytes";

    /** Every tracker setting, in the order the README lists them. */
    public static final ConfigDef DEF = new ConfigDef()
            .define(
                    BOOTSTRAP_SERVERS,
                    Type.STRING,
                    "",
                    new HostPorts(),
                    Importance.HIGH,
                    "Kafka bootstrap servers; empty starts the embedded broker (demo)")
            .define(
                    APPLICATION_ID,
                    Type.STRING,
                    "meek-tracker",
                    new TopicNamePart(false),
                    Importance.HIGH,
                    "Kafka Streams application id (and consumer group prefix)")
            .define(
                    STATE_DIR,
                    Type.STRING,
                    "",
                    Importance.MEDIUM,
                    "Kafka Streams state directory; empty for a fresh temporary one, deleted when the tracker stops")
            .define(
                    PROCESSING_GUARANTEE,
                    Type.STRING,
                    "exactly_once_v2",
                    ConfigDef.ValidString.in("exactly_once_v2", "at_least_once"),
                    Importance.LOW,
                    "the Kafka Streams applications' guarantee: exactly_once_v2 (the tracker's promise: no output and no alert "
                            + "twice or lost) or at_least_once (the bench's comparison; duplicates possible after a failure)")
            .define(
                    ITEMS_STORE,
                    Type.STRING,
                    "rocksdb",
                    ConfigDef.CaseInsensitiveValidString.in("rocksdb", "memory"),
                    Importance.LOW,
                    "where the streams application keeps the latest version of every item: rocksdb (on disk, a few MB of "
                            + "heap whatever the history) or memory (on the heap, about 0.5 KB an item; faster, for histories "
                            + "of up to some 10^5 items; the demo's default). Both are changelogged: the outputs are the same")
            .define(
                    TOPIC_PREFIX,
                    Type.STRING,
                    "",
                    new TopicNamePart(true),
                    Importance.MEDIUM,
                    "prefix of every topic name, e.g. 'staging.'")
            .define(
                    TOPIC_PARTITIONS,
                    Type.INT,
                    1,
                    Range.atLeast(1),
                    Importance.LOW,
                    "partitions of the input topics when created; the fits are global, so one partition keeps releases in order into them (volumes are thousands of events a year)")
            .define(
                    TOPIC_REPLICATION_FACTOR,
                    Type.INT,
                    1,
                    Range.between(1, Short.MAX_VALUE),
                    Importance.MEDIUM,
                    "replication factor of created topics (3 on a production cluster)")
            .define(
                    MAX_FUTURE_SKEW_DAYS,
                    Type.INT,
                    2,
                    Range.atLeast(0),
                    Importance.LOW,
                    "how far past today an event date may lie, days")
            .define(
                    LAW_PARAMETER_SET,
                    Type.STRING,
                    "paper",
                    ConfigDef.CaseInsensitiveValidString.in("paper", "paper-text", "hoffmann", "besiroglu", "custom"),
                    Importance.HIGH,
                    "the loss law L(C) = A*C^-alpha + E as a whole: paper (1070, 0.154, 1.7), paper-text (alpha 0.155), hoffmann or "
                            + "besiroglu (the compute-optimal reductions of their Chinchilla fits), or custom (meek.law.coefficient, "
                            + "meek.law.alpha and meek.law.irreducible, which only a custom set reads)")
            .define(
                    LAW_COEFFICIENT,
                    Type.DOUBLE,
                    PaperDefaults.LAW_COEFFICIENT,
                    Between.positive(),
                    Importance.HIGH,
                    "A in L(C) = A*C^-alpha + E")
            .define(
                    LAW_ALPHA,
                    Type.DOUBLE,
                    PaperDefaults.LAW_ALPHA,
                    Between.positive(),
                    Importance.HIGH,
                    "alpha in L(C); the paper's text quotes 0.155, the Besiroglu reduction gives 0.178")
            .define(
                    LAW_IRREDUCIBLE,
                    Type.DOUBLE,
                    PaperDefaults.LAW_IRREDUCIBLE,
                    Between.nonNegative(),
                    Importance.HIGH,
                    "E, the irreducible loss, nats/token")
            .define(
                    BUDGET_TIERS_USD,
                    Type.LIST,
                    "1000,100000,10000000",
                    new PositiveList(),
                    Importance.HIGH,
                    "meek budgets projected, USD, comma-separated")
            .define(
                    THRESHOLD_NATS,
                    Type.DOUBLE,
                    PaperDefaults.THRESHOLD_NATS,
                    Between.positive(),
                    Importance.HIGH,
                    "loss gap below which the projection calls the gap closed, nats/token")
            .define(
                    FRONTIER_TOP_N,
                    Type.INT,
                    10,
                    Range.atLeast(1),
                    Importance.MEDIUM,
                    "a model is frontier when its compute is among the N largest released up to its date")
            .define(
                    FIT_START,
                    Type.STRING,
                    "2010-01-01",
                    new IsoDate(),
                    Importance.MEDIUM,
                    "first release date the compute trend fits use")
            .define(
                    GAP_COMPUTE_CONFIDENCE,
                    Type.STRING,
                    "any",
                    ConfigDef.CaseInsensitiveValidString.in("any", "speculative", "likely", "confident"),
                    Importance.MEDIUM,
                    "the least confidence in a model's compute estimate (Epoch AI's Confidence column) for the compute gap and the "
                            + "compute catch-up lag to count it: any, speculative, likely or confident")
            .define(
                    HARDWARE_PRECISION,
                    Type.STRING,
                    "best",
                    new PrecisionName(),
                    Importance.MEDIUM,
                    "format for FLOP/s per USD: best (best ML format each chip has) or fp32, fp16, tf32, bf16-fp16-tensor, fp8, fp4, fp64")
            .define(
                    HARDWARE_TREND,
                    Type.STRING,
                    "best-format",
                    ConfigDef.CaseInsensitiveValidString.in("best-format", "constant-precision"),
                    Importance.MEDIUM,
                    "which hardware trend gives the projections their growth of FLOP per USD: best-format (each chip in its best ML "
                            + "format, so moves to FP8 and FP4 count as progress, as they do for training that uses them) or "
                            + "constant-precision (the year slope with a fixed effect per format); FLOP per USD today always comes from "
                            + "the best-format trend")
            .define(
                    HARDWARE_AMORTISATION_YEARS,
                    Type.DOUBLE,
                    2.0,
                    Between.positive(),
                    Importance.MEDIUM,
                    "years over which a chip's price buys compute, for FLOP per USD")
            .define(
                    HARDWARE_UTILISATION,
                    Type.DOUBLE,
                    0.4,
                    Between.fraction(),
                    Importance.MEDIUM,
                    "fraction of peak FLOP/s achieved in training, for FLOP per USD")
            .define(
                    ALGORITHMIC_GROWTH,
                    Type.DOUBLE,
                    PaperDefaults.ALGORITHMIC_GROWTH,
                    Between.positive(),
                    Importance.HIGH,
                    "algorithmic progress, effective-compute gain per year, used until fitted")
            .define(
                    ALGORITHMIC_MIN_POINTS,
                    Type.INT,
                    30,
                    Range.atLeast(4),
                    Importance.LOW,
                    "scored models with known compute needed before algorithmic progress is fitted")
            .define(
                    ALGORITHMIC_BENCHMARK,
                    Type.STRING,
                    "eci",
                    new StableId(),
                    Importance.LOW,
                    "benchmark whose scores measure algorithmic progress")
            .define(
                    ALGORITHMIC_SOURCE,
                    Type.STRING,
                    "configured",
                    ConfigDef.CaseInsensitiveValidString.in("configured", "fitted"),
                    Importance.HIGH,
                    "algorithmic progress the projections use: configured (meek.algorithmic.growth, the paper's 2.8/year after Ho et al. 2024, "
                            + "its published range 1.8-5.3/year carried into the projections' range) or fitted (the regression on the "
                            + "algorithmic benchmark, which counts post-training and inference-time gains too)")
            .define(
                    LAG_WINDOW_DAYS,
                    Type.INT,
                    180,
                    Range.atLeast(1),
                    Importance.MEDIUM,
                    "days of data, up to the latest, over which the catch-up lag is averaged")
            .define(
                    LAG_TOLERANCE,
                    Type.LIST,
                    "index=3,fraction=0.02,percent=2,elo=10,minutes=0",
                    new Tolerances(),
                    Importance.MEDIUM,
                    "how much better the closed state of the art must be to count as ahead, for the catch-up lag: per score scale "
                            + "(index, fraction, percent, elo, minutes) or per benchmark id, which wins over its scale (e.g. eci=2)")
            .define(
                    LAG_COMPUTE_TOLERANCE_OOM,
                    Type.DOUBLE,
                    0.1,
                    Between.nonNegative(),
                    Importance.MEDIUM,
                    "the same tolerance for the training-compute catch-up lag, orders of magnitude")
            .define(
                    LAG_BOOTSTRAP_SAMPLES,
                    Type.INT,
                    200,
                    Range.atLeast(0),
                    Importance.LOW,
                    "bootstrap resamples of the models behind each catch-up lag's 90 % interval (0: no interval)")
            .define(
                    LAG_BOOTSTRAP_SEED,
                    Type.LONG,
                    2026L,
                    Importance.LOW,
                    "seed of that bootstrap, so the same data always give the same interval")
            .define(
                    SIGMOID_MIN_POINTS,
                    Type.INT,
                    8,
                    Range.atLeast(5),
                    Importance.LOW,
                    "points needed before a benchmark's sigmoid is fitted")
            .define(
                    SIGMOID_MAX_POINTS,
                    Type.INT,
                    2000,
                    Range.atLeast(10),
                    Importance.LOW,
                    "points a benchmark's sigmoid fits at most (bounds the refit cost); beyond it, a uniform sample"
                            + " of its results chosen by a hash of the model id")
            .define(
                    EMIT_INTERVAL_MS,
                    Type.INT,
                    50,
                    Range.atLeast(1),
                    Importance.LOW,
                    "changed fits and gaps are coalesced per id and emitted this often, ms")
            .define(
                    EMIT_CHECKPOINT,
                    Type.STRING,
                    "month",
                    ConfigDef.CaseInsensitiveValidString.in("none", "day", "month", "year"),
                    Importance.LOW,
                    "event-time period whose end state is always published, however fast history is replayed: none, day, month or year")
            .define(
                    DEFERRED_INTERVAL_MS,
                    Type.INT,
                    200,
                    Range.atLeast(10),
                    Importance.LOW,
                    "how often projections are recomputed when their inputs changed, ms")
            .define(
                    SIGMOID_INTERVAL_MS,
                    Type.INT,
                    2000,
                    Range.atLeast(10),
                    Importance.LOW,
                    "how often benchmark sigmoids are refitted when their points changed, ms")
            .define(
                    EMIT_IDLE_MS,
                    Type.INT,
                    2000,
                    Range.atLeast(0),
                    Importance.LOW,
                    "while history is replayed (events dated before the wall clock's checkpoint period), outputs are "
                            + "published at the checkpoints only, and the rest once no event has come for this long, ms, "
                            + "so the published history and the alerts do not depend on the replay's speed; 0 publishes "
                            + "on the wall-clock intervals always")
            .define(
                    NOTIFY_LOG,
                    Type.BOOLEAN,
                    true,
                    Importance.MEDIUM,
                    "log every alert transition (the console in the demo)")
            .define(
                    NOTIFY_WEBHOOK_URL,
                    Type.PASSWORD,
                    "",
                    new HttpUrl(),
                    Importance.MEDIUM,
                    "webhook receiving Alertmanager's webhook payload (version 4); empty: off. Secret: set it in the environment (MEEK_NOTIFY_WEBHOOK_URL); never logged")
            .define(
                    NOTIFY_WEBHOOK_AUTHORIZATION,
                    Type.PASSWORD,
                    "",
                    Importance.MEDIUM,
                    "Authorization header sent to the webhook, e.g. 'Bearer <token>'. Secret: never logged")
            .define(
                    NOTIFY_ALERTMANAGER_URL,
                    Type.STRING,
                    "",
                    new HttpUrl(),
                    Importance.MEDIUM,
                    "Alertmanager base URL, e.g. http://127.0.0.1:9093; alerts go to its /api/v2/alerts (--alertmanager-url); empty: off")
            .define(
                    NOTIFY_ALERTMANAGER_RESEND_MS,
                    Type.INT,
                    60000,
                    Range.atLeast(100),
                    Importance.LOW,
                    "firing alerts are re-sent to Alertmanager this often, ms (endsAt is 4 intervals ahead)")
            .define(
                    NOTIFY_SLACK_URL,
                    Type.PASSWORD,
                    "",
                    new HttpUrl(),
                    Importance.MEDIUM,
                    "Slack incoming-webhook URL; empty: off. Secret: set it in the environment (MEEK_NOTIFY_SLACK_URL); never logged")
            .define(
                    NOTIFY_RATE_PER_MINUTE,
                    Type.INT,
                    60,
                    Range.atLeast(1),
                    Importance.LOW,
                    "most deliveries per minute to each sink; more wait their turn")
            .define(
                    NOTIFY_RETRY_ATTEMPTS,
                    Type.INT,
                    5,
                    Range.atLeast(1),
                    Importance.LOW,
                    "attempts per alert, with exponential backoff, before the sink pauses and starts again on the same alert")
            .define(
                    NOTIFY_RETRY_INITIAL_MS,
                    Type.INT,
                    200,
                    Range.atLeast(1),
                    Importance.LOW,
                    "first retry delay, ms; doubles each attempt, with 20 % jitter")
            .define(NOTIFY_RETRY_MAX_MS, Type.INT, 10000, Range.atLeast(1), Importance.LOW, "longest retry delay, ms")
            .define(
                    NOTIFY_RETRY_PAUSE_MS,
                    Type.INT,
                    30000,
                    Range.atLeast(1),
                    Importance.LOW,
                    "pause after the attempts are used up, ms; the alert is not skipped (at-least-once)")
            .define(
                    NOTIFY_LINK_URL,
                    Type.STRING,
                    "",
                    Importance.LOW,
                    "base of the links in alerts (the query API as readers reach it); empty: http://<meek.http.host>:<meek.http.port>")
            .define(
                    NOTIFY_TIMEOUT_MS,
                    Type.INT,
                    5000,
                    Range.atLeast(1),
                    Importance.LOW,
                    "HTTP request timeout of the notifiers, ms")
            .define(
                    NOTIFY_MEMORY_DIR,
                    Type.STRING,
                    "",
                    Importance.LOW,
                    "directory where the webhook and Slack sinks remember what they delivered across runs"
                            + " (fingerprint, status, as-of date), so a replay on a fresh broker sends only what is newer;"
                            + " empty: off (the demo uses ~/.meek-tracker/notified)")
            .define(
                    NOTIFY_HISTORY,
                    Type.BOOLEAN,
                    false,
                    Importance.LOW,
                    "with a memory, also send transitions dated on or before what earlier runs delivered (demo --notify-history)")
            .define(
                    METRICS_HOST,
                    Type.STRING,
                    "127.0.0.1",
                    new NonBlank(),
                    Importance.MEDIUM,
                    "address of the Prometheus /metrics endpoint")
            .define(
                    METRICS_PORT,
                    Type.INT,
                    9404,
                    Range.between(0, 65535),
                    Importance.MEDIUM,
                    "port of the Prometheus /metrics endpoint; 0 picks a free one")
            .define(
                    HTTP_HOST,
                    Type.STRING,
                    "127.0.0.1",
                    new NonBlank(),
                    Importance.MEDIUM,
                    "address of the interactive-query HTTP server")
            .define(
                    HTTP_PORT,
                    Type.INT,
                    7070,
                    Range.between(0, 65535),
                    Importance.MEDIUM,
                    "port of the interactive-query HTTP server; 0 picks a free one")
            .define(
                    HTTP_TOKEN,
                    Type.PASSWORD,
                    "",
                    Importance.MEDIUM,
                    "bearer token the query API asks of every request (Authorization: Bearer <token>); set it whenever "
                            + "meek.http.host is beyond loopback; empty: no token. Secret: set it in the environment (MEEK_HTTP_TOKEN)")
            .define(
                    WATCH_MAX_BYTES,
                    Type.LONG,
                    64L << 20,
                    Range.between(1024L, 1L << 30),
                    Importance.LOW,
                    "the largest body a watched source may send, and the most its zip may unzip to, in bytes (default "
                            + "64 MiB, ten times Epoch AI's largest export): more is a failed fetch, read no further, "
                            + "instead of a watcher out of memory or disk");

    private Settings() {}

    /** The default of a setting as text, as a user would write it. */
    public static String defaultText(String key) {
        ConfigDef.ConfigKey k = DEF.configKeys().get(key);
        if (k == null) {
            throw new IllegalArgumentException("unknown setting '" + key + "'");
        }
        Object v = k.defaultValue;
        if (v instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return String.valueOf(d.longValue());
        }
        return v instanceof org.apache.kafka.common.config.types.Password p ? p.value() : String.valueOf(v);
    }

    /** A finite number in a range; the lower end open or closed, the upper end closed. */
    private static final class Between implements ConfigDef.Validator {
        private final double low;
        private final boolean lowIncluded;
        private final double high;
        private final String words;

        private Between(double low, boolean lowIncluded, double high, String words) {
            this.low = low;
            this.lowIncluded = lowIncluded;
            this.high = high;
            this.words = words;
        }

        static Between positive() {
            return new Between(0, false, Double.MAX_VALUE, "> 0");
        }

        static Between nonNegative() {
            return new Between(0, true, Double.MAX_VALUE, ">= 0");
        }

        static Between fraction() {
            return new Between(0, false, 1, "(0, 1]");
        }

        @Override
        public void ensureValid(String name, Object value) {
            boolean ok =
                    value instanceof Double d && Double.isFinite(d) && (lowIncluded ? d >= low : d > low) && d <= high;
            if (!ok) {
                throw new ConfigException(name, value, "must be a finite number " + words);
            }
        }

        @Override
        public String toString() {
            return words;
        }
    }

    private static final class Tolerances implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            for (Object o : (List<?>) value) {
                String[] kv = String.valueOf(o).split("=", 2);
                boolean ok = kv.length == 2 && !kv[0].isBlank();
                if (ok) {
                    try {
                        double v = Double.parseDouble(kv[1].trim());
                        ok = v >= 0 && Double.isFinite(v);
                    } catch (NumberFormatException e) {
                        ok = false;
                    }
                }
                if (!ok) {
                    throw new ConfigException(
                            name,
                            value,
                            "must be <scale or benchmark>=<tolerance, zero or more> separated by commas, not '" + o
                                    + "'");
                }
            }
        }

        @Override
        public String toString() {
            return "name=number, comma-separated";
        }
    }

    private static final class PositiveList implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            List<?> list = (List<?>) value;
            if (list.isEmpty()) {
                throw new ConfigException(name, value, "must list at least one USD amount");
            }
            for (Object o : list) {
                try {
                    double v = Double.parseDouble(String.valueOf(o).trim());
                    if (!(v > 0) || !Double.isFinite(v)) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException e) {
                    throw new ConfigException(
                            name, value, "must be positive USD amounts separated by commas, not '" + o + "'");
                }
            }
        }

        @Override
        public String toString() {
            return "positive numbers, comma-separated";
        }
    }

    private static final class IsoDate implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                LocalDate.parse(String.valueOf(value).trim());
            } catch (DateTimeParseException e) {
                throw new ConfigException(name, value, "must be a date as YYYY-MM-DD");
            }
        }

        @Override
        public String toString() {
            return "YYYY-MM-DD";
        }
    }

    /**
     * Comma-separated HOST:PORT (IPv6 as [::1]:9092), or empty: a malformed address is said at once,
     * instead of after the clients' ten seconds of trying to reach it.
     */
    private static final class HostPorts implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String v = value == null ? "" : String.valueOf(value).trim();
            if (v.isEmpty()) {
                return;
            }
            for (String address : v.split(",")) {
                String a = address.trim();
                String host = org.apache.kafka.common.utils.Utils.getHost(a);
                Integer port = org.apache.kafka.common.utils.Utils.getPort(a);
                if (host == null || host.isEmpty() || port == null || port < 1 || port > 65535) {
                    throw new ConfigException(name, value, "'" + a + "' is not HOST:PORT with a port from 1 to 65535");
                }
            }
        }

        @Override
        public String toString() {
            return "HOST:PORT,...";
        }
    }

    /**
     * Part of a Kafka topic name (the application id starts the Streams application's internal topics):
     * a character Kafka refuses in a topic name would otherwise fail the topics' creation, after start-up.
     */
    private static final class TopicNamePart implements ConfigDef.Validator {
        /** Room left for the longest name appended: Kafka allows 249 characters. */
        private static final int MAX = 180;

        private final boolean mayBeEmpty;

        TopicNamePart(boolean mayBeEmpty) {
            this.mayBeEmpty = mayBeEmpty;
        }

        @Override
        public void ensureValid(String name, Object value) {
            String v = value == null ? "" : String.valueOf(value);
            if (v.isEmpty() && mayBeEmpty) {
                return;
            }
            if (v.isBlank()) {
                throw new ConfigException(name, value, "must not be empty");
            }
            if (!v.matches("[a-zA-Z0-9._-]+") || v.length() > MAX) {
                throw new ConfigException(
                        name,
                        v.length() > 80 ? v.substring(0, 77) + "..." : v,
                        "must be at most " + MAX + " letters, digits, '.', '_' or '-': it starts Kafka topic names");
            }
        }

        @Override
        public String toString() {
            return "letters, digits, '.', '_', '-'";
        }
    }

    /**
     * Empty, or an http:// or https:// URL with a host: checked with the other settings, before the
     * broker and the applications start, rather than when the notifier is built. A secret URL's value is
     * a Password, which Kafka's message shows as [hidden].
     */
    private static final class HttpUrl implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String v = value instanceof org.apache.kafka.common.config.types.Password p
                    ? p.value()
                    : value == null ? "" : String.valueOf(value);
            String problem = v.isBlank() ? null : HttpUrls.problem(v);
            if (problem != null) {
                throw new ConfigException(name, value, problem);
            }
        }

        @Override
        public String toString() {
            return "http(s)://HOST...";
        }
    }

    private static final class NonBlank implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null || String.valueOf(value).isBlank()) {
                throw new ConfigException(name, value, "must not be empty");
            }
        }

        @Override
        public String toString() {
            return "not empty";
        }
    }

    /** A benchmark id as the events carry it: any other value could never match one, and would fit nothing. */
    private static final class StableId implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null || !dev.meektracker.core.validate.EventValidator.stableId(String.valueOf(value))) {
                throw new ConfigException(
                        name,
                        value,
                        "must be a benchmark id (lower-case letters, digits and . _ : + / -), such as eci");
            }
        }

        @Override
        public String toString() {
            return "a benchmark id";
        }
    }

    private static final class PrecisionName implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String p = String.valueOf(value).trim();
            if (p.equalsIgnoreCase("best")) {
                return;
            }
            try {
                Precision.fromWire(p.toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(
                        name,
                        value,
                        "must be best or one of "
                                + Arrays.stream(Precision.values())
                                        .map(Precision::wire)
                                        .toList());
            }
        }

        @Override
        public String toString() {
            return "best, "
                    + String.join(
                            ", ",
                            Arrays.stream(Precision.values())
                                    .map(Precision::wire)
                                    .toList());
        }
    }
}
