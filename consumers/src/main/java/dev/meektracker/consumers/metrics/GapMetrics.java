package dev.meektracker.consumers.metrics;

import dev.meektracker.consumers.alerts.AlertRule;
import dev.meektracker.consumers.alerts.GapAlert;
import dev.meektracker.core.event.Estimate;
import dev.meektracker.core.event.GapEstimate;
import dev.meektracker.core.event.ScalingFit;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Turns the tracker's fits and gap estimates into gauges. Each gauge is registered once, the first
 * time its series appears, and reads the latest value afterwards (NaN when the output has no such
 * value, which Prometheus shows as absent data rather than a false zero).
 */
public final class GapMetrics implements Consumer<Object> {

    private final MeterRegistry registry;
    /** Latest value per series (name + tags), read by the gauges. */
    private final Map<String, AtomicReference<Double>> values = new ConcurrentHashMap<>();
    /** Gaps each rule fires for, by rule id. */
    private final Map<String, Set<String>> firingGaps = new ConcurrentHashMap<>();

    public GapMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void accept(Object output) {
        if (output instanceof GapEstimate g) {
            gap(g);
        } else if (output instanceof ScalingFit f) {
            fit(f);
        } else if (output instanceof GapAlert a) {
            boolean on = "firing".equals(a.status());
            set(
                    MetricNames.ALERT_FIRING,
                    Tags.of(
                            "rule",
                            a.labels().get("rule"),
                            "gap",
                            a.labels().get("gap"),
                            "severity",
                            a.labels().get("severity")),
                    "1 while the alert rule fires for the gap",
                    null,
                    on ? 1 : 0);
            Set<String> gaps = firingGaps.computeIfAbsent(a.labels().get("rule"), r -> ConcurrentHashMap.newKeySet());
            if (on) {
                gaps.add(a.labels().get("gap"));
            } else {
                gaps.remove(a.labels().get("gap"));
            }
        }
    }

    /**
     * Registers a 0/1 gauge per rule up front, so a rule that never fired reads 0 rather than absent:
     * dashboards and Prometheus alerts can tell "quiet" from "not running".
     */
    public GapMetrics watchRules(List<AlertRule> rules) {
        for (AlertRule rule : rules) {
            Set<String> gaps = firingGaps.computeIfAbsent(rule.id(), r -> ConcurrentHashMap.newKeySet());
            Gauge.builder(MetricNames.ALERT_RULE_FIRING, gaps, g -> g.isEmpty() ? 0 : 1)
                    .tags("rule", rule.id(), "severity", rule.severity())
                    .description("1 while the rule fires for at least one gap")
                    .register(registry);
        }
        return this;
    }

    private void gap(GapEstimate g) {
        Tags tags = gapTags(g);
        set(
                MetricNames.GAP_AS_OF,
                tags,
                "as-of date of the gap (Unix epoch seconds)",
                "seconds",
                epochSeconds(g.asOf()));
        if (g.lagMonths() != null) {
            set(
                    MetricNames.GAP_LAG,
                    tags,
                    "time since a closed model first reached the open leader",
                    "seconds",
                    g.lagMonths() * MetricNames.SECONDS_PER_MONTH);
        }
        switch (g.kind()) {
            case "compute" ->
                set(
                        MetricNames.GAP_COMPUTE,
                        tags,
                        "largest closed over largest open training compute, orders of magnitude",
                        null,
                        g.value());
            case "benchmark" ->
                set(
                        MetricNames.GAP_BENCHMARK,
                        tags.and("unit", g.unit()),
                        "best closed minus best open score",
                        null,
                        g.value());
            case "projection" -> {
                set(
                        MetricNames.GAP_LOSS,
                        tags.and("bound", "value"),
                        "projected loss gap today, nats/token",
                        null,
                        g.value());
                set(
                        MetricNames.GAP_LOSS,
                        tags.and("bound", "low"),
                        "projected loss gap today, nats/token",
                        null,
                        orNaN(g.low()));
                set(
                        MetricNames.GAP_LOSS,
                        tags.and("bound", "high"),
                        "projected loss gap today, nats/token",
                        null,
                        orNaN(g.high()));
                Object mmlu = g.details().get("mmluGapPoints");
                set(
                        MetricNames.GAP_MMLU,
                        tags,
                        "MMLU-equivalent gap as a ratio of the scale",
                        "ratio",
                        mmlu instanceof Number n ? n.doubleValue() / 100 : Double.NaN);
                for (String which :
                        new String[] {"peakDate", "convergenceDate", "convergenceDateLow", "convergenceDateHigh"}) {
                    Object d = g.details().get(which);
                    set(
                            MetricNames.PROJECTION_DATE,
                            tags.and("which", which),
                            "projected date (Unix epoch seconds)",
                            "seconds",
                            d == null ? Double.NaN : epochSeconds(LocalDate.parse(d.toString())));
                }
            }
            case "lag" -> {
                for (String bound : new String[] {"value", "low", "high"}) {
                    // A lag published at a checkpoint has no interval yet: its bounds read NaN until it has.
                    // (Boxed on purpose: a conditional mixing double and Double unboxes, and threw on null.)
                    Double v = bound.equals("value")
                            ? Double.valueOf(g.value())
                            : bound.equals("low") ? g.low() : g.high();
                    set(
                            MetricNames.GAP_CATCH_UP_LAG,
                            tags.and("bound", bound),
                            "mean catch-up lag over the window (Epoch AI's definition), with its 90 % interval",
                            "seconds",
                            v == null ? Double.NaN : v * MetricNames.SECONDS_PER_MONTH);
                }
            }
            default -> {
                // An output kind from a newer tracker: its as-of date is still exported above.
            }
        }
    }

    private void fit(ScalingFit f) {
        Tags tags = Tags.of("fit", fitTag(f.id()));
        set(MetricNames.FIT_POINTS, tags, "points behind the fit", null, f.n());
        set(
                MetricNames.FIT_R2,
                tags,
                "coefficient of determination",
                "ratio",
                f.rSquared() == null ? Double.NaN : f.rSquared());
        set(
                MetricNames.FIT_CONFIGURED,
                tags,
                "1 when the fit uses its configured value",
                null,
                "configured".equals(f.method()) ? 1 : 0);
        Estimate g = f.growthPerYear();
        if (g != null) {
            set(MetricNames.FIT_GROWTH, tags.and("bound", "value"), "growth factor per year", null, g.value());
            set(MetricNames.FIT_GROWTH, tags.and("bound", "low"), "growth factor per year", null, orNaN(g.low()));
            set(MetricNames.FIT_GROWTH, tags.and("bound", "high"), "growth factor per year", null, orNaN(g.high()));
        }
        Estimate d = f.doublingTimeYears();
        if (d != null) {
            set(MetricNames.FIT_DOUBLING, tags, "doubling time", "seconds", d.value() * MetricNames.SECONDS_PER_YEAR);
        }
    }

    /**
     * Tags from the gap id's structure: kind, gap, benchmark and tier, always all four (Prometheus wants
     * one set of label names per metric), "none" where one does not apply. Gap ids are low-cardinality.
     */
    static Tags gapTags(GapEstimate g) {
        String[] parts = g.id().split("/");
        String benchmark = "benchmark".equals(parts[0]) && parts.length > 1 ? parts[1] : "none";
        String tier = "projection".equals(g.kind()) && parts.length > 1 ? parts[1] : "none";
        return Tags.of("kind", g.kind(), "gap", g.id(), "benchmark", benchmark, "tier", tier);
    }

    private static String fitTag(String id) {
        return id.replace('/', ':');
    }

    private void set(String name, Tags tags, String description, String unit, double value) {
        String key = name + tags;
        AtomicReference<Double> ref = values.computeIfAbsent(key, k -> {
            AtomicReference<Double> r = new AtomicReference<>(Double.NaN);
            Gauge.builder(name, r, x -> x.get())
                    .tags(tags)
                    .description(description)
                    .baseUnit(unit)
                    .register(registry);
            return r;
        });
        ref.set(value);
    }

    private static double orNaN(Double d) {
        return d == null ? Double.NaN : d;
    }

    private static double epochSeconds(LocalDate d) {
        return d.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    }
}
