package dev.meektracker.streams;

import static org.assertj.core.api.Assertions.assertThat;

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
}
