package dev.meektracker.consumers.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;

/**
 * Serves the registry at {@code GET /metrics} with Prometheus' own exporter (text, OpenMetrics and
 * protobuf by content negotiation), on 127.0.0.1 unless configured otherwise.
 */
public final class MetricsServer implements AutoCloseable {

    private final HTTPServer server;
    private final String host;

    public MetricsServer(PrometheusMeterRegistry registry, String host, int port) throws IOException {
        this.host = host;
        this.server = HTTPServer.builder()
                .hostname(host)
                .port(port)
                .registry(registry.getPrometheusRegistry())
                .buildAndStart();
    }

    public String url() {
        return "http://" + host + ":" + server.getPort() + "/metrics";
    }

    @Override
    public void close() {
        server.close();
    }
}
