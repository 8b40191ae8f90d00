package dev.meektracker.streams.engine;

import dev.meektracker.core.event.BenchmarkResult;
import dev.meektracker.core.event.Estimate;
import dev.meektracker.core.event.GapEstimate;
import dev.meektracker.core.event.OutputIds;
import dev.meektracker.core.event.ScalingFit;
import dev.meektracker.core.event.ScoreScale;
import dev.meektracker.core.event.Weights;
import dev.meektracker.core.stats.NonlinearFit;
import dev.meektracker.core.stats.OnlineRegression;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Benchmark results: the current score of each (benchmark, model), the open-versus-closed gap of
 * each benchmark in its own unit with its lag, and each bounded benchmark's sigmoid against compute.
 * Gaps are cheap and rebuilt at every flush where their benchmark changed; sigmoids cost milliseconds
 * and are refitted only by {@link #emitSigmoids}, which the processor calls on a longer interval.
 */
final class BenchmarkBoard {

    /** Higher score first wins; among equal scores the earlier release is the leader. */
    private static final Comparator<BenchmarkResult> BY_SCORE = (a, b) -> {
        int c = Double.compare(a.score(), b.score());
        if (c != 0) {
            return c;
        }
        c = b.date().compareTo(a.date());
        return c != 0 ? c : a.modelId().compareTo(b.modelId());
    };

    /**
     * The order in which a sigmoid takes its points when a benchmark has more than it fits: by a
     * hash of the model's id, so the first meek.sigmoid.max.points are a uniform sample of the
     * results, the same whatever order they came in. The cap bounds a refit's cost; which points it
     * keeps must not bend the curve. The sigmoid is score against compute, and the most recent
     * results (the order the cap first took) are the largest models: on the bench's synthetic history
     * of a million items the latest 2,000 of each of its five benchmarks lay on the curve's plateau,
     * and the fits gave ranges lm from 0.16 to 0.95 and one slope of -10.6 where the data's are 0.70
     * and 1.5; samples of the same size gave 0.70 and 1.49-1.51 on all five.
     */
    private static final Comparator<SigmoidPoint> SAMPLE_ORDER = (a, b) -> {
        int c = Long.compare(a.rank(), b.rank());
        return c != 0 ? c : a.modelId().compareTo(b.modelId());
    };

    /**
     * A result as its benchmark's sigmoid reads it: its place in the sample, log10 of its compute
     * (FLOP) and its score as a fraction of its scale, computed once when it joins. A refit reads
     * every point of a sample of up to meek.sigmoid.max.points; read from the results, each point
     * was the result and its boxed score and compute, three objects allocated apart over the
     * history, most of them cache misses on a long one, and read twice. The date is an epoch day for
     * the same reason: as a LocalDate, the pass over a sample for its first and last date loaded one
     * of the history's thousands of day objects a point (2.4 % of the engine bench's thread at 10^6
     * items in a profile, nothing at 10^3).
     */
    record SigmoidPoint(long rank, String modelId, double log10Compute, double fraction, int day) {

        static SigmoidPoint of(BenchmarkResult r) {
            return new SigmoidPoint(
                    sampleRank(r.modelId()),
                    r.modelId(),
                    Math.log10(r.trainingComputeFlop()),
                    r.scale().toFraction(r.score()),
                    Math.toIntExact(r.date().toEpochDay()));
        }
    }

    /**
     * A model's place in the sample: its id's hash (the JLS fixes String.hashCode, so the sample is
     * the same on every JVM) through SplitMix64's finaliser, because similar ids such as "model-1",
     * "model-2" have neighbouring hashes, and a block of them would be a block of the history.
     */
    static long sampleRank(String modelId) {
        return ScoreDraws.mix(modelId.hashCode());
    }

    private final EngineSettings settings;
    /**
     * Per benchmark, the points its sigmoid fits: of the results it can use (with compute, on a
     * bounded scale), the first meek.sigmoid.max.points in sample order.
     */
    private final Map<String, BoundedSample<SigmoidPoint>> sigmoidPoints = new HashMap<>();
    /**
     * Per benchmark, the fit of its sample as it stands (empty when the fit failed), until the sample
     * changes. Every result marks its benchmark's sigmoid due, since the output's as-of date moves
     * with it, but most leave the points as they were: a result without compute, one ranked after a
     * full sample, a new version that changes only a name. The fit is a function of the points
     * alone, so the kept one is the one a refit would give, to the bit.
     */
    private final Map<String, java.util.Optional<NonlinearFit.Result>> fitted = new HashMap<>();
    /** Per benchmark, the current result of each model. */
    private final Map<String, CurrentItems<BenchmarkResult>> results = new HashMap<>();

    /**
     * Per benchmark, the current open-weights results by score, in sorted arrays (a TreeSet's entry
     * per result was a node to allocate and a tree to descend at every result, out of the cache on a
     * long history); the closed ones in a {@link ReachSet}, which keeps them the same way.
     */
    private final Map<String, SortedChunks<BenchmarkResult>> openScores = new HashMap<>();

    private final Map<String, ReachSet<BenchmarkResult>> closedScores = new HashMap<>();
    /** The same open and closed scores by date, for the catch-up lags. */
    private final Map<String, ScoresByDate> openByDate = new HashMap<>();

    private final Map<String, ScoresByDate> closedByDate = new HashMap<>();
    /** Per benchmark, each side's best scores in the draws of its gap's range (see {@link ScoreDraws}). */
    private final Map<String, ScoreDraws> openDraws = new HashMap<>();

    private final Map<String, ScoreDraws> closedDraws = new HashMap<>();
    /** Per benchmark, how many placed results state a standard error: whether its gap has a range. */
    private final Map<String, Integer> withStdErr = new HashMap<>();
    /** Per model, how many of its current results state open and closed weights (across benchmarks). */
    private final Map<String, int[]> statedWeights = new HashMap<>();
    /** Per model, the benchmarks where its current result states no weights. */
    private final Map<String, TreeSet<String>> unknownIn = new HashMap<>();

    private final Set<String> dirtyGaps = new TreeSet<>();
    private final Set<String> dirtySigmoids = new TreeSet<>();
    private final Set<String> dirtyLags = new TreeSet<>();
    private final Set<String> changedSinceCheckpoint = new TreeSet<>();

    BenchmarkBoard(EngineSettings settings) {
        this.settings = settings;
    }

    boolean isCurrent(BenchmarkResult b) {
        CurrentItems<BenchmarkResult> scores = results.get(b.benchmarkId());
        return scores != null && scores.isCurrent(b.modelId(), b);
    }

    /** Applies a new score; false when it is the one already held. */
    boolean upsert(BenchmarkResult b) {
        return results.computeIfAbsent(
                        b.benchmarkId(), k -> new CurrentItems<>(BenchmarkResult::modelId, BenchmarkResult::asOf))
                .put(b.modelId(), b, (old, neu) -> changed(b.benchmarkId(), old, neu));
    }

    /**
     * Removes the result under {@code key} ({@code <benchmark>/<model>}); returns it, or null when
     * there was none or the key has no such shape.
     */
    BenchmarkResult delete(String key) {
        int slash = key.indexOf('/');
        CurrentItems<BenchmarkResult> scores = slash <= 0 ? null : results.get(key.substring(0, slash));
        if (scores == null) {
            return null;
        }
        String benchmark = key.substring(0, slash);
        BenchmarkResult[] removed = {null};
        scores.remove(key.substring(slash + 1), old -> {
            removed[0] = old;
            changed(benchmark, old, null);
        });
        return removed[0];
    }

    private void changed(String benchmark, BenchmarkResult old, BenchmarkResult current) {
        String model = current != null ? current.modelId() : old.modelId();
        Weights before = joinedWeights(model);
        resample(benchmark, old, current);
        if (old != null) {
            unplace(benchmark, old);
            countWeights(old, -1);
            if (old.weights() == Weights.UNKNOWN) {
                unknownIn.computeIfPresent(model, (m, set) -> {
                    set.remove(benchmark);
                    return set.isEmpty() ? null : set;
                });
            }
        }
        if (current != null) {
            countWeights(current, +1);
            if (current.weights() == Weights.UNKNOWN) {
                unknownIn.computeIfAbsent(model, m -> new TreeSet<>()).add(benchmark);
            }
            place(benchmark, current);
        }
        markDirty(benchmark);
        // The model's weights, as the other benchmarks state them, changed: its unclassified results elsewhere move.
        if (joinedWeights(model) != before) {
            for (String other : unknownIn.getOrDefault(model, new TreeSet<>())) {
                if (other.equals(benchmark)) {
                    continue;
                }
                BenchmarkResult r = results.get(other).get(model);
                unplace(other, r);
                place(other, r);
                markDirty(other);
            }
        }
    }

    /** Whether a result can be a point of its benchmark's sigmoid. */
    private static boolean sigmoidPoint(BenchmarkResult r) {
        return r != null && r.trainingComputeFlop() != null && r.scale().bounded();
    }

    /** Keeps the benchmark's sigmoid sample up to date with a result's change of version. */
    private void resample(String benchmark, BenchmarkResult old, BenchmarkResult current) {
        boolean was = sigmoidPoint(old);
        boolean is = sigmoidPoint(current);
        if (!was && !is) {
            return;
        }
        BoundedSample<SigmoidPoint> sample = sigmoidPoints.computeIfAbsent(
                benchmark, k -> new BoundedSample<>(SAMPLE_ORDER, settings.sigmoidMaxPoints()));
        boolean changed;
        if (was && is) {
            changed = sample.replace(SigmoidPoint.of(old), SigmoidPoint.of(current));
        } else if (is) {
            changed = sample.add(SigmoidPoint.of(current));
        } else {
            // The results already hold the new state: the refill comes from the points still there.
            changed = sample.remove(
                    SigmoidPoint.of(old),
                    () -> results.get(benchmark).values().stream()
                            .filter(BenchmarkBoard::sigmoidPoint)
                            .map(SigmoidPoint::of)::iterator);
        }
        if (changed) {
            fitted.remove(benchmark);
        }
    }

    private void markDirty(String benchmark) {
        dirtyGaps.add(benchmark);
        dirtySigmoids.add(benchmark);
        dirtyLags.add(benchmark);
        changedSinceCheckpoint.add(benchmark);
    }

    private void unplace(String benchmark, BenchmarkResult r) {
        SortedChunks<BenchmarkResult> open = openScores.get(benchmark);
        ReachSet<BenchmarkResult> closed = closedScores.get(benchmark);
        boolean removed = false;
        if (open != null && open.remove(r)) {
            openByDate.get(benchmark).remove(r.date(), r.score());
            openDraws.get(benchmark).remove(r);
            removed = true;
        }
        if (closed != null && closed.remove(r)) {
            closedByDate.get(benchmark).remove(r.date(), r.score());
            closedDraws.get(benchmark).remove(r);
            removed = true;
        }
        if (removed && r.scoreStdErr() != null) {
            withStdErr.merge(benchmark, -1, (a, b) -> a + b == 0 ? null : a + b);
        }
    }

    /** Files a result under its weights, or, when its source states none, under the weights its model has elsewhere. */
    private void place(String benchmark, BenchmarkResult r) {
        Weights w = r.weights() != Weights.UNKNOWN ? r.weights() : joinedWeights(r.modelId());
        if (w == Weights.OPEN) {
            openScores
                    .computeIfAbsent(benchmark, k -> new SortedChunks<>(BY_SCORE, BenchmarkResult::score, true))
                    .add(r);
            openByDate.computeIfAbsent(benchmark, k -> new ScoresByDate()).add(r.date(), r.score());
            openDraws.computeIfAbsent(benchmark, this::draws).add(r);
        } else if (w == Weights.CLOSED) {
            closedScores
                    .computeIfAbsent(
                            benchmark, k -> new ReachSet<>(BY_SCORE, BenchmarkResult::score, BenchmarkResult::date))
                    .add(r);
            closedByDate.computeIfAbsent(benchmark, k -> new ScoresByDate()).add(r.date(), r.score());
            closedDraws.computeIfAbsent(benchmark, this::draws).add(r);
        } else {
            return;
        }
        if (r.scoreStdErr() != null) {
            withStdErr.merge(benchmark, 1, Integer::sum);
        }
    }

    private void countWeights(BenchmarkResult r, int delta) {
        if (r.weights() == Weights.UNKNOWN) {
            return;
        }
        int[] c = statedWeights.computeIfAbsent(r.modelId(), m -> new int[2]);
        c[r.weights() == Weights.OPEN ? 0 : 1] += delta;
        if (c[0] == 0 && c[1] == 0) {
            statedWeights.remove(r.modelId());
        }
    }

    /**
     * A model's weights as its results on other benchmarks state them: open or closed when they agree,
     * unknown when none states them or they disagree. This joins a file without weights (GPQA Diamond
     * alone) to the weights any other benchmark file on the topic gave the same model.
     */
    private Weights joinedWeights(String model) {
        int[] c = statedWeights.get(model);
        if (c == null || (c[0] > 0 && c[1] > 0)) {
            return Weights.UNKNOWN;
        }
        return c[0] > 0 ? Weights.OPEN : Weights.CLOSED;
    }

    /** Current results of a benchmark that are neither open nor closed, even joined: they take no part in its gap. */
    int unclassified(String benchmark) {
        CurrentItems<BenchmarkResult> all = results.get(benchmark);
        return all == null
                ? 0
                : all.values().size()
                        - open(benchmark).size()
                        - closed(benchmark).size();
    }

    /**
     * The benchmarks whose results changed since the last call: those a checkpoint's lags cover. The
     * checkpoint publishes their lags without an interval, so they are due in full again: else the
     * last value published would depend on whether the full pass ran before or after the checkpoint.
     */
    Set<String> drainChangedSinceCheckpoint() {
        Set<String> d = new TreeSet<>(changedSinceCheckpoint);
        changedSinceCheckpoint.clear();
        dirtyLags.addAll(d);
        return d;
    }

    /** The benchmarks whose results changed since the lags were last computed in full (read-only). */
    Set<String> dirtyLags() {
        return java.util.Collections.unmodifiableSet(dirtyLags);
    }

    /** The benchmarks whose results changed since the last call, for the catch-up lags. */
    Set<String> drainDirtyLags() {
        Set<String> d = new TreeSet<>(dirtyLags);
        dirtyLags.clear();
        return d;
    }

    /** A benchmark's current open-weights results. */
    java.util.Collection<BenchmarkResult> open(String benchmark) {
        SortedChunks<BenchmarkResult> open = openScores.get(benchmark);
        return open == null ? List.of() : java.util.Collections.unmodifiableCollection(open);
    }

    /** A benchmark's current closed-weights results. */
    java.util.Collection<BenchmarkResult> closed(String benchmark) {
        ReachSet<BenchmarkResult> closed = closedScores.get(benchmark);
        return closed == null ? List.of() : closed.values();
    }

    /** A benchmark's current open-weights scores by date. */
    ScoresByDate openByDate(String benchmark) {
        return openByDate.getOrDefault(benchmark, EMPTY);
    }

    /** A benchmark's current closed-weights scores by date. */
    ScoresByDate closedByDate(String benchmark) {
        return closedByDate.getOrDefault(benchmark, EMPTY);
    }

    private static final ScoresByDate EMPTY = new ScoresByDate();

    /** The latest date among a benchmark's current results, or null. */
    LocalDate asOf(String benchmark) {
        CurrentItems<BenchmarkResult> scores = results.get(benchmark);
        return scores == null ? null : scores.last();
    }

    boolean gapsDirty() {
        return !dirtyGaps.isEmpty();
    }

    boolean sigmoidsDirty() {
        return !dirtySigmoids.isEmpty();
    }

    boolean lagsDirty() {
        return !dirtyLags.isEmpty();
    }

    /** Builds the open-versus-closed gap of every benchmark that changed since the last call. */
    void emitGaps(Outputs out) {
        for (String benchmark : dirtyGaps) {
            emitGap(out, benchmark, openScores.get(benchmark), closedScores.get(benchmark), asOf(benchmark));
        }
        dirtyGaps.clear();
    }

    /** Refits the sigmoid of every benchmark whose points changed since the last call. */
    void emitSigmoids(Outputs out) {
        for (String benchmark : dirtySigmoids) {
            emitSigmoid(
                    out,
                    benchmark,
                    sigmoidPoints.containsKey(benchmark)
                            ? sigmoidPoints.get(benchmark).items()
                            : List.of(),
                    asOf(benchmark));
        }
        dirtySigmoids.clear();
    }

    private void emitGap(
            Outputs out,
            String benchmark,
            SortedChunks<BenchmarkResult> open,
            ReachSet<BenchmarkResult> closed,
            LocalDate asOf) {
        String id = OutputIds.benchmarkGap(benchmark);
        if (open == null
                || closed == null
                || open.isEmpty()
                || closed.isEmpty()
                || open.last().scale() != closed.last().scale()) {
            out.retract(id);
            return;
        }
        BenchmarkResult bestOpen = open.last();
        BenchmarkResult bestClosed = closed.last();
        LocalDate reached = closed.earliestAtOrAbove(bestOpen.score());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("benchmark", benchmark);
        d.put("scale", bestOpen.scale().wire());
        d.put("closedLeader", bestClosed.modelId());
        d.put("closedLeaderScore", bestClosed.score());
        d.put("openLeader", bestOpen.modelId());
        d.put("openLeaderScore", bestOpen.score());
        if (reached != null) {
            d.put("closedFirstReachedOpenLeaderDate", reached.toString());
        }
        d.put("unclassifiedResults", unclassified(benchmark));
        double[] range = scoreRange(benchmark, open, closed, d);
        out.emit(new GapEstimate(
                id,
                "benchmark",
                asOf,
                bestClosed.score() - bestOpen.score(),
                unitOf(bestOpen.scale()),
                range == null ? null : range[0],
                range == null ? null : range[1],
                reached == null ? 0.0 : Dates.monthsBetween(reached, asOf),
                d,
                "best closed-weights score minus best open-weights score on " + benchmark
                        + " up to asOf; lag from the first closed " + "model at or above the open leader's score"));
    }

    /**
     * The gap's 90 % range from the scores' own standard errors, where the source states them (Epoch's
     * runs of GPQA Diamond do): a seeded parametric bootstrap that draws every score from a normal
     * around it and takes the best of each side again ({@link ScoreDraws}, which keeps each draw's best
     * as results come and go). Null when no current score has one.
     */
    private double[] scoreRange(
            String benchmark,
            SortedChunks<BenchmarkResult> open,
            ReachSet<BenchmarkResult> closed,
            Map<String, Object> d) {
        boolean any = withStdErr.containsKey(benchmark);
        int samples = settings.lags().bootstrapSamples();
        if (!any || samples == 0) {
            return null;
        }
        double[] closedBest = closedDraws.get(benchmark).best(closed.descending());
        double[] openBest = openDraws.get(benchmark).best(open.descending());
        double[] gaps = new double[samples];
        for (int s = 0; s < samples; s++) {
            gaps[s] = closedBest[s] - openBest[s];
        }
        java.util.Arrays.sort(gaps);
        d.put(
                "rangeCovers",
                "the scores' standard errors (seeded parametric bootstrap, " + samples
                        + " draws); scores without one held fixed");
        return new double[] {gaps[(int) Math.floor(0.05 * (samples - 1))], gaps[(int) Math.ceil(0.95 * (samples - 1))]};
    }

    /** A side's draws, seeded by the lags' seed and the benchmark, so the range is reproducible. */
    private ScoreDraws draws(String benchmark) {
        return new ScoreDraws(
                settings.lags().bootstrapSamples(), settings.lags().seed() ^ ScoreDraws.hash64(benchmark));
    }

    private static String unitOf(ScoreScale s) {
        return switch (s) {
            case FRACTION -> "fraction";
            case PERCENT -> "percentage points";
            case ELO -> "Elo points";
            case INDEX -> "index points";
            case MINUTES -> "minutes";
        };
    }

    /**
     * The sigmoid of a sample, empty when it does not converge. The points go in the sample's own
     * order: a function of the set of results, whatever order they came in, as the fit must be
     * (sorting them by id first cost a ninth of a refit, {@code SigmoidRefitBenchmark}).
     */
    private static java.util.Optional<NonlinearFit.Result> fit(Collection<SigmoidPoint> sample) {
        double[] x = new double[sample.size()];
        double[] y = new double[sample.size()];
        int k = 0;
        for (SigmoidPoint p : sample) {
            x[k] = p.log10Compute();
            y[k++] = p.fraction();
        }
        try {
            return java.util.Optional.of(NonlinearFit.fitRobust(NonlinearFit.Curve.SIGMOID, x, y));
        } catch (RuntimeException notConverged) {
            return java.util.Optional.empty();
        }
    }

    private void emitSigmoid(Outputs out, String benchmark, Collection<SigmoidPoint> sample, LocalDate asOf) {
        String id = OutputIds.benchmarkFit(benchmark);
        if (sample.size() < settings.sigmoidMinPoints()) {
            out.retract(id);
            return;
        }
        int first = Integer.MAX_VALUE;
        int last = Integer.MIN_VALUE;
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        for (SigmoidPoint p : sample) {
            xMin = Math.min(xMin, p.log10Compute());
            xMax = Math.max(xMax, p.log10Compute());
            first = Math.min(first, p.day());
            last = Math.max(last, p.day());
        }
        LocalDate start = sample.isEmpty() ? null : LocalDate.ofEpochDay(first);
        LocalDate end = sample.isEmpty() ? null : LocalDate.ofEpochDay(last);
        NonlinearFit.Result r =
                fitted.computeIfAbsent(benchmark, unfitted -> fit(sample)).orElse(null);
        if (r == null) {
            out.retract(id);
            return;
        }
        double t = OnlineRegression.studentQuantile(0.9, Math.max(1, r.n() - 4));
        Map<String, Estimate> params = new LinkedHashMap<>();
        String[] names = NonlinearFit.Curve.SIGMOID.parameterNames();
        String[] units = {"fraction", "1/OOM", "log10(FLOP)", "fraction"};
        List<String> bounds = new java.util.ArrayList<>();
        List<String> cut = new java.util.ArrayList<>();
        // The fit searches only these ranges, so the true values lie in them: an interval reaching
        // past one is cut there and keeps its coverage. Uncut, a loosely placed parameter read
        // lm in [-110068, 110069] on a 0-to-1 scale (Epoch's Adversarial NLI, 9 points).
        double[][] domain = NonlinearFit.Curve.SIGMOID.domain(xMin, xMax);
        for (int i = 0; i < names.length; i++) {
            double se = r.stdErr()[i];
            double v = r.parameters()[i];
            double p = Numbers.sig(v);
            if (r.atBound()[i]) {
                bounds.add(bound(names[i], v));
            }
            if (!Double.isFinite(se) || r.atBound()[i]) {
                params.put(names[i], Estimate.of(p, units[i]));
                continue;
            }
            double low = v - t * se;
            double high = v + t * se;
            if (low < domain[i][0] || high > domain[i][1]) {
                cut.add(names[i]);
                low = Math.max(low, domain[i][0]);
                high = Math.min(high, domain[i][1]);
            }
            params.put(names[i], new Estimate(p, units[i], Numbers.sig(se), Numbers.sig(low), Numbers.sig(high)));
        }
        String note = "score as a fraction of its scale = lm/(1+exp(-k*(log10 C - x0))) + b";
        if (!bounds.isEmpty()) {
            note += "; at " + (bounds.size() == 1 ? "a bound" : "bounds") + " of the fit: " + String.join(", ", bounds)
                    + " (not placed by the data, so without an interval; the other intervals hold "
                    + (bounds.size() == 1 ? "it" : "them") + " there)";
        }
        if (!cut.isEmpty()) {
            boolean one = cut.size() == 1;
            note += "; the 90 % " + (one ? "interval of " : "intervals of ") + String.join(", ", cut)
                    + " reached past the fit's bounds and " + (one ? "is" : "are") + " cut there (the data place "
                    + (one ? "it" : "them") + " loosely)";
        }
        out.emit(new ScalingFit(
                id,
                "levenberg-marquardt",
                asOf,
                start,
                end,
                r.n(),
                Numbers.finiteOrNull(Numbers.sig(r.rSquared())),
                null,
                null,
                params,
                note));
    }

    /** Which bound a sigmoid parameter sits on, in words. */
    private static String bound(String name, double value) {
        return switch (name) {
            case "lm" ->
                value >= 1 ? "lm = 1 (the whole scale)" : "lm = " + NonlinearFit.Curve.MIN_RANGE + " (the least range)";
            case "k" -> "|k| = " + (int) NonlinearFit.Curve.MAX_SLOPE + " per OOM (the steepest slope: a step)";
            case "x0" -> "x0 " + (int) NonlinearFit.Curve.MIDPOINT_MARGIN + " OOM beyond the data's compute";
            case "b" -> value <= 0 ? "b = 0 (no floor)" : "b = 1 - lm (the curve reaching the top of the scale)";
            default -> name;
        };
    }
}
