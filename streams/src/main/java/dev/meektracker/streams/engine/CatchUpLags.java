package dev.meektracker.streams.engine;

import dev.meektracker.core.event.GapEstimate;
import dev.meektracker.core.event.OutputIds;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes the {@link CatchUpLag} of every benchmark whose results changed and of training compute
 * (log10 FLOP) when the models changed. A bootstrap costs milliseconds, so the processor calls this
 * on the sigmoids' longer interval.
 */
final class CatchUpLags {

    private static final String NOTE =
            "mean over the window's days of the time since the closed state of the art was last no "
                    + "better than the best open-weights model that day plus the tolerance (Epoch AI's catch-up lag); 90 % interval from a "
                    + "seeded Poisson bootstrap over the models; lagMonths is the latest day's lag";

    private final EngineSettings.LagSettings settings;

    CatchUpLags(EngineSettings.LagSettings settings) {
        this.settings = settings;
    }

    void emitBenchmarks(Outputs out, BenchmarkBoard board) {
        emitBenchmarks(out, board, board.drainDirtyLags(), settings.bootstrapSamples());
    }

    /**
     * The benchmark lags as of an event-time checkpoint: the mean and the daily series of every
     * benchmark that changed, without the bootstrap (its interval follows on the next regular flush),
     * so a replay at any speed publishes each month's lag, and the alert rules see it, at the cost of
     * one pass over the results.
     */
    void emitBenchmarksAtCheckpoint(Outputs out, BenchmarkBoard board) {
        emitBenchmarks(out, board, board.drainChangedSinceCheckpoint(), 0);
    }

    private void emitBenchmarks(Outputs out, BenchmarkBoard board, java.util.Set<String> benchmarks, int samples) {
        for (String benchmark : benchmarks) {
            ScoresByDate open = board.openByDate(benchmark);
            ScoresByDate closed = board.closedByDate(benchmark);
            String id = OutputIds.benchmarkLag(benchmark);
            LocalDate end = board.asOf(benchmark);
            if (open.isEmpty() || closed.isEmpty() || end == null) {
                out.retract(id);
                continue;
            }
            String scale = board.open(benchmark).iterator().next().scale().wire();
            double tolerance = settings.tolerance(benchmark, scale);
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("benchmark", benchmark);
            d.put("measure", benchmark + " score");
            d.put("tolerance", tolerance);
            d.put("toleranceUnit", scale);
            emit(out, id, open, closed, end, tolerance, d, samples);
        }
    }

    void emitCompute(Outputs out, ComputeFrontier models) {
        if (!models.drainLagDirty()) {
            return;
        }
        emitCompute(out, models, settings.bootstrapSamples());
    }

    /**
     * The compute lag as of a model-release checkpoint, when models changed in the period: the mean and
     * daily series without the bootstrap (its interval follows on the next regular flush), so the
     * history by event time has each month's compute lag whatever the replay's speed.
     */
    void emitComputeAtCheckpoint(Outputs out, ComputeFrontier models) {
        if (models.drainChangedSinceCheckpoint()) {
            emitCompute(out, models, 0);
        }
    }

    private void emitCompute(Outputs out, ComputeFrontier models, int samples) {
        LocalDate end = models.asOf();
        if (models.openLagScores().isEmpty() || models.closedLagScores().isEmpty() || end == null) {
            out.retract(OutputIds.COMPUTE_LAG);
            return;
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("measure", "log10 training compute (FLOP)");
        d.put("tolerance", settings.computeToleranceOom());
        d.put("toleranceUnit", "orders of magnitude");
        emit(
                out,
                OutputIds.COMPUTE_LAG,
                models.openLagScores(),
                models.closedLagScores(),
                end,
                settings.computeToleranceOom(),
                d,
                samples);
    }

    private void emit(
            Outputs out,
            String id,
            ScoresByDate open,
            ScoresByDate closed,
            LocalDate end,
            double tolerance,
            Map<String, Object> d,
            int samples) {
        // The seed mixes in the id, so each lag's bootstrap is its own and none depends on the others.
        CatchUpLag.Result r = CatchUpLag.compute(
                open, closed, end, settings.windowDays(), tolerance, samples, settings.seed() ^ id.hashCode());
        if (r == null) {
            out.retract(id);
            return;
        }
        d.put("windowStart", end.minusDays(settings.windowDays() - 1L).toString());
        d.put("windowEnd", end.toString());
        d.put("windowDays", settings.windowDays());
        d.put("daysMeasured", r.days());
        d.put("latestDayLagMonths", Numbers.sig(r.latestDayMonths()));
        d.put("bootstrapSamples", samples);
        d.put("bootstrapSeed", settings.seed());
        d.put("recordsInWindow", r.records());
        d.put("recordsMatched", r.matched());
        d.put("recordsUnmatched", r.records() - r.matched());
        putIfFinite(d, "recordMatchMeanMonths", r.matchMeanMonths());
        putIfFinite(d, "recordMatchMedianMonths", r.matchMedianMonths());
        putIfFinite(d, "oldestUnmatchedRecordMonths", r.oldestUnmatchedMonths());
        List<Map<String, Object>> crossings = new ArrayList<>();
        for (CatchUpLag.Crossing c : r.crossings()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("level", Numbers.sig(c.level()));
            m.put("closedReached", c.closed().toString());
            m.put("openReached", c.open() == null ? null : c.open().toString());
            m.put("months", Double.isNaN(c.months()) ? null : Numbers.sig(c.months()));
            crossings.add(m);
        }
        d.put("crossings", crossings);
        List<Double> daily = new ArrayList<>(r.daily().length);
        for (double v : r.daily()) {
            daily.add(Double.isNaN(v) ? null : Math.round(v * 1000) / 1000.0);
        }
        d.put("dailyLagMonths", daily);
        out.emit(new GapEstimate(
                id,
                "lag",
                end,
                Numbers.sig(r.meanMonths()),
                "months",
                samples == 0 ? null : Numbers.sig(r.lowMonths()),
                samples == 0 ? null : Numbers.sig(r.highMonths()),
                Numbers.sig(r.latestDayMonths()),
                d,
                NOTE));
    }

    private static void putIfFinite(Map<String, Object> d, String key, double v) {
        if (Double.isFinite(v)) {
            d.put(key, Numbers.sig(v));
        }
    }
}
