package dev.meektracker.launcher;

import dev.meektracker.consumers.metrics.GapMetrics;
import dev.meektracker.consumers.metrics.MetricNames;
import dev.meektracker.consumers.metrics.MetricsServer;
import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.streams.TrackerMetrics;
import dev.meektracker.streams.TrackerStreamsApp;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * The tracker's Prometheus metrics: gauges for every fit and gap (from the output collector), the
 * topology's pipeline counters, Micrometer's Kafka Streams binder and JVM metrics, served at /metrics.
 */
final class Monitoring implements AutoCloseable {

    /** The input types and dead-letter categories the topology counts, registered up front so they read 0, not absent. */
    private static final List<String> TYPES = List.of("model-release", "hardware-price", "benchmark-result");
    private static final List<String> CATEGORIES = List.of("deserialization", "validation", "processing");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final GapMetrics gaps = new GapMetrics(registry);
    private final KafkaStreamsMetrics streamsMetrics;
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private final MetricsServer server;

    Monitoring(TrackerConfig config, TrackerStreamsApp app) throws IOException {
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        streamsMetrics = new KafkaStreamsMetrics(app.streams());
        streamsMetrics.bindTo(registry);
        TrackerMetrics pipeline = app.metrics();
        for (String type : TYPES) {
            FunctionCounter.builder(MetricNames.EVENTS_ACCEPTED, pipeline, m -> m.accepted().getOrDefault(type, 0L))
                    .tag("type", type).description("input events the topology accepted").register(registry);
        }
        for (String category : CATEGORIES) {
            FunctionCounter.builder(MetricNames.EVENTS_DEAD_LETTERED, pipeline, m -> m.deadLettered().getOrDefault(category, 0L))
                    .tag("reason", category).description("input records sent to the dead-letter topic").register(registry);
        }
        FunctionCounter.builder(MetricNames.EVENTS_PROCESSED, pipeline, TrackerMetrics::processedCount)
                .description("validated events the gap engine took").register(registry);
        for (String kind : List.of("fit", "gap")) {
            FunctionCounter.builder(MetricNames.OUTPUTS_EMITTED, pipeline, m -> m.emitted().getOrDefault(kind, 0L))
                    .tag("kind", kind).description("fits and gaps emitted").register(registry);
        }
        server = new MetricsServer(registry, config.get("meek.metrics.host"), config.integer("meek.metrics.port", 0));
    }

    /** Feed fits and gap estimates here (the output collector's listener). */
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
        streamsMetrics.close();
        gcMetrics.close();
        registry.close();
    }
}
