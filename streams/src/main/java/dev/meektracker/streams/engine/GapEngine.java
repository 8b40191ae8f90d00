package dev.meektracker.streams.engine;

import dev.meektracker.core.event.BenchmarkResult;
import dev.meektracker.core.event.Estimate;
import dev.meektracker.core.event.GapEstimate;
import dev.meektracker.core.event.HardwarePrice;
import dev.meektracker.core.event.ModelRelease;
import dev.meektracker.core.event.ScalingFit;
import dev.meektracker.core.event.ScoreScale;
import dev.meektracker.core.event.TrackerEvent;
import dev.meektracker.core.event.Weights;
import dev.meektracker.core.model.BenchmarkMapping;
import dev.meektracker.core.model.Distinguishability;
import dev.meektracker.core.model.GapScenario;
import dev.meektracker.core.model.SpendingSchedule;
import dev.meektracker.core.stats.Growth;
import dev.meektracker.core.stats.NonlinearFit;
import dev.meektracker.core.stats.OnlineMultipleRegression;
import dev.meektracker.core.stats.OnlineRegression;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The tracker's state and arithmetic, without Kafka: the latest version of every model, hardware item
 * and benchmark result by stable id, the incremental fits over them, and the gaps they imply.
 * {@link #upsert} and {@link #delete} return exactly the outputs whose value changed.
 *
 * <p>Every output depends only on the current set of items, never on the order they came in: an
 * upsert removes the old version's contribution before adding the new one, and as-of dates are the
 * latest dates among the items behind each output.
 */
public final class GapEngine {

    public static final String FRONTIER_COMPUTE = "frontier-compute";
    public static final String OPEN_COMPUTE = "open-compute";
    public static final String HARDWARE = "hardware-price-performance";
    public static final String ALGORITHMIC = "algorithmic-progress";
    public static final String COMPUTE_GAP = "compute/open-vs-closed";

    private final EngineSettings settings;

    private final Map<String, ModelRelease> models = new HashMap<>();
    private final Map<String, HardwarePrice> hardware = new HashMap<>();
    private final Map<String, Map<String, BenchmarkResult>> benchmarks = new HashMap<>();
    private final TreeMap<LocalDate, Integer> modelDates = new TreeMap<>();
    private final TreeMap<LocalDate, Integer> hardwareDates = new TreeMap<>();
    private final Map<String, TreeMap<LocalDate, Integer>> benchmarkDates = new HashMap<>();
    /** Models with known compute, in release order, for frontier membership. */
    private final TreeSet<ModelRelease> byDate = new TreeSet<>(BY_DATE);
    /** The same models by compute, all of them and per weights class, for leaders and frontier ranks. */
    private final TreeSet<ModelRelease> allByCompute = new TreeSet<>(BY_COMPUTE);
    private final TreeSet<ModelRelease> openByCompute = new TreeSet<>(BY_COMPUTE);
    private final ReachSet<ModelRelease> closedByCompute = new ReachSet<>(BY_COMPUTE, ModelRelease::trainingComputeFlop, ModelRelease::releaseDate);
    private final TreeSet<ModelRelease> openByDate = new TreeSet<>(BY_DATE);
    /** Benchmark results with open and closed weights, by score, per benchmark. */
    private final Map<String, TreeSet<BenchmarkResult>> openScores = new HashMap<>();
    private final Map<String, ReachSet<BenchmarkResult>> closedScores = new HashMap<>();
    /** Outputs too costly to recompute on every event, recomputed by {@link #flushDeferred()}. */
    private final Set<String> dirtySigmoids = new TreeSet<>();
    private boolean projectionsDirty;

    // Written out rather than chained with Comparator.comparing: these orders run on every insert into
    // the sorted indices, and the chained form boxes and dispatches through several lambdas per compare.
    private static final Comparator<ModelRelease> BY_DATE = (a, b) -> {
        int c = a.releaseDate().compareTo(b.releaseDate());
        return c != 0 ? c : a.id().compareTo(b.id());
    };
    private static final Comparator<ModelRelease> BY_COMPUTE = (a, b) -> {
        int c = Double.compare(a.trainingComputeFlop(), b.trainingComputeFlop());
        return c != 0 ? c : a.id().compareTo(b.id());
    };
    /** Higher score first wins; among equal scores the earlier release is the leader. */
    private static final Comparator<BenchmarkResult> BY_SCORE = (a, b) -> {
        int c = Double.compare(a.score(), b.score());
        if (c != 0) {
            return c;
        }
        c = b.date().compareTo(a.date());
        return c != 0 ? c : a.modelId().compareTo(b.modelId());
    };

    private final TrendFit frontier = new TrendFit();
    private final TrendFit openFrontier = new TrendFit();
    private final TrendFit hardwareTrend = new TrendFit();
    private final OnlineMultipleRegression algorithmic = new OnlineMultipleRegression(2);
    private final Map<String, double[]> algorithmicPoints = new HashMap<>();
    private final Map<String, double[]> sigmoidWarmStart = new HashMap<>();

    private final Map<String, ScalingFit> fits = new TreeMap<>();
    private final Map<String, GapEstimate> gaps = new TreeMap<>();
    private final List<String> retracted = new ArrayList<>();

    /**
     * When true, an event updates the indices and fits at once but builds no outputs: the trends and
     * empirical gaps it touched are marked, and {@link #flushChanged()} builds each marked output once.
     * The streams processor emits every 50 ms anyway, so building a fit per event only to keep the last
     * one of the burst is wasted work.
     */
    private final boolean coalesce;
    private boolean modelsDirty;
    private boolean hardwareDirty;
    private boolean algorithmicDirty;
    private final Set<String> dirtyBenchmarkGaps = new TreeSet<>();

    /** An engine that returns the changed outputs from every call (tests, batch use). */
    public GapEngine(EngineSettings settings) {
        this(settings, false);
    }

    /** @param coalesce build outputs only in {@link #flushChanged()} (the streams processor) */
    public GapEngine(EngineSettings settings, boolean coalesce) {
        this.settings = settings;
        this.coalesce = coalesce;
    }

    /** The outputs an emitter builds now (the eager mode). */
    private static List<TrackerEvent> built(java.util.function.Consumer<List<TrackerEvent>> emitter) {
        List<TrackerEvent> out = new ArrayList<>();
        emitter.accept(out);
        return out;
    }

    /**
     * With coalescing, builds the outputs of everything changed since the last call (trends, the
     * compute and benchmark gaps, hardware, algorithmic progress); returns those whose value changed.
     */
    public List<TrackerEvent> flushChanged() {
        List<TrackerEvent> out = new ArrayList<>();
        if (modelsDirty) {
            modelsDirty = false;
            emitModels(out);
        }
        if (hardwareDirty) {
            hardwareDirty = false;
            emitHardware(out);
        }
        for (String benchmark : dirtyBenchmarkGaps) {
            emitBenchmarkGap(out, benchmark, openScores.get(benchmark), closedScores.get(benchmark), last(benchmarkDates.get(benchmark)));
        }
        dirtyBenchmarkGaps.clear();
        if (algorithmicDirty) {
            algorithmicDirty = false;
            emitAlgorithmic(out, last(benchmarkDates.get(settings.algorithmicBenchmark())));
        }
        return out;
    }

    public Collection<ScalingFit> fits() {
        return fits.values();
    }

    public Collection<GapEstimate> gaps() {
        return gaps.values();
    }

    /** True when the engine already holds exactly this version of the item (a duplicate). */
    public boolean isCurrent(TrackerEvent e) {
        if (e instanceof ModelRelease m) {
            return m.equals(models.get(m.id()));
        }
        if (e instanceof HardwarePrice h) {
            return h.equals(hardware.get(h.id()));
        }
        if (e instanceof BenchmarkResult b) {
            return b.equals(benchmarks.getOrDefault(b.benchmarkId(), Map.of()).get(b.modelId()));
        }
        return false;
    }

    /** Applies the latest version of an event; returns the outputs that changed. */
    public List<TrackerEvent> upsert(TrackerEvent e) {
        if (e instanceof ModelRelease m) {
            ModelRelease old = models.put(m.id(), m);
            if (m.equals(old)) {
                return List.of();
            }
            if (old != null) {
                forgetModel(old);
            }
            count(modelDates, m.releaseDate(), 1);
            if (m.hasCompute()) {
                index(m);
            }
            return modelsChanged(old, m);
        }
        if (e instanceof HardwarePrice h) {
            HardwarePrice old = hardware.put(h.id(), h);
            if (h.equals(old)) {
                return List.of();
            }
            if (old != null) {
                count(hardwareDates, old.date(), -1);
            }
            count(hardwareDates, h.date(), 1);
            return hardwareChanged(h.id());
        }
        if (e instanceof BenchmarkResult b) {
            Map<String, BenchmarkResult> byModel = benchmarks.computeIfAbsent(b.benchmarkId(), k -> new HashMap<>());
            BenchmarkResult old = byModel.put(b.modelId(), b);
            if (b.equals(old)) {
                return List.of();
            }
            TreeMap<LocalDate, Integer> dates = benchmarkDates.computeIfAbsent(b.benchmarkId(), k -> new TreeMap<>());
            if (old != null) {
                count(dates, old.date(), -1);
            }
            count(dates, b.date(), 1);
            return benchmarkChanged(b.benchmarkId(), b.key(), old);
        }
        throw new IllegalArgumentException("not an input event: " + e.getClass().getSimpleName());
    }

    /** Removes an item (a tombstone on its compacted topic); returns the outputs that changed. */
    public List<TrackerEvent> delete(Class<? extends TrackerEvent> type, String key) {
        if (type == ModelRelease.class) {
            ModelRelease old = models.remove(key);
            if (old == null) {
                return List.of();
            }
            forgetModel(old);
            return modelsChanged(old, null);
        }
        if (type == HardwarePrice.class) {
            HardwarePrice old = hardware.remove(key);
            if (old == null) {
                return List.of();
            }
            count(hardwareDates, old.date(), -1);
            return hardwareChanged(key);
        }
        if (type == BenchmarkResult.class) {
            int slash = key.indexOf('/');
            String benchmark = key.substring(0, slash);
            Map<String, BenchmarkResult> byModel = benchmarks.get(benchmark);
            BenchmarkResult old = byModel == null ? null : byModel.remove(key.substring(slash + 1));
            if (old == null) {
                return List.of();
            }
            count(benchmarkDates.get(benchmark), old.date(), -1);
            return benchmarkChanged(benchmark, key, old);
        }
        throw new IllegalArgumentException("not an input type: " + type.getSimpleName());
    }

    private void forgetModel(ModelRelease old) {
        count(modelDates, old.releaseDate(), -1);
        if (old.hasCompute()) {
            byDate.remove(old);
            allByCompute.remove(old);
            openByCompute.remove(old);
            closedByCompute.remove(old);
            openByDate.remove(old);
        }
    }

    private void index(ModelRelease m) {
        byDate.add(m);
        allByCompute.add(m);
        if (m.weights() == Weights.OPEN) {
            openByCompute.add(m);
            openByDate.add(m);
        } else if (m.weights() == Weights.CLOSED) {
            closedByCompute.add(m);
        }
    }

    // ---------------------------------------------------------------- models

    private List<TrackerEvent> modelsChanged(ModelRelease old, ModelRelease neu) {
        updateMembership(frontier, byDate, allByCompute, old, neu, m -> true);
        updateMembership(openFrontier, openByDate, openByCompute, old, neu, m -> m.weights() == Weights.OPEN);
        projectionsDirty = true;
        if (coalesce) {
            modelsDirty = true;
            return List.of();
        }
        return built(this::emitModels);
    }

    private void emitModels(List<TrackerEvent> out) {
        LocalDate asOf = last(modelDates);
        emitTrend(out, FRONTIER_COMPUTE, frontier, asOf, "frontierComputeToday",
                "models whose compute was among the " + settings.frontierTopN() + " largest released up to their date, from " + settings.fitStart());
        emitTrend(out, OPEN_COMPUTE, openFrontier, asOf, "openComputeToday",
                "open-weights models whose compute was among the " + settings.frontierTopN()
                        + " largest open-weights computes released up to their date, from " + settings.fitStart());
        emitComputeGap(out, asOf);
    }

    /**
     * Keeps frontier membership current after a model changed. Membership of a model depends only on
     * models released up to its date, so nothing before the earliest date the change touches can
     * move: the top N released before that date come from the compute-sorted set (a walk down from
     * the largest, skipping later models), then only models from that date on are swept. A new
     * release, the normal case, costs O(N + models on its date); a late arrival or correction costs in
     * proportion to the models released after it, not to the whole history.
     */
    private void updateMembership(TrendFit fit, TreeSet<ModelRelease> eligibleByDate, TreeSet<ModelRelease> byCompute,
                                  ModelRelease old, ModelRelease neu, Predicate<ModelRelease> eligible) {
        boolean oldCounts = old != null && old.hasCompute() && eligible.test(old);
        boolean newCounts = neu != null && neu.hasCompute() && eligible.test(neu);
        if (!oldCounts && !newCounts) {
            return;
        }
        LocalDate from = oldCounts && newCounts ? min(old.releaseDate(), neu.releaseDate()) : oldCounts ? old.releaseDate() : neu.releaseDate();
        if (oldCounts) {
            fit.remove(old.id());
        }
        int n = settings.frontierTopN();
        if (!oldCounts && largerUpTo(byCompute, neu, n) >= n) {
            // A new model that is not frontier at its own date changes nobody's membership: the N-th
            // largest compute up to any later date is at least the one up to its date. This holds on
            // the latest date too, where it saves sweeping every model released that day.
            fit.remove(neu.id());
            return;
        }
        PriorityQueue<Double> top = new PriorityQueue<>();
        for (ModelRelease m : byCompute.descendingSet()) {
            if (top.size() >= n) {
                break;
            }
            if (m.releaseDate().isBefore(from)) {
                top.add(m.trainingComputeFlop());
            }
        }
        List<ModelRelease> sameDate = new ArrayList<>();
        LocalDate current = null;
        for (ModelRelease m : eligibleByDate.tailSet(probe(from), true)) {
            if (!m.releaseDate().equals(current)) {
                decide(fit, sameDate, top, n);
                current = m.releaseDate();
            }
            sameDate.add(m);
            top.add(m.trainingComputeFlop());
            if (top.size() > n) {
                top.poll();
            }
        }
        decide(fit, sameDate, top, n);
    }

    /** Models of one date are frontier when their compute is at least the N-th largest released up to that date. */
    private void decide(TrendFit fit, List<ModelRelease> sameDate, PriorityQueue<Double> top, int n) {
        double threshold = top.size() < n ? Double.NEGATIVE_INFINITY : top.peek();
        for (ModelRelease m : sameDate) {
            setMembership(fit, m, m.trainingComputeFlop() >= threshold);
        }
        sameDate.clear();
    }

    /** How many models released up to m's date have more compute than m, counting no further than {@code limit}. */
    private static int largerUpTo(TreeSet<ModelRelease> byCompute, ModelRelease m, int limit) {
        int count = 0;
        for (ModelRelease o : byCompute.descendingSet()) {
            if (count >= limit || o.trainingComputeFlop() <= m.trainingComputeFlop()) {
                break;
            }
            if (!o.releaseDate().isAfter(m.releaseDate())) {
                count++;
            }
        }
        return count;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static ModelRelease probe(LocalDate date) {
        return new ModelRelease("", "", null, date, null, Weights.UNKNOWN, 0.0, null, null, null, null, null, null);
    }

    private void setMembership(TrendFit fit, ModelRelease m, boolean member) {
        if (member && !m.releaseDate().isBefore(settings.fitStart())) {
            fit.put(m.id(), m.releaseDate(), Math.log10(m.trainingComputeFlop()));
        } else {
            fit.remove(m.id());
        }
    }

    private void emitComputeGap(List<TrackerEvent> out, LocalDate asOf) {
        if (openByCompute.isEmpty() || closedByCompute.isEmpty()) {
            retract(COMPUTE_GAP);
            return;
        }
        ModelRelease bestOpen = openByCompute.last();
        ModelRelease bestClosed = closedByCompute.last();
        LocalDate reached = closedByCompute.earliestAtOrAbove(bestOpen.trainingComputeFlop());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("closedLeader", bestClosed.id());
        d.put("closedLeaderComputeFlop", bestClosed.trainingComputeFlop());
        d.put("openLeader", bestOpen.id());
        d.put("openLeaderComputeFlop", bestOpen.trainingComputeFlop());
        d.put("closedFirstReachedOpenLeaderDate", reached == null ? null : reached.toString());
        d.values().removeIf(v -> v == null);
        double lag = reached == null ? 0 : Dates.monthsBetween(reached, asOf);
        emit(out, new GapEstimate(COMPUTE_GAP, "compute", asOf,
                Math.log10(bestClosed.trainingComputeFlop() / bestOpen.trainingComputeFlop()), "orders of magnitude",
                null, null, lag, d,
                "largest closed-weights over largest open-weights training compute released up to asOf; lag from the first "
                        + "closed model at or above the open leader's compute"));
    }

    // ---------------------------------------------------------------- hardware

    private List<TrackerEvent> hardwareChanged(String id) {
        HardwarePrice h = hardware.get(id);
        Double perUsd = h == null ? null : flopPerSecondPerUsd(h);
        if (perUsd == null) {
            hardwareTrend.remove(id);
        } else {
            hardwareTrend.put(id, h.date(), Math.log10(perUsd));
        }
        projectionsDirty = true;
        if (coalesce) {
            hardwareDirty = true;
            return List.of();
        }
        return built(this::emitHardware);
    }

    private void emitHardware(List<TrackerEvent> out) {
        LocalDate asOf = last(hardwareDates);
        if (hardwareTrend.ready() && asOf != null) {
            double[] level = hardwareTrend.levelAt(asOf);
            Map<String, Estimate> extra = new LinkedHashMap<>();
            extra.put("flopPerDollarToday", new Estimate(settings.flopPerDollar(Math.pow(10, level[0])), "FLOP/USD", null,
                    settings.flopPerDollar(Math.pow(10, level[0] - level[1])), settings.flopPerDollar(Math.pow(10, level[0] + level[1]))));
            extra.put("amortisationYears", Estimate.of(settings.amortisationYears(), "years"));
            extra.put("utilisation", Estimate.of(settings.utilisation(), "ratio"));
            emit(out, hardwareTrend.toScalingFit(HARDWARE, asOf, "flopPerSecondPerUsdToday", "FLOP/s/USD", extra,
                    "peak FLOP/s (" + (settings.precision() == null ? "best ML format of each chip" : settings.precision().wire())
                            + ") per USD of purchase price; FLOP per USD assumes " + settings.utilisation() + " utilisation over "
                            + settings.amortisationYears() + " years"));
        } else {
            retract(HARDWARE);
        }
    }

    private Double flopPerSecondPerUsd(HardwarePrice h) {
        if (h.purchasePriceUsd() == null) {
            // A rental price buys FLOP/s per USD-hour; convert over the amortisation period.
            if (h.rentalPriceUsdPerHour() == null) {
                return null;
            }
            double hours = settings.amortisationYears() * 365.25 * 24;
            return h.flopPerSecond(settings.precision()).map(f -> f / (h.rentalPriceUsdPerHour() * hours)).orElse(null);
        }
        return h.flopPerSecond(settings.precision()).map(f -> f / h.purchasePriceUsd()).orElse(null);
    }

    // ---------------------------------------------------------------- benchmarks

    private List<TrackerEvent> benchmarkChanged(String benchmark, String resultKey, BenchmarkResult old) {
        List<TrackerEvent> out = new ArrayList<>();
        Map<String, BenchmarkResult> results = benchmarks.getOrDefault(benchmark, Map.of());
        BenchmarkResult current = results.get(resultKey.substring(resultKey.indexOf('/') + 1));
        TreeSet<BenchmarkResult> open = openScores.computeIfAbsent(benchmark, k -> new TreeSet<>(BY_SCORE));
        ReachSet<BenchmarkResult> closed = closedScores.computeIfAbsent(benchmark, k -> new ReachSet<>(BY_SCORE, BenchmarkResult::score, BenchmarkResult::date));
        if (old != null) {
            open.remove(old);
            closed.remove(old);
        }
        if (current != null && current.weights() == Weights.OPEN) {
            open.add(current);
        } else if (current != null && current.weights() == Weights.CLOSED) {
            closed.add(current);
        }
        LocalDate asOf = last(benchmarkDates.get(benchmark));
        if (coalesce) {
            dirtyBenchmarkGaps.add(benchmark);
        } else {
            emitBenchmarkGap(out, benchmark, open, closed, asOf);
        }
        dirtySigmoids.add(benchmark);
        if (benchmark.equals(settings.algorithmicBenchmark())) {
            double[] previous = algorithmicPoints.remove(resultKey);
            if (previous != null) {
                algorithmic.remove(new double[] {previous[0], previous[1]}, previous[2]);
            }
            if (current != null && current.trainingComputeFlop() != null) {
                double[] p = {Math.log10(current.trainingComputeFlop()), Dates.decimalYear(current.date()), current.score()};
                algorithmic.add(new double[] {p[0], p[1]}, p[2]);
                algorithmicPoints.put(resultKey, p);
            }
            if (coalesce) {
                algorithmicDirty = true;
            } else {
                emitAlgorithmic(out, asOf);
            }
            projectionsDirty = true;
        }
        return out;
    }

    /** True when {@link #flushDeferred()} has work to do. */
    public boolean hasDeferred() {
        return projectionsDirty || !dirtySigmoids.isEmpty() || modelsDirty || hardwareDirty || algorithmicDirty || !dirtyBenchmarkGaps.isEmpty();
    }

    /**
     * Recomputes the outputs whose cost is too high for every event (benchmark sigmoids, projections)
     * where their inputs changed since the last flush; returns those whose value changed. The streams
     * processor calls it on a wall-clock punctuation, so a burst of events costs one refit.
     */
    public List<TrackerEvent> flushDeferred() {
        return flushDeferred(true);
    }

    /**
     * @param sigmoids also refit the benchmark sigmoids, the costliest of the deferred outputs, which the
     *                 processor does on a longer interval of its own
     */
    public List<TrackerEvent> flushDeferred(boolean sigmoids) {
        // Projections read the current fits (algorithmic progress): build the coalesced ones first.
        List<TrackerEvent> out = coalesce ? flushChanged() : new ArrayList<>();
        if (sigmoids) {
            for (String benchmark : dirtySigmoids) {
                Map<String, BenchmarkResult> results = benchmarks.getOrDefault(benchmark, Map.of());
                emitSigmoid(out, benchmark, results.values(), last(benchmarkDates.get(benchmark)));
            }
            dirtySigmoids.clear();
        }
        if (projectionsDirty) {
            projectionsDirty = false;
            emitProjections(out);
        }
        return out;
    }

    private void emitBenchmarkGap(List<TrackerEvent> out, String benchmark, TreeSet<BenchmarkResult> open,
                                  ReachSet<BenchmarkResult> closed, LocalDate asOf) {
        String id = "benchmark/" + benchmark + "/open-vs-closed";
        if (open.isEmpty() || closed.isEmpty() || open.last().scale() != closed.last().scale()) {
            retract(id);
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
        emit(out, new GapEstimate(id, "benchmark", asOf, bestClosed.score() - bestOpen.score(), unitOf(bestOpen.scale()),
                null, null, reached == null ? 0.0 : Dates.monthsBetween(reached, asOf), d,
                "best closed-weights score minus best open-weights score on " + benchmark + " up to asOf; lag from the first closed "
                        + "model at or above the open leader's score"));
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

    private void emitSigmoid(List<TrackerEvent> out, String benchmark, Collection<BenchmarkResult> results, LocalDate asOf) {
        String id = "benchmark/" + benchmark;
        List<BenchmarkResult> points = results.stream()
                .filter(b -> b.trainingComputeFlop() != null && b.scale().bounded())
                .sorted(Comparator.comparing(BenchmarkResult::date).reversed().thenComparing(BenchmarkResult::modelId))
                .limit(settings.sigmoidMaxPoints())
                .sorted(Comparator.comparing(BenchmarkResult::modelId))
                .toList();
        if (points.size() < settings.sigmoidMinPoints()) {
            retract(id);
            return;
        }
        double[] x = points.stream().mapToDouble(b -> Math.log10(b.trainingComputeFlop())).toArray();
        double[] y = points.stream().mapToDouble(b -> b.scale().toFraction(b.score())).toArray();
        NonlinearFit.Result r;
        try {
            r = NonlinearFit.fitRobust(NonlinearFit.Curve.SIGMOID, x, y, sigmoidWarmStart.get(benchmark));
        } catch (RuntimeException notConverged) {
            retract(id);
            return;
        }
        sigmoidWarmStart.put(benchmark, r.parameters());
        double t = OnlineRegression.studentQuantile(0.9, Math.max(1, r.n() - 4));
        Map<String, Estimate> params = new LinkedHashMap<>();
        String[] names = NonlinearFit.Curve.SIGMOID.parameterNames();
        String[] units = {"fraction", "1/OOM", "log10(FLOP)", "fraction"};
        for (int i = 0; i < names.length; i++) {
            double se = r.stdErr()[i];
            params.put(names[i], Double.isFinite(se)
                    ? new Estimate(round(r.parameters()[i]), units[i], round(se), round(r.parameters()[i] - t * se), round(r.parameters()[i] + t * se))
                    : Estimate.of(round(r.parameters()[i]), units[i]));
        }
        LocalDate start = points.stream().map(BenchmarkResult::date).min(LocalDate::compareTo).orElseThrow();
        LocalDate end = points.stream().map(BenchmarkResult::date).max(LocalDate::compareTo).orElseThrow();
        emit(out, new ScalingFit(id, "levenberg-marquardt", asOf, start, end, r.n(), TrendFit.finiteOrNull(round(r.rSquared())), null, null,
                params, "score as a fraction of its scale = lm/(1+exp(-k*(log10 C - x0))) + b"));
    }

    /** Sigmoid fits end where the optimizer stops; 9 significant digits keep re-fits of the same data from flapping. */
    private static double round(double v) {
        if (!Double.isFinite(v) || v == 0) {
            return v;
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(9)).doubleValue();
    }

    private void emitAlgorithmic(List<TrackerEvent> out, LocalDate asOf) {
        long n = algorithmic.n();
        String configured = "configured value " + settings.algorithmicGrowth() + "/year used: ";
        if (n < settings.algorithmicMinPoints()) {
            emit(out, configuredAlgorithmic(asOf, n, configured + n + " scored models with known compute on " + settings.algorithmicBenchmark()
                    + ", fewer than the " + settings.algorithmicMinPoints() + " needed"));
            return;
        }
        OnlineMultipleRegression.Solution s;
        try {
            s = algorithmic.solve();
        } catch (RuntimeException singular) {
            emit(out, configuredAlgorithmic(asOf, n, configured + "score against compute and year is singular"));
            return;
        }
        double perOom = s.coefficients()[1];
        double perYear = s.coefficients()[2];
        if (!(perOom > 0)) {
            emit(out, configuredAlgorithmic(asOf, n, configured + "score does not rise with compute in the data (slope " + perOom + ")"));
            return;
        }
        // A year of progress is worth as much score as 10^(perYear/perOom) times more compute.
        double ratio = perYear / perOom;
        double[][] cov = s.slopeCovariance();
        double var = ratio * ratio * (cov[1][1] / (perYear * perYear) + cov[0][0] / (perOom * perOom) - 2 * cov[0][1] / (perOom * perYear));
        double half = OnlineRegression.studentQuantile(0.9, s.degreesOfFreedom()) * Math.sqrt(Math.max(var, 0));
        Growth.Rate g = new Growth.Rate(ratio, ratio - half, ratio + half);
        Map<String, Estimate> params = new LinkedHashMap<>();
        double[] ci1 = s.interval(1, TrendFit.CONFIDENCE);
        double[] ci2 = s.interval(2, TrendFit.CONFIDENCE);
        params.put("scorePerOomCompute", new Estimate(perOom, "score/OOM", s.stdErr()[1], ci1[0], ci1[1]));
        params.put("scorePerYear", new Estimate(perYear, "score/year", s.stdErr()[2], ci2[0], ci2[1]));
        params.put("intercept", new Estimate(s.coefficients()[0], "score", s.stdErr()[0], null, null));
        params.put("computeEquivalentOomPerYear", new Estimate(ratio, "OOM/year", Math.sqrt(Math.max(var, 0)), ratio - half, ratio + half));
        emit(out, new ScalingFit(ALGORITHMIC, "multiple-ols", asOf, null, null, n, TrendFit.finiteOrNull(s.rSquared()),
                new Estimate(g.timesPerYear(), "times/year", null, g.timesPerYearLow(), g.timesPerYearHigh()),
                new Estimate(g.doublingTimeYears(), "years", null, g.doublingTimeLow(), TrendFit.finiteOrNull(g.doublingTimeHigh())),
                params, settings.algorithmicBenchmark() + " score = b0 + b1*log10(compute) + b2*year; compute-equivalent gain per year = 10^(b2/b1)"));
    }

    private ScalingFit configuredAlgorithmic(LocalDate asOf, long n, String note) {
        double g = settings.algorithmicGrowth();
        return new ScalingFit(ALGORITHMIC, "configured", asOf, null, null, n, null, Estimate.of(g, "times/year"),
                Estimate.of(Growth.doublingTimeYears(Math.log10(g)), "years"), Map.of(), note);
    }

    /** The algorithmic progress in force: fitted when the fit says so, the configured value otherwise. */
    private Growth.Rate algorithmicRate() {
        ScalingFit f = fits.get(ALGORITHMIC);
        if (f == null || f.growthPerYear() == null) {
            double oom = Math.log10(settings.algorithmicGrowth());
            return new Growth.Rate(oom, oom, oom);
        }
        Estimate g = f.growthPerYear();
        return new Growth.Rate(Math.log10(g.value()), Math.log10(g.low() == null ? g.value() : g.low()),
                Math.log10(g.high() == null ? g.value() : g.high()));
    }

    // ---------------------------------------------------------------- projections

    private void emitProjections(List<TrackerEvent> out) {
        LocalDate asOf = latest(last(modelDates), last(hardwareDates));
        if (last(benchmarkDates.get(settings.algorithmicBenchmark())) == null && asOf != null) {
            // No data on the algorithmic benchmark yet: the configured rate is in force, dated like the projections.
            emitAlgorithmic(out, asOf);
        }
        List<String> ids = new ArrayList<>();
        for (double tier : settings.budgetTiersUsd()) {
            ids.add(tierId(tier));
        }
        ids.add("projection/best-open");
        if (!frontier.ready() || !hardwareTrend.ready() || asOf == null) {
            ids.forEach(this::retract);
            return;
        }
        double[] frontierLevel = frontier.levelAt(asOf);
        Growth.Rate frontierGrowth = frontier.growth();
        double[] hardwareLevel = hardwareTrend.levelAt(asOf);
        Growth.Rate hardwareGrowth = hardwareTrend.growth();
        Growth.Rate alg = algorithmicRate();
        double flopPerDollar = settings.flopPerDollar(Math.pow(10, hardwareLevel[0]));

        for (double tier : settings.budgetTiersUsd()) {
            project(out, tierId(tier), tier, "a fixed budget of " + formatUsd(tier), asOf, frontierLevel, frontierGrowth, hardwareGrowth, alg, flopPerDollar, null);
        }
        ModelRelease bestOpen = openByCompute.isEmpty() ? null : openByCompute.last();
        if (bestOpen == null) {
            retract("projection/best-open");
        } else {
            project(out, "projection/best-open", bestOpen.trainingComputeFlop() / flopPerDollar,
                    "the best open-weights model's compute (" + bestOpen.id() + ") held as a fixed budget", asOf, frontierLevel, frontierGrowth,
                    hardwareGrowth, alg, flopPerDollar, bestOpen);
        }
    }

    private void project(List<TrackerEvent> out, String id, double budgetUsd, String meekDescription, LocalDate asOf,
                         double[] frontierLevel, Growth.Rate frontierGrowth, Growth.Rate hardwareGrowth, Growth.Rate alg,
                         double flopPerDollar, ModelRelease openModel) {
        GapScenario central = scenario(budgetUsd, frontierLevel[0], frontierGrowth.oomPerYear(), hardwareGrowth.oomPerYear(),
                alg.oomPerYear(), flopPerDollar);
        // The range: the fits' 90 % intervals pushed all towards an earlier close (smaller, slower frontier,
        // faster hardware and algorithms) and all towards a later one.
        GapScenario early = scenario(budgetUsd, frontierLevel[0] - frontierLevel[1], frontierGrowth.oomLow(), hardwareGrowth.oomHigh(),
                alg.oomHigh(), flopPerDollar);
        GapScenario late = scenario(budgetUsd, frontierLevel[0] + frontierLevel[1], frontierGrowth.oomHigh(), hardwareGrowth.oomLow(),
                alg.oomLow(), flopPerDollar);
        if (central == null || early == null || late == null) {
            retract(id);
            return;
        }
        double gapToday = central.lossGap(0);
        BenchmarkMapping mmlu = BenchmarkMapping.MMLU;
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("meek", meekDescription);
        d.put("meekBudgetUsd", sig(budgetUsd));
        d.put("meekComputeFlop", sig(central.meekCompute(0)));
        d.put("frontierComputeFlop", sig(central.frontierCompute(0)));
        d.put("mmluGapPoints", sig(mmlu.gapPoints(central.meekLoss(0), central.frontierLoss(0), 1)));
        d.put("tokensToDistinguish", gapToday > 0 ? sig(Distinguishability.tokens(gapToday, 1)) : null);
        double peak = central.peakYears();
        d.put("peakDate", Dates.plusYears(asOf, peak).toString());
        d.put("peakLossGapNats", sig(central.lossGap(peak)));
        d.put("thresholdNats", settings.thresholdNats());
        OptionalDouble below = central.yearsBelowThreshold(settings.thresholdNats());
        OptionalDouble belowEarly = early.yearsBelowThreshold(settings.thresholdNats());
        OptionalDouble belowLate = late.yearsBelowThreshold(settings.thresholdNats());
        d.put("convergenceDate", below.isPresent() ? Dates.plusYears(asOf, below.getAsDouble()).toString() : null);
        d.put("convergenceDateLow", belowEarly.isPresent() ? Dates.plusYears(asOf, belowEarly.getAsDouble()).toString() : null);
        d.put("convergenceDateHigh", belowLate.isPresent() ? Dates.plusYears(asOf, belowLate.getAsDouble()).toString() : null);
        d.put("frontierGrowthPerYear", sig(Growth.timesPerYear(frontierGrowth.oomPerYear())));
        d.put("hardwareGrowthPerYear", sig(Growth.timesPerYear(hardwareGrowth.oomPerYear())));
        d.put("algorithmicGrowthPerYear", sig(Growth.timesPerYear(alg.oomPerYear())));
        d.put("flopPerDollar", sig(flopPerDollar));
        if (openModel != null) {
            d.put("openModel", openModel.id());
        }
        d.values().removeIf(v -> v == null);
        double a = early.lossGap(0);
        double b = late.lossGap(0);
        emit(out, new GapEstimate(id, "projection", asOf, sig(gapToday), "nats/token", sig(Math.min(a, b)), sig(Math.max(a, b)), null, d,
                "paper's loss gap (L(C) = " + settings.law().coefficient() + "*C^-" + settings.law().alpha() + " + "
                        + settings.law().irreducible() + ") anchored at asOf: frontier compute and growth from " + FRONTIER_COMPUTE
                        + ", FLOP per USD and its growth from " + HARDWARE + ", algorithms from " + ALGORITHMIC));
    }

    /** The paper's scenario anchored today; frontier spending grows at frontier compute growth over hardware growth. */
    private GapScenario scenario(double budgetUsd, double log10FrontierCompute, double frontierOom, double hardwareOom,
                                 double algorithmicOom, double flopPerDollar) {
        double gh = Math.pow(10, hardwareOom);
        double galg = Math.pow(10, algorithmicOom);
        double gi = Math.pow(10, frontierOom - hardwareOom);
        double frontierBudget = Math.pow(10, log10FrontierCompute) / flopPerDollar;
        if (!(gh > 0) || !(galg > 0) || !(gi > 0) || !Double.isFinite(frontierBudget) || !(flopPerDollar > 0)) {
            return null;
        }
        try {
            return new GapScenario(settings.law(), budgetUsd, frontierBudget, flopPerDollar, gh, galg, SpendingSchedule.exponential(gi));
        } catch (IllegalArgumentException outOfDomain) {
            return null;
        }
    }

    static String tierId(double usd) {
        return "projection/budget-" + String.format(Locale.ROOT, "%.0f", usd) + "-usd";
    }

    private static String formatUsd(double usd) {
        return String.format(Locale.ROOT, "$%,.0f", usd);
    }

    /** Nine significant digits: enough for any reader, and stable against re-summation in another order. */
    private static double sig(double v) {
        return round(v);
    }

    // ---------------------------------------------------------------- plumbing

    private void emitTrend(List<TrackerEvent> out, String id, TrendFit fit, LocalDate asOf, String levelName, String note) {
        if (!fit.ready() || asOf == null) {
            retract(id);
            return;
        }
        emit(out, fit.toScalingFit(id, asOf, levelName, "FLOP", Map.of(), note));
    }

    private void emit(List<TrackerEvent> out, TrackerEvent e) {
        if (e instanceof ScalingFit f) {
            if (!f.equals(fits.put(f.id(), f))) {
                out.add(f);
            }
        } else if (e instanceof GapEstimate g) {
            if (!g.equals(gaps.put(g.id(), g))) {
                out.add(g);
            }
        }
    }

    /** An output whose inputs are gone is dropped from the queryable state; the topic keeps its history. */
    private void retract(String id) {
        if (fits.remove(id) != null || gaps.remove(id) != null) {
            retracted.add(id);
        }
    }

    /** Output ids dropped since the last call, so a store of current outputs can delete them. */
    public List<String> drainRetracted() {
        List<String> r = new ArrayList<>(retracted);
        retracted.clear();
        return r;
    }

    private static void count(TreeMap<LocalDate, Integer> dates, LocalDate d, int delta) {
        if (d != null) {
            dates.merge(d, delta, (a, b) -> a + b == 0 ? null : a + b);
        }
    }

    private static LocalDate last(TreeMap<LocalDate, Integer> dates) {
        return dates == null || dates.isEmpty() ? null : dates.lastKey();
    }

    private static LocalDate latest(LocalDate a, LocalDate b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
