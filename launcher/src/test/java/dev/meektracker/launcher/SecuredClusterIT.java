package dev.meektracker.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.meektracker.broker.BrokerSecurity;
import dev.meektracker.broker.TlsMaterial;
import dev.meektracker.core.LocalService;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on a secured broker, every process a child of the shaded jar: `broker --secure`
 * (SASL_SSL with SCRAM-SHA-512 over TLS, a CA made for the run, the StandardAuthorizer refusing what
 * no ACL allows), then topics, streams, consumers, produce and watch each under its own principal
 * with the client config the broker wrote for it. Each principal can do its work and no more; a
 * wrong password or an untrusted certificate ends a command within seconds with one clear line; and
 * no password reaches any process's output.
 */
class SecuredClusterIT {

    @TempDir
    Path tmp;

    @Test
    void everyRoleRunsUnderItsOwnPrincipalWithTheLeastItNeeds() throws Exception {
        assertThat(ShadedJar.JAR).exists();
        Path secure = tmp.resolve("secure");
        int port = LocalService.freePort();
        String bootstrap = "127.0.0.1:" + port;
        List<LocalService> services = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        Webhook receiver = new Webhook();
        List<String> webhook = receiver.bodies();
        try {
            LocalService broker =
                    ShadedJar.broker("secure-broker", port, tmp.resolve("kafka"), "--secure", secure.toString());
            services.add(broker);
            assertThat(broker.output()).contains("secured: SASL_SSL");
            for (String role : List.of("topics", "produce", "watch", "streams", "consumers")) {
                assertThat(secure.resolve(role + ".properties")).exists();
            }

            LocalService.Result topics = LocalService.run(
                    ShadedJar.command("256m", "topics", "--config", config(secure, "topics")), Duration.ofSeconds(60));
            outputs.add(topics.output());
            assertThat(topics.exitCode()).as(topics.output()).isZero();

            int streamsMetrics = LocalService.freePort();
            int queries = LocalService.freePort();
            LocalService streams = LocalService.start(
                    "secure-streams",
                    ShadedJar.command(
                            "256m",
                            "streams",
                            "--config",
                            config(secure, "streams"),
                            "-D",
                            "meek.metrics.port=" + streamsMetrics,
                            "-D",
                            "meek.http.port=" + queries),
                    "http://127.0.0.1:" + streamsMetrics + "/metrics",
                    Duration.ofSeconds(120));
            services.add(streams);
            int consumersMetrics = LocalService.freePort();
            LocalService consumers = LocalService.start(
                    "secure-consumers",
                    ShadedJar.command(
                            "256m",
                            "consumers",
                            "--config",
                            config(secure, "consumers"),
                            "-D",
                            "meek.metrics.port=" + consumersMetrics,
                            "-D",
                            "meek.notify.webhook.url=" + receiver.url()),
                    "http://127.0.0.1:" + consumersMetrics + "/metrics",
                    Duration.ofSeconds(120));
            services.add(consumers);
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> ShadedJar.get("http://127.0.0.1:" + queries + "/gaps")
                            .startsWith("["));

            LocalService.Result produced = LocalService.run(
                    ShadedJar.command("256m", "produce", "--config", config(secure, "produce"), "--sample", "--replay"),
                    Duration.ofSeconds(90));
            outputs.add(produced.output());
            assertThat(produced.exitCode()).as(produced.output()).isZero();

            Path scores = tmp.resolve("benchmarks.jsonl");
            try (var in = getClass().getClassLoader().getResourceAsStream("sample/benchmarks.jsonl")) {
                Files.copy(in, scores);
            }
            Path sources = Files.writeString(
                    tmp.resolve("sources.yaml"),
                    "sources:\n  - id: sample-scores\n    url: " + scores.toUri()
                            + "\n    format: jsonl\n    every: PT1H\n");
            LocalService.Result watched = LocalService.run(
                    ShadedJar.command(
                            "256m",
                            "watch",
                            "--config",
                            config(secure, "watch"),
                            "--sources",
                            sources.toString(),
                            "--once",
                            "-D",
                            "meek.metrics.port=0"),
                    Duration.ofSeconds(90));
            outputs.add(watched.output());
            assertThat(watched.exitCode()).as(watched.output()).isZero();
            assertThat(watched.output()).contains("sample-scores", "published");

            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> {
                        assertThat(ShadedJar.get("http://127.0.0.1:" + queries + "/gaps"))
                                .contains("compute/open-vs-closed", "projection/budget-1000-usd");
                        assertThat(ShadedJar.get("http://127.0.0.1:" + queries + "/sources"))
                                .contains("\"sourceId\" : \"sample-scores\"");
                        assertThat(webhook).isNotEmpty();
                    });
            assertThat(streams.alive()).isTrue();
            assertThat(consumers.alive()).isTrue();

            // Least privilege: the producer's principal writes inputs, not outputs; the topology's
            // principal cannot join the alert evaluator's group.
            Properties producer = load(secure.resolve("produce.properties"));
            try (KafkaProducer<String, String> p =
                    new KafkaProducer<>(producer, new StringSerializer(), new StringSerializer())) {
                assertThatThrownBy(() -> p.send(new ProducerRecord<>("gap-estimates", "forged", "{}"))
                                .get(30, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(TopicAuthorizationException.class);
            }
            try (Admin admin = Admin.create(load(secure.resolve("streams.properties")))) {
                assertThatThrownBy(() -> admin.listConsumerGroupOffsets("meek-tracker-alerts")
                                .partitionsToOffsetAndMetadata()
                                .get(30, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(GroupAuthorizationException.class);
            }

            // A wrong password and a certificate from another CA: one line, a non-zero exit, within seconds.
            Properties wrong = load(secure.resolve("produce.properties"));
            wrong.put(
                    "sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"meek-produce\" "
                            + "password=\"not-the-password\";");
            LocalService.Result refused = timed(
                    ShadedJar.command("256m", "produce", "--config", write(wrong, "wrong.properties"), "--sample"));
            outputs.add(refused.output());
            assertThat(refused.exitCode()).as(refused.output()).isEqualTo(1);
            assertThat(refused.output())
                    .contains("refused the credentials")
                    .doesNotContain("\tat ")
                    .doesNotContain("not-the-password");

            TlsMaterial other = TlsMaterial.generate(tmp.resolve("other-ca"), "someone else's CA", Duration.ofDays(1));
            Properties untrusted =
                    BrokerSecurity.clientProperties("meek-topics", "whatever", other.trustStore(), other.password());
            untrusted.put("bootstrap.servers", bootstrap);
            LocalService.Result handshake =
                    timed(ShadedJar.command("256m", "topics", "--config", write(untrusted, "untrusted.properties")));
            outputs.add(handshake.output());
            assertThat(handshake.exitCode()).as(handshake.output()).isEqualTo(1);
            assertThat(handshake.output()).contains("TLS handshake").doesNotContain("\tat ");

            // No secret in any output: the stores' password, the broker's and every role's.
            services.forEach(s -> outputs.add(s.output()));
            List<String> secrets = new ArrayList<>();
            load(secure.resolve("role-passwords.properties")).values().forEach(v -> secrets.add((String) v));
            load(secure.resolve("broker-secrets.properties")).values().forEach(v -> secrets.add((String) v));
            assertThat(secrets).hasSize(8);
            for (String out : outputs) {
                for (String secret : secrets) {
                    assertThat(out).doesNotContain(secret);
                }
            }
        } finally {
            for (int i = services.size() - 1; i >= 0; i--) {
                services.get(i).close();
            }
            receiver.close();
        }
    }

    private static String config(Path dir, String role) {
        return dir.resolve(role + ".properties").toString();
    }

    private static Properties load(Path file) throws Exception {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        return p;
    }

    private String write(Properties p, String name) throws Exception {
        Path file = tmp.resolve(name);
        try (var w = Files.newBufferedWriter(file)) {
            p.store(w, null);
        }
        return file.toString();
    }

    /** Runs a command that must fail fast: within 20 s, JVM start included. */
    private static LocalService.Result timed(List<String> command) throws Exception {
        long start = System.nanoTime();
        LocalService.Result r = LocalService.run(command, Duration.ofSeconds(60));
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        System.out.printf(
                "secured: %s ended with %d after %d s%n", command.get(command.size() - 2), r.exitCode(), seconds);
        assertThat(seconds).as("fails within seconds: " + r.output()).isLessThan(20);
        return r;
    }
}
