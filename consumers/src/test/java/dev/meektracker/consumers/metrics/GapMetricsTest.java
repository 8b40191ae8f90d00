package dev.meektracker.consumers.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meektracker.core.event.Estimate;
import dev.meektracker.core.event.GapEstimate;
import dev.meektracker.core.event.ScalingFit;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GapMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final GapMetrics metrics = new GapMetrics(registry);

    @Test
    void gapsAndFitsBecomeGaugesWithBaseUnitsAndLowCardinalityTags() {
        metrics.accept(new GapEstimate(
                "compute/open-vs-closed",
                "compute",
                LocalDate.of(2025, 8, 7),
                1.12,
                "orders of magnitude",
                null,
                null,
                20.0,
                Map.of("closedLeader", "grok-4", "openLeader", "llama-3-1-405b"),
                "test"));
        metrics.accept(new GapEstimate(
                "projection/budget-1000-usd",
                "projection",
                LocalDate.of(2025, 8, 7),
                0.35,
                "nats/token",
                0.33,
                0.37,
                null,
                Map.of("mmluGapPoints", 50.0, "convergenceDate", "2036-05-16", "peakDate", "2025-08-07"),
                "test"));
        metrics.accept(new GapEstimate(
                "benchmark/eci/open-vs-closed",
                "benchmark",
                LocalDate.of(2026, 4, 23),
                10.4,
                "index points",
                null,
                null,
                8.5,
                Map.of(),
                "test"));
        metrics.accept(new ScalingFit(
                "frontier-compute",
                "ols",
                LocalDate.of(2025, 8, 7),
                null,
                null,
                22,
                0.69,
                new Estimate(4.24, "times/year", null, 2.92, 6.16),
                Estimate.of(0.48, "years"),
                Map.of(),
                null));
        String text = registry.scrape();
        assertThat(text)
                .contains(
                        "meektracker_gap_compute_oom{benchmark=\"none\",gap=\"compute/open-vs-closed\",kind=\"compute\",tier=\"none\"} 1.12");
        assertThat(text)
                .contains(
                        "meektracker_gap_lag_seconds{benchmark=\"none\",gap=\"compute/open-vs-closed\",kind=\"compute\",tier=\"none\"} "
                                + 20 * MetricNames.SECONDS_PER_MONTH);
        assertThat(text)
                .contains(
                        "meektracker_gap_loss_nats{benchmark=\"none\",bound=\"high\",gap=\"projection/budget-1000-usd\",kind=\"projection\",tier=\"budget-1000-usd\"} 0.37");
        assertThat(text)
                .contains(
                        "meektracker_gap_mmlu_ratio{benchmark=\"none\",gap=\"projection/budget-1000-usd\",kind=\"projection\",tier=\"budget-1000-usd\"} 0.5");
        assertThat(text)
                .contains(
                        "meektracker_projection_date_seconds{benchmark=\"none\",gap=\"projection/budget-1000-usd\",kind=\"projection\",tier=\"budget-1000-usd\",which=\"convergenceDate\"} "
                                + (double) LocalDate.of(2036, 5, 16)
                                        .atStartOfDay(java.time.ZoneOffset.UTC)
                                        .toEpochSecond());
        assertThat(text)
                .contains(
                        "meektracker_gap_benchmark{benchmark=\"eci\",gap=\"benchmark/eci/open-vs-closed\",kind=\"benchmark\",tier=\"none\",unit=\"index points\"} 10.4");
        assertThat(text).contains("meektracker_fit_growth_per_year{bound=\"low\",fit=\"frontier-compute\"} 2.92");
        assertThat(text)
                .contains("meektracker_fit_doubling_time_seconds{fit=\"frontier-compute\"} "
                        + 0.48 * MetricNames.SECONDS_PER_YEAR);
        // One set of label names per metric: the as-of gauge exists for all three kinds of gap.
        assertThat(text)
                .contains("meektracker_gap_asof_seconds{benchmark=\"eci\",gap=\"benchmark/eci/open-vs-closed\"");
        assertThat(text).contains("meektracker_gap_asof_seconds{benchmark=\"none\",gap=\"compute/open-vs-closed\"");
        assertThat(text).contains("meektracker_gap_asof_seconds{benchmark=\"none\",gap=\"projection/budget-1000-usd\"");
        // Never a model name in a tag.
        assertThat(text).doesNotContain("grok-4").doesNotContain("llama");
        assertThat(text)
                .contains("# HELP meektracker_gap_compute_oom largest closed over largest open training compute");
    }

    @Test
    void aLaterValueReplacesTheEarlierOneWithoutRegisteringAgain() {
        GapEstimate a = new GapEstimate(
                "compute/open-vs-closed",
                "compute",
                LocalDate.of(2025, 1, 1),
                1.0,
                "orders of magnitude",
                null,
                null,
                1.0,
                Map.of(),
                "t");
        GapEstimate b = new GapEstimate(
                "compute/open-vs-closed",
                "compute",
                LocalDate.of(2025, 2, 1),
                0.5,
                "orders of magnitude",
                null,
                null,
                2.0,
                Map.of(),
                "t");
        metrics.accept(a);
        int meters = registry.getMeters().size();
        metrics.accept(b);
        assertThat(registry.getMeters()).hasSize(meters);
        assertThat(registry.get(MetricNames.GAP_COMPUTE).gauge().value()).isEqualTo(0.5);
    }

    @Test
    void aLagPublishedAtACheckpointWithoutItsIntervalSetsItsValueAndLeavesTheBoundsNaN() {
        metrics.accept(new GapEstimate(
                "compute/catch-up-lag",
                "lag",
                LocalDate.of(2025, 1, 31),
                12.0,
                "months",
                null,
                null,
                11.0,
                Map.of(),
                "t"));
        assertThat(registry.get(MetricNames.GAP_CATCH_UP_LAG)
                        .tag("bound", "value")
                        .gauge()
                        .value())
                .isEqualTo(12.0 * MetricNames.SECONDS_PER_MONTH);
        assertThat(registry.get(MetricNames.GAP_CATCH_UP_LAG)
                        .tag("bound", "low")
                        .gauge()
                        .value())
                .isNaN();
    }
}
