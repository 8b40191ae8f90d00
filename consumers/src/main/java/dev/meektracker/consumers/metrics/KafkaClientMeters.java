package dev.meektracker.consumers.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metrics of Kafka clients (a Kafka Streams application's or one consumer's) as Micrometer
 * meters, read from the clients when scraped, bound again as clients come and go.
 *
 * <p>It replaces Micrometer's Kafka binders, whose rule "keep the meter with the most tags" gives one
 * meter name two tag-key sets once clients come and go (a stream thread replaced after an error, the
 * restore consumer of a restarted process, node metrics re-created by a reconnect): Prometheus
 * refuses the second, and a restarted streams process logged "registration has failed" for each.
 * Here a meter's name carries every tag key besides {@code client.id}: {@code
 * kafka.consumer.fetch.manager.records.lag.max} is the client's maximum and {@code
 * kafka.consumer.fetch.manager.records.lag.max.by.partition.topic} the per-partition value, so a
 * name has one key set by construction and both stay visible.
 */
public final class KafkaClientMeters implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaClientMeters.class);
    private static final String BASE_TAG = "client-id";
    private static final long READ_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Supplier<Map<MetricName, ? extends Metric>> source;
    private final MeterRegistry registry;
    private final Map<MetricName, Meter> bound = new ConcurrentHashMap<>();
    private final ScheduledExecutorService refresher;
    private volatile Map<MetricName, ? extends Metric> latest = Map.of();
    private volatile long latestAt;

    private KafkaClientMeters(
            Supplier<Map<MetricName, ? extends Metric>> source, MeterRegistry registry, Duration refresh) {
        this.source = source;
        this.registry = registry;
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kafka-client-meters");
            t.setDaemon(true);
            return t;
        });
        refresh();
        refresher.scheduleWithFixedDelay(this::refresh, refresh.toMillis(), refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Binds the clients' metrics now and again every {@code refresh}.
     *
     * @param source the clients' metrics, e.g. {@code streams::metrics} or {@code consumer::metrics}
     */
    public static KafkaClientMeters bind(
            Supplier<Map<MetricName, ? extends Metric>> source, MeterRegistry registry, Duration refresh) {
        return new KafkaClientMeters(source, registry, refresh);
    }

    /** The meter name of a Kafka metric: its group and name, then the tag keys besides client.id. */
    static String meterName(MetricName m) {
        StringBuilder name = new StringBuilder("kafka.")
                .append(m.group().replace("-metrics", ""))
                .append('.')
                .append(m.name());
        TreeSet<String> extra = new TreeSet<>(m.tags().keySet());
        extra.remove(BASE_TAG);
        if (!extra.isEmpty()) {
            name.append(".by.").append(String.join(".", extra));
        }
        return name.toString().replace('-', '.');
    }

    /** Unbinds the meters of metrics gone, binds those new. */
    synchronized void refresh() {
        try {
            Map<MetricName, ? extends Metric> now = read();
            for (Iterator<Map.Entry<MetricName, Meter>> it = bound.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<MetricName, Meter> e = it.next();
                if (!now.containsKey(e.getKey())) {
                    registry.remove(e.getValue());
                    it.remove();
                }
            }
            String version = version(now);
            now.forEach((name, metric) -> {
                if (!bound.containsKey(name)
                        && metric.metricValue() instanceof Number
                        && !name.group().equals("app-info")
                        && !name.group().equals("kafka-metrics-count")) {
                    bound.put(name, register(name, version));
                }
            });
        } catch (RuntimeException e) {
            // A client closing while being read: the next refresh binds what is there then.
            LOG.debug("could not read the Kafka clients' metrics", e);
        }
    }

    private Meter register(MetricName name, String version) {
        List<Tag> tags = new ArrayList<>();
        name.tags().forEach((k, v) -> tags.add(Tag.of(k.replace('-', '.'), v)));
        tags.add(Tag.of("kafka.version", version));
        String meterName = meterName(name);
        if (meterName.endsWith("total") || meterName.endsWith("count")) {
            return FunctionCounter.builder(meterName, this, m -> m.value(name))
                    .tags(tags)
                    .description(name.description())
                    .register(registry);
        }
        return Gauge.builder(meterName, this, m -> m.value(name))
                .tags(tags)
                .description(name.description())
                .register(registry);
    }

    /** The metric's current value; NaN once its client is gone. */
    private double value(MetricName name) {
        long now = System.nanoTime();
        if (now - latestAt > READ_EVERY_NANOS) {
            // One read of the clients' metrics per scrape, not one per meter.
            read();
        }
        Metric m = latest.get(name);
        return m != null && m.metricValue() instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private Map<MetricName, ? extends Metric> read() {
        Map<MetricName, ? extends Metric> now = source.get();
        latest = now;
        latestAt = System.nanoTime();
        return now;
    }

    private static String version(Map<MetricName, ? extends Metric> metrics) {
        for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
            if (e.getKey().group().equals("app-info") && e.getKey().name().equals("version")) {
                return String.valueOf(e.getValue().metricValue());
            }
        }
        return "unknown";
    }

    /** Stops following the client's metrics, leaving its meters registered (for a registry about to close). */
    public synchronized void stop() {
        refresher.shutdownNow();
    }

    /** Stops, and removes the client's meters from the registry, which lives on. */
    @Override
    public synchronized void close() {
        stop();
        bound.values().forEach(registry::remove);
        bound.clear();
    }
}
