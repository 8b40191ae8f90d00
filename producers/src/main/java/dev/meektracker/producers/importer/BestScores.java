package dev.meektracker.producers.importer;

import dev.meektracker.core.event.BenchmarkResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One result per benchmark and model, the best score: a leaderboard lists a model several times
 * (shots, scaffolds, precisions, revisions), and publishing every row would leave whichever the
 * topology saw last. The others are counted as superseded.
 */
final class BestScores {

    private final Map<String, BenchmarkResult> best = new LinkedHashMap<>();
    private int superseded;

    void offer(BenchmarkResult b) {
        BenchmarkResult previous = best.get(b.key());
        if (previous == null || b.score() > previous.score()) {
            best.put(b.key(), b);
        }
        if (previous != null) {
            superseded++;
        }
    }

    /** Accepts the kept results into {@code result}, in the order their keys were first seen. */
    void addTo(ImportResult result) {
        best.values().forEach(result::accept);
        result.countSuperseded(superseded);
    }
}
