package dev.meektracker.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.meektracker.core.model.ComputeLaw;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Source precedence, the environment mapping, typed values and the errors that name their key. */
class TrackerConfigTest {

    @TempDir
    Path dir;

    private Path file(String text) throws Exception {
        Path f = dir.resolve("tracker.properties");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void laterSourcesWinDefaultsFileEnvironmentCommandLine() throws Exception {
        Path f = file(
                "meek.law.parameter.set=custom\nmeek.law.alpha=0.16\nmeek.law.irreducible=1.8\nmeek.law.coefficient=1000\nsecurity.protocol=SSL\n");
        TrackerConfig c = TrackerConfig.load(
                f,
                Map.of("MEEK_LAW_IRREDUCIBLE", "1.9", "MEEK_LAW_COEFFICIENT", "900"),
                Map.of("meek.law.coefficient", "800"));
        assertThat(c.law()).isEqualTo(new ComputeLaw(800, 0.16, 1.9));
        assertThat(c.clientProperties()).containsEntry("security.protocol", "SSL");
        assertThat(TrackerConfig.defaults().law()).isEqualTo(ComputeLaw.PAPER);
    }

    @Test
    void aClientDefaultAppliesOnlyWhereTheUserSetNothing() {
        TrackerConfig c = TrackerConfig.load(null, Map.of("MEEK_KAFKA_RETRY_BACKOFF_MS", "250"), Map.of());
        assertThat(c.withClientDefault("retry.backoff.ms", "10").clientProperties())
                .containsEntry("retry.backoff.ms", "250");
        assertThat(TrackerConfig.defaults()
                        .withClientDefault("retry.backoff.ms", "10")
                        .clientProperties())
                .containsEntry("retry.backoff.ms", "10");
        // Its own defaults too: fetch.max.wait.ms stays 100 unless set.
        assertThat(TrackerConfig.defaults().withClientDefault("linger.ms", "5").clientProperties())
                .containsEntry("fetch.max.wait.ms", 100)
                .containsEntry("linger.ms", "5");
    }

    @Test
    void aNamedParameterSetAppliesAsAWhole() {
        assertThat(TrackerConfig.defaults()
                        .with(Settings.LAW_PARAMETER_SET, "paper-text")
                        .law())
                .isEqualTo(ComputeLaw.PAPER_TEXT);
        assertThat(TrackerConfig.defaults()
                        .with(Settings.LAW_PARAMETER_SET, "besiroglu")
                        .law()
                        .alpha())
                .isCloseTo(0.178, within(5e-4));
        assertThatThrownBy(() -> TrackerConfig.load(null, Map.of(), Map.of("meek.law.alpha", "0.178")))
                .hasMessageContaining("meek.law.alpha")
                .hasMessageContaining("applies as a whole");
        assertThatThrownBy(() -> TrackerConfig.load(
                        null, Map.of(), Map.of("meek.law.parameter.set", "besiroglu", "meek.law.alpha", "0.2")))
                .hasMessageContaining("besiroglu");
        assertThat(TrackerConfig.load(
                                null, Map.of(), Map.of("meek.law.parameter.set", "custom", "meek.law.alpha", "0.2"))
                        .law())
                .isEqualTo(new ComputeLaw(1070, 0.2, 1.7));
    }

    @Test
    void environmentVariablesMapToKeysBothWays() {
        assertThat(TrackerConfig.environmentKey("MEEK_TOPIC_PREFIX")).isEqualTo("meek.topic.prefix");
        assertThat(TrackerConfig.environmentVariable("meek.notify.retry.max.ms"))
                .isEqualTo("MEEK_NOTIFY_RETRY_MAX_MS");
        for (String key : Settings.DEF.names()) {
            assertThat(TrackerConfig.environmentKey(TrackerConfig.environmentVariable(key)))
                    .isEqualTo(key);
        }
        TrackerConfig c = TrackerConfig.load(
                null,
                Map.of(
                        "MEEK_TOPIC_PREFIX",
                        "staging.",
                        "MEEK_KAFKA_SASL_MECHANISM",
                        "SCRAM-SHA-512",
                        "MEEK_JAVA_OPTS",
                        "-Xmx1g",
                        "PATH",
                        "/bin"),
                Map.of());
        assertThat(c.topicPrefix()).isEqualTo("staging.");
        assertThat(c.clientProperties()).containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    }

    @Test
    void typedValuesAndDefaults() {
        TrackerConfig c = TrackerConfig.defaults();
        assertThat(c.budgetTiers()).containsExactly(1000.0, 100000.0, 10000000.0);
        assertThat(c.integer(Settings.FRONTIER_TOP_N)).isEqualTo(10);
        assertThat(c.bool(Settings.NOTIFY_LOG)).isTrue();
        assertThat(c.hardwarePrecision()).isNull();
        assertThat(c.with(Settings.HARDWARE_PRECISION, "FP8").hardwarePrecision())
                .isEqualTo(dev.meektracker.core.event.Precision.FP8);
        assertThat(c.maxFutureSkew()).hasDays(2);
        assertThat(c.with(Settings.BUDGET_TIERS_USD, "5, 50").budgetTiers()).containsExactly(5.0, 50.0);
    }

    @Test
    void aConfigFileThatCannotBeReadSaysWhy() throws Exception {
        Path latin1 = dir.resolve("latin1.properties");
        Files.write(latin1, "meek.topic.prefix=z\u00fcrich-\n".getBytes("ISO-8859-1"));
        assertThatThrownBy(() -> TrackerConfig.load(latin1, Map.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot read config file " + latin1 + ": it is not UTF-8 text (save it as UTF-8)");
        assertThatThrownBy(() -> TrackerConfig.load(dir, Map.of(), Map.of()))
                .hasMessage("cannot read config file " + dir + ": it is a directory");
        assertThatThrownBy(() -> TrackerConfig.load(dir.resolve("nope.properties"), Map.of(), Map.of()))
                .hasMessage("cannot read config file " + dir.resolve("nope.properties") + ": no such file");
    }

    @Test
    void aKeySetTwiceInTheFileIsRefusedAndAByteOrderMarkIsNoPartOfTheFirstKey() throws Exception {
        Path twice = dir.resolve("twice.properties");
        Files.writeString(twice, "meek.threshold.nats=0.1\nmeek.topic.prefix=a-\nmeek.threshold.nats=0.2\n");
        assertThatThrownBy(() -> TrackerConfig.load(twice, Map.of(), Map.of()))
                .hasMessage("config file " + twice + " sets meek.threshold.nats more than once: keep the one you mean");
        // Notepad's UTF-8: the mark made the first key '\uFEFFmeek.threshold.nats', an unknown property.
        Path bom = dir.resolve("bom.properties");
        Files.writeString(bom, "\uFEFFmeek.threshold.nats=0.1\n");
        assertThat(TrackerConfig.load(bom, Map.of(), Map.of()).number(Settings.THRESHOLD_NATS))
                .isEqualTo(0.1);
    }

    @Test
    void unknownKeysAndBadValuesAreErrorsNamingTheKey() throws Exception {
        assertThatThrownBy(() -> TrackerConfig.load(null, Map.of(), Map.of("meek.law.alpah", "0.2")))
                .hasMessageContaining("meek.law.alpah")
                .hasMessageContaining("did you mean 'meek.law.alpha'");
        assertThatThrownBy(() -> TrackerConfig.load(null, Map.of("MEEK_LAW_ALPAH", "0.2"), Map.of()))
                .hasMessageContaining("MEEK_LAW_ALPAH");
        assertThatThrownBy(() -> TrackerConfig.load(file("meek.nope=1\n"), Map.of(), Map.of()))
                .hasMessageContaining("meek.nope");
        assertThatThrownBy(() -> TrackerConfig.defaults()
                        .with(Settings.LAW_PARAMETER_SET, "custom")
                        .with(Settings.LAW_ALPHA, "fast"))
                .hasMessageContaining("meek.law.alpha");
        assertThatThrownBy(() -> TrackerConfig.defaults()
                        .with(Settings.LAW_PARAMETER_SET, "custom")
                        .with(Settings.LAW_ALPHA, "-1"))
                .hasMessageContaining("> 0");
        assertThatThrownBy(() -> TrackerConfig.defaults().with(Settings.HARDWARE_UTILISATION, "1.5"))
                .hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> TrackerConfig.defaults().with(Settings.FRONTIER_TOP_N, "0"))
                .hasMessageContaining("meek.frontier.top.n");
        assertThatThrownBy(() -> TrackerConfig.defaults().with(Settings.FIT_START, "2010"))
                .hasMessageContaining("YYYY-MM-DD");
        assertThatThrownBy(() -> TrackerConfig.defaults().with(Settings.HARDWARE_PRECISION, "fp7"))
                .hasMessageContaining("fp8");
        assertThatThrownBy(() -> TrackerConfig.defaults().with(Settings.EMIT_CHECKPOINT, "week"))
                .hasMessageContaining("meek.emit.checkpoint");
        assertThatThrownBy(() -> TrackerConfig.defaults().with(Settings.BUDGET_TIERS_USD, "1000,lots"))
                .hasMessageContaining("lots");
        // No benchmark has such an id, so nothing would measure algorithmic progress, silently.
        assertThatThrownBy(() -> TrackerConfig.defaults().with(Settings.ALGORITHMIC_BENCHMARK, "GPQA Diamond"))
                .hasMessageContaining("meek.algorithmic.benchmark")
                .hasMessageContaining("must be a benchmark id");
        assertThat(TrackerConfig.defaults()
                        .with(Settings.ALGORITHMIC_BENCHMARK, "gpqa-diamond")
                        .string(Settings.ALGORITHMIC_BENCHMARK))
                .isEqualTo("gpqa-diamond");
    }

    @Test
    void addressesAndTopicNamePartsKafkaWouldRefuseAreRefusedAtOnce() {
        for (String bad : new String[] {"foo:bar", "127.0.0.1:99999", "localhost", "host:9092,:9093", "h:0"}) {
            assertThatThrownBy(() -> TrackerConfig.defaults().with(Settings.BOOTSTRAP_SERVERS, bad))
                    .as(bad)
                    .hasMessageContaining("meek.bootstrap.servers")
                    .hasMessageContaining("is not HOST:PORT with a port from 1 to 65535");
        }
        for (String good :
                new String[] {"", "127.0.0.1:9092", "[::1]:9092, broker-2.example.com:9093", "PLAINTEXT://h:1"}) {
            assertThat(TrackerConfig.defaults()
                            .with(Settings.BOOTSTRAP_SERVERS, good)
                            .string(Settings.BOOTSTRAP_SERVERS))
                    .isEqualTo(good);
        }
        assertThatThrownBy(() -> TrackerConfig.defaults().with(Settings.TOPIC_PREFIX, "team/a."))
                .hasMessageContaining("meek.topic.prefix")
                .hasMessageContaining("letters, digits");
        assertThatThrownBy(() -> TrackerConfig.defaults().with(Settings.TOPIC_PREFIX, "x".repeat(181)))
                .hasMessageContaining("at most 180");
        assertThatThrownBy(() -> TrackerConfig.defaults().with(Settings.APPLICATION_ID, "tracker one"))
                .hasMessageContaining("meek.application.id");
        assertThat(TrackerConfig.defaults()
                        .with(Settings.TOPIC_PREFIX, "staging.")
                        .string(Settings.TOPIC_PREFIX))
                .isEqualTo("staging.");
        assertThatThrownBy(() -> TrackerConfig.defaults().with(Settings.NOTIFY_ALERTMANAGER_URL, "not-a-url"))
                .hasMessageContaining("meek.notify.alertmanager.url")
                .hasMessageContaining("must be an http:// or https:// URL with a host");
        // A webhook's URL is a secret: the message names the setting, never the value.
        assertThatThrownBy(() -> TrackerConfig.defaults().with(Settings.NOTIFY_WEBHOOK_URL, "ftp://s3cr3t@x/y"))
                .hasMessageContaining("meek.notify.webhook.url")
                .hasMessageNotContaining("s3cr3t");
        assertThatThrownBy(() -> TrackerConfig.defaults().with(Settings.NOTIFY_SLACK_URL, "::::s3cr3t"))
                .hasMessageContaining("meek.notify.slack.url")
                .hasMessageNotContaining("s3cr3t");
        assertThat(TrackerConfig.defaults()
                        .with(Settings.NOTIFY_ALERTMANAGER_URL, "http://127.0.0.1:9093")
                        .string(Settings.NOTIFY_ALERTMANAGER_URL))
                .isEqualTo("http://127.0.0.1:9093");
    }

    @Test
    void unknownClientPropertiesAreRefusedWhenTheCallerKnowsTheNames() {
        TrackerConfig c = TrackerConfig.load(null, Map.of(), Map.of("law.alpha", "0.5"));
        assertThatThrownBy(() -> c.requireKnownClientProperties(k -> k.equals("security.protocol")))
                .hasMessageContaining("law.alpha");
        assertThat(TrackerConfig.load(null, Map.of(), Map.of("security.protocol", "SSL"))
                        .requireKnownClientProperties(k -> k.equals("security.protocol")))
                .isNotNull();
    }

    @Test
    void secretsAreNotInTheTextOfTheirValue() {
        TrackerConfig c = TrackerConfig.defaults()
                .with(Settings.NOTIFY_SLACK_URL, "https://hooks.slack.com/services/T0/B0/secret");
        assertThat(c.secret(Settings.NOTIFY_SLACK_URL)).endsWith("/secret");
        assertThat(Settings.DEF
                        .parse(Map.of(Settings.NOTIFY_SLACK_URL, "https://x/secret"))
                        .get(Settings.NOTIFY_SLACK_URL)
                        .toString())
                .doesNotContain("secret");
    }
}
