package dev.meektracker.consumers.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Max;
import org.junit.jupiter.api.Test;

/**
 * Real Kafka client metrics ({@link Metrics}, the registry every Kafka client keeps) coming and going
 * as they do when a stream thread is replaced or a connection re-made: no registration fails, the
 * client-level and per-partition values stay apart, and a re-created metric is read, not its ghost.
 */
class KafkaClientMetersTest {

    private static MetricName lagMax(Metrics metrics, Map<String, String> tags) {
        return metrics.metricName("records-lag-max", "consumer-fetch-manager-metrics", "", tags);
    }

    private static Sensor sensor(Metrics metrics, String name, MetricName metric) {
        Sensor s = metrics.sensor(name);
        s.add(metric, new Max());
        return s;
    }

    @Test
    void oneTagKeySetPerNameWhateverTheOrderClientsComeAndGoIn() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        List<String> failures = new CopyOnWriteArrayList<>();
        registry.config().onMeterRegistrationFailed((id, reason) -> failures.add(id.getName() + ": " + reason));
        try (Metrics metrics = new Metrics()) {
            // A partition's lag first, as a restore consumer reports it, then a client's maximum.
            sensor(metrics, "p", lagMax(metrics, Map.of("client-id", "restore", "topic", "t", "partition", "0")))
                    .record(7);
            KafkaClientMeters meters = KafkaClientMeters.bind(metrics::metrics, registry, Duration.ofHours(1));
            Sensor client = sensor(metrics, "c", lagMax(metrics, Map.of("client-id", "main")));
            client.record(3);
            meters.refresh();
            String scrape = registry.scrape();
            assertThat(scrape)
                    .contains("kafka_consumer_fetch_manager_records_lag_max{client_id=\"main\"")
                    .contains("kafka_consumer_fetch_manager_records_lag_max_by_partition_topic{client_id=\"restore\"");

            // The thread is replaced: its metric removed, then made again under the same name.
            metrics.removeSensor("c");
            meters.refresh();
            assertThat(registry.scrape()).doesNotContain("client_id=\"main\"");
            sensor(metrics, "c2", lagMax(metrics, Map.of("client-id", "main"))).record(42);
            meters.refresh();
            assertThat(registry.scrape())
                    .contains(
                            "kafka_consumer_fetch_manager_records_lag_max{client_id=\"main\",kafka_version=\"unknown\"} 42.0");
            meters.close();
            assertThat(registry.scrape()).doesNotContain("kafka_consumer");
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void stoppingLeavesTheMetersToTheRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (Metrics metrics = new Metrics()) {
            KafkaClientMeters meters = KafkaClientMeters.bind(metrics::metrics, registry, Duration.ofMillis(10));
            sensor(metrics, "c", lagMax(metrics, Map.of("client-id", "main"))).record(3);
            meters.refresh();
            meters.stop();
            assertThat(registry.scrape()).contains("kafka_consumer_fetch_manager_records_lag_max{client_id=\"main\"");
        }
        registry.close();
    }

    @Test
    void namesCarryEveryTagKeyButTheClientId() {
        try (Metrics metrics = new Metrics()) {
            assertThat(KafkaClientMeters.meterName(
                            metrics.metricName("alive-stream-threads", "stream-metrics", "", Map.of("client-id", "a"))))
                    .isEqualTo("kafka.stream.alive.stream.threads");
            assertThat(KafkaClientMeters.meterName(metrics.metricName(
                            "request-rate",
                            "producer-node-metrics",
                            "",
                            Map.of("client-id", "a", "node-id", "node-1"))))
                    .isEqualTo("kafka.producer.node.request.rate.by.node.id");
        }
    }
}
