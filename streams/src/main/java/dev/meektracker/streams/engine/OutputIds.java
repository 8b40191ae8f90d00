package dev.meektracker.streams.engine;

import java.util.Locale;

/** The ids of the engine's outputs, as they appear as keys on scaling-fits and gap-estimates and in the query API. */
public final class OutputIds {

    public static final String FRONTIER_COMPUTE = "frontier-compute";
    public static final String OPEN_COMPUTE = "open-compute";
    public static final String HARDWARE = "hardware-price-performance";
    public static final String ALGORITHMIC = "algorithmic-progress";
    public static final String COMPUTE_GAP = "compute/open-vs-closed";
    public static final String BEST_OPEN_PROJECTION = "projection/best-open";

    private OutputIds() {
    }

    /** The sigmoid fit of one benchmark's scores against compute. */
    public static String benchmarkFit(String benchmark) {
        return "benchmark/" + benchmark;
    }

    public static String benchmarkGap(String benchmark) {
        return "benchmark/" + benchmark + "/open-vs-closed";
    }

    public static String tierProjection(double usd) {
        return "projection/budget-" + String.format(Locale.ROOT, "%.0f", usd) + "-usd";
    }
}
