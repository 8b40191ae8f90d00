package dev.meektracker.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TrackerMetricsTest {

    @Test
    void outputsAreCommittedOnceACommitCompletesAfterTheLatestForward() {
        TrackerMetrics m = new TrackerMetrics();
        assertThat(m.outputsCommitted()).as("nothing forwarded yet").isTrue();
        AtomicInteger commits = new AtomicInteger(4);
        m.outputsForwarded(commits::get);
        assertThat(m.outputsCommitted()).isFalse();
        commits.incrementAndGet();
        assertThat(m.outputsCommitted()).isTrue();
        // More outputs in the next transaction: open until the commit after them.
        m.outputsForwarded(commits::get);
        assertThat(m.outputsCommitted()).isFalse();
        commits.addAndGet(2);
        assertThat(m.outputsCommitted()).isTrue();
    }

    @Test
    void withoutACommitCountItIsUnknownOnceOutputsFlow() {
        TrackerMetrics m = new TrackerMetrics();
        m.outputsForwarded(null);
        assertThat(m.outputsCommitted()).isNull();
    }

    @Test
    void enginePassesAreTimedByPassWithTheirCountTotalAndRecentLongest() {
        MockClock clock = new MockClock();
        TrackerMetrics m = new TrackerMetrics(clock);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        m.bindTo(registry);
        for (TrackerMetrics.Pass p : TrackerMetrics.Pass.values()) {
            // Every pass is registered before it first runs, so a dashboard's query has a series at 0.
            assertThat(timer(registry, p).count()).isZero();
            assertThat(max(registry, p).value(TimeUnit.SECONDS)).isZero();
        }

        m.pass(TrackerMetrics.Pass.REFIT, Duration.ofMillis(3).toNanos());
        m.pass(TrackerMetrics.Pass.REFIT, Duration.ofMillis(40).toNanos());
        m.pass(TrackerMetrics.Pass.EMIT, 250_000);

        FunctionTimer refit = timer(registry, TrackerMetrics.Pass.REFIT);
        assertThat(refit.count()).isEqualTo(2);
        assertThat(refit.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(43.0);
        assertThat(max(registry, TrackerMetrics.Pass.REFIT).value(TimeUnit.SECONDS))
                .isEqualTo(0.040);
        assertThat(timer(registry, TrackerMetrics.Pass.EMIT).totalTime(TimeUnit.MICROSECONDS))
                .isEqualTo(250.0);
        assertThat(timer(registry, TrackerMetrics.Pass.CHECKPOINT).count()).isZero();

        // The longest is that of the last two minutes: a later, shorter pass does not hide it, and
        // once it is older than the window the longest since then is shown.
        clock.add(Duration.ofSeconds(50));
        m.pass(TrackerMetrics.Pass.REFIT, Duration.ofMillis(5).toNanos());
        assertThat(max(registry, TrackerMetrics.Pass.REFIT).value(TimeUnit.SECONDS))
                .isEqualTo(0.040);
        clock.add(Duration.ofSeconds(80));
        assertThat(max(registry, TrackerMetrics.Pass.REFIT).value(TimeUnit.SECONDS))
                .isEqualTo(0.005);
        clock.add(Duration.ofSeconds(130));
        assertThat(max(registry, TrackerMetrics.Pass.REFIT).value(TimeUnit.SECONDS))
                .isZero();
        assertThat(refit.count()).as("the count and total do not decay").isEqualTo(3);
    }

    private static FunctionTimer timer(SimpleMeterRegistry registry, TrackerMetrics.Pass p) {
        return registry.get(TrackerMetrics.ENGINE_PASS).tag("pass", p.tag()).functionTimer();
    }

    private static TimeGauge max(SimpleMeterRegistry registry, TrackerMetrics.Pass p) {
        return registry.get(TrackerMetrics.ENGINE_PASS_MAX).tag("pass", p.tag()).timeGauge();
    }
}
