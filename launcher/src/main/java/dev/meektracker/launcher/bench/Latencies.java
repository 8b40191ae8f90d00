package dev.meektracker.launcher.bench;

import org.HdrHistogram.Histogram;

/** Latencies of one run, recorded in an HdrHistogram (microsecond resolution, 3 significant digits). */
public final class Latencies {

    /** Percentiles in milliseconds and how many latencies they cover. */
    public record Summary(double p50Ms, double p99Ms, double maxMs, long count) {}

    private final Histogram histogram = new Histogram(3_600_000_000L, 3);

    public void recordMillis(double ms) {
        histogram.recordValue(Math.max(0, Math.round(ms * 1000)));
    }

    public long count() {
        return histogram.getTotalCount();
    }

    public Summary summary() {
        if (histogram.getTotalCount() == 0) {
            throw new IllegalStateException("no latency was measured");
        }
        return new Summary(
                histogram.getValueAtPercentile(50) / 1000.0,
                histogram.getValueAtPercentile(99) / 1000.0,
                histogram.getMaxValue() / 1000.0,
                histogram.getTotalCount());
    }
}
