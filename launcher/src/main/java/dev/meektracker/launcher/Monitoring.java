package dev.meektracker.launcher;

import dev.meektracker.consumers.alerts.AlertRule;
import dev.meektracker.consumers.metrics.GapMetrics;
import dev.meektracker.consumers.metrics.KafkaClientMeters;
import dev.meektracker.consumers.metrics.MetricsServer;
import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.streams.TrackerStreamsApp;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The process's Prometheus metrics at /metrics: JVM metrics always; then what the process runs binds
 * itself: the topology's pipeline counters and Micrometer's Kafka Streams binder, the alert rules, the
 * notifiers' counters, and gauges for every fit and gap (fed by an output collector).
 */
final class Monitoring implements AutoCloseable {

    /** The input types and dead-letter categories the topology counts, registered up front so they read 0, not absent. */
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    private final GapMetrics gaps = new GapMetrics(registry);
    private final List<KafkaClientMeters> binders = new ArrayList<>();
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private final MetricsServer server;

    Monitoring(TrackerConfig config) throws IOException {
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        server = new MetricsServer(registry, config.metricsHost(), config.metricsPort());
    }

    /** The topology's counters and its Kafka clients' metrics. */
    Monitoring bindTracker(TrackerStreamsApp app) {
        bindStreams(app.streams());
        app.metrics().bindTo(registry);
        return this;
    }

    /** The Kafka Streams application's metrics: its threads, tasks, stores and embedded clients. */
    Monitoring bindStreams(KafkaStreams streams) {
        binders.add(KafkaClientMeters.bind(streams::metrics, registry, Duration.ofSeconds(10)));
        return this;
    }

    /** A 0/1 gauge per alert rule, registered before any alert so quiet rules read 0. */
    Monitoring bindRules(List<AlertRule> rules) {
        gaps.watchRules(rules);
        return this;
    }

    /** Feed fits, gap estimates and alerts here (an output collector's listener). */
    Consumer<Object> listener() {
        return gaps;
    }

    String url() {
        return server.url();
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        server.close();
        // The registry goes with them: their meters are not removed one by one first (Micrometer scans
        // every meter for each removal, 0.2 s of CPU for the demo's two Streams applications).
        binders.forEach(KafkaClientMeters::stop);
        gcMetrics.close();
        registry.close();
    }
}
