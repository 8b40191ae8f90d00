package dev.meektracker.streams.engine;

import dev.meektracker.core.event.GapEstimate;
import dev.meektracker.core.event.ModelRelease;
import dev.meektracker.core.event.OutputIds;
import dev.meektracker.core.event.Weights;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Predicate;

/**
 * Model releases: the current version of each model, frontier membership (a model is frontier when
 * its compute is among the N largest released up to its date), the two trend fits over the frontier
 * (all models, open weights only) and the compute gap between the closed and open leaders.
 */
final class ComputeFrontier {

    // Written out rather than chained with Comparator.comparing: these orders run on every insert into
    // the sorted indices (of up to a million entries each), and the chained form boxes and
    // dispatches through several lambdas per compare. (SortedChunksBenchmark measures them.)
    static final Comparator<Model> BY_DATE = (a, b) -> {
        int c = Long.compare(a.day(), b.day());
        return c != 0 ? c : Model.compareIds(a, b);
    };
    static final Comparator<Model> BY_COMPUTE = (a, b) -> {
        int c = Double.compare(a.compute(), b.compute());
        return c != 0 ? c : Model.compareIds(a, b);
    };

    private final EngineSettings settings;
    private final CurrentItems<Model> models = new CurrentItems<Model>(Model::hasId, Model::date);
    /** Models with known compute, in release order, for frontier membership. */
    private final SortedChunks<Model> byDate = new SortedChunks<>(BY_DATE, Model::day);
    /** The same models by compute, per weights class (open, closed, unknown), for leaders and frontier ranks. */
    private final SortedChunks<Model> openByCompute = new SortedChunks<>(BY_COMPUTE, Model::compute, true);

    private final ReachSet<Model> closedByCompute = new ReachSet<>(BY_COMPUTE, Model::compute, Model::date);
    private final SortedChunks<Model> unknownByCompute = new SortedChunks<>(BY_COMPUTE, Model::compute, true);
    /**
     * Every model by compute, for the frontier's ranks: the three classes walked together ({@link
     * #largestFirst}), not an order of its own, whose insert into an index of every model was one more
     * binary search and copy per release (without it, seven alternating JVM pairs of the engine
     * bench: 0.89 of the time per event at 10^3 items of history, 0.90 at 10^6; docs/PERFORMANCE.md).
     */
    private final Iterable<Model> allLargestFirst =
            () -> largestFirst(openByCompute.descending(), closedByCompute.descending(), unknownByCompute.descending());

    private final SortedChunks<Model> openByDate = new SortedChunks<>(BY_DATE, Model::day);
    /** The largest computes released before a date, of every model and of the open-weights ones. */
    private final TopBefore allTop;

    private final TopBefore openTop;

    private final int walk;
    /** log10 compute by date of the models the compute gap counts, per weights class, for the catch-up lag. */
    private final ScoresByDate openLag = new ScoresByDate();

    private final ScoresByDate closedLag = new ScoresByDate();
    private final TrendFit frontier = new TrendFit();
    private final TrendFit openFrontier = new TrendFit();
    /** Each fit's bit in {@link Model#inFit}. */
    private static final int FRONTIER = 1;

    private static final int OPEN_FRONTIER = 2;
    private boolean dirty;
    private boolean lagDirty;
    private boolean changedSinceCheckpoint;

    ComputeFrontier(EngineSettings settings) {
        this(settings, WALK);
    }

    /** @param walk steps before {@link TopBefore} answers instead of a walk ({@link #WALK}; tests lower it) */
    ComputeFrontier(EngineSettings settings, int walk) {
        this.settings = settings;
        this.walk = walk;
        this.allTop = new TopBefore(settings.frontierTopN() + 1, byDate);
        this.openTop = new TopBefore(settings.frontierTopN() + 1, openByDate);
    }

    /** True when the engine holds this model with the same fields its outputs read. */
    boolean isCurrent(ModelRelease m) {
        return models.isCurrent(m.id(), Model.of(m));
    }

    /** Applies a new version of a model; false when it is the version already held. */
    boolean upsert(ModelRelease release) {
        Model m = Model.of(release);
        return models.put(release.id(), m, (old, neu) -> {
            if (old != null) {
                forget(old);
            }
            if (neu.hasCompute()) {
                index(neu);
            }
            changed(old, neu);
        });
    }

    /** Removes a model; false when it was not there. */
    boolean delete(String id) {
        return models.remove(id, old -> {
            forget(old);
            changed(old, null);
        });
    }

    boolean dirty() {
        return dirty;
    }

    /** The latest release date among current models. */
    LocalDate asOf() {
        return models.last();
    }

    TrendFit frontierFit() {
        return frontier;
    }

    TrendFit openFrontierFit() {
        return openFrontier;
    }

    /** Whether a model is a point of the frontier's fit, or of the open-weights frontier's. */
    boolean inFit(String id, boolean openWeights) {
        Model m = models.get(id);
        return m != null && m.inFit(openWeights ? OPEN_FRONTIER : FRONTIER);
    }

    /** The open-weights model with the most training compute, or null. */
    Model bestOpen() {
        return openByCompute.isEmpty() ? null : openByCompute.last();
    }

    private void forget(Model old) {
        if (old.hasCompute()) {
            Model k = old;
            if (byDate.remove(k)) {
                allTop.remove(k);
            }
            openByCompute.remove(k);
            closedByCompute.remove(k);
            unknownByCompute.remove(k);
            if (openByDate.remove(k)) {
                openTop.remove(k);
            }
            lagScores(old).ifPresent(s -> s.remove(old.date(), Math.log10(old.compute())));
        }
    }

    private void index(Model m) {
        Model k = m;
        if (byDate.add(k)) {
            allTop.add(k);
        }
        if (m.weights() == Weights.OPEN) {
            openByCompute.add(k);
            if (openByDate.add(k)) {
                openTop.add(k);
            }
        } else if (m.weights() == Weights.CLOSED) {
            closedByCompute.add(k);
        } else {
            unknownByCompute.add(k);
        }
        lagScores(m).ifPresent(s -> s.add(m.date(), Math.log10(m.compute())));
    }

    /** The catch-up lag's side a model with compute belongs to: none when its weights are unknown or its compute does not count. */
    private java.util.Optional<ScoresByDate> lagScores(Model m) {
        if (!counts(m)) {
            return java.util.Optional.empty();
        }
        return switch (m.weights()) {
            case OPEN -> java.util.Optional.of(openLag);
            case CLOSED -> java.util.Optional.of(closedLag);
            default -> java.util.Optional.empty();
        };
    }

    private void changed(Model old, Model neu) {
        updateMembership(frontier, FRONTIER, byDate, allLargestFirst, allTop, old, neu, m -> true);
        updateMembership(
                openFrontier,
                OPEN_FRONTIER,
                openByDate,
                openByCompute.descending(),
                openTop,
                old,
                neu,
                m -> m.weights() == Weights.OPEN);
        dirty = true;
        lagDirty = true;
        changedSinceCheckpoint = true;
    }

    /**
     * True once after the models changed since the last checkpoint, for the compute lag at checkpoints;
     * the full lag (with its interval) is then due again, as for the benchmarks' lags.
     */
    boolean drainChangedSinceCheckpoint() {
        boolean d = changedSinceCheckpoint;
        changedSinceCheckpoint = false;
        lagDirty |= d;
        return d;
    }

    /** True once after the models changed, for the compute catch-up lag. */
    boolean drainLagDirty() {
        boolean d = lagDirty;
        lagDirty = false;
        return d;
    }

    boolean lagDirty() {
        return lagDirty;
    }

    private static final String[] CONFIDENCE = {"any", "speculative", "likely", "confident"};

    /** Whether a model's compute estimate is confident enough for the compute gap (meek.gap.compute.confidence). */
    boolean counts(Model m) {
        return m.confidence() >= settings.computeConfidence();
    }

    private Model first(java.util.Collection<Model> largestFirst) {
        for (Model k : largestFirst) {
            if (counts(k)) {
                return k;
            }
        }
        return null;
    }

    /** log10 compute by release date of the open-weights models confident enough for the compute gap. */
    ScoresByDate openLagScores() {
        return openLag;
    }

    /** log10 compute by release date of the closed-weights models confident enough for the compute gap. */
    ScoresByDate closedLagScores() {
        return closedLag;
    }

    /** Builds the two trends and the compute gap into {@code out}. */
    void emit(Outputs out) {
        dirty = false;
        LocalDate asOf = models.last();
        emitTrend(
                out,
                OutputIds.FRONTIER_COMPUTE,
                frontier,
                asOf,
                "frontierComputeToday",
                "models whose compute was among the " + settings.frontierTopN()
                        + " largest released up to their date, from " + settings.fitStart());
        emitTrend(
                out,
                OutputIds.OPEN_COMPUTE,
                openFrontier,
                asOf,
                "openComputeToday",
                "open-weights models whose compute was among the " + settings.frontierTopN()
                        + " largest open-weights computes released up to their date, from " + settings.fitStart());
        emitGap(out, asOf);
    }

    private static void emitTrend(Outputs out, String id, TrendFit fit, LocalDate asOf, String levelName, String note) {
        if (!fit.ready() || asOf == null) {
            out.retract(id);
            return;
        }
        out.emit(fit.toScalingFit(id, asOf, levelName, "FLOP", Map.of(), note));
    }

    private void emitGap(Outputs out, LocalDate asOf) {
        if (openByCompute.isEmpty() || closedByCompute.isEmpty()) {
            out.retract(OutputIds.COMPUTE_GAP);
            return;
        }
        Model bestOpen;
        Model bestClosed;
        LocalDate reached;
        Map<String, Object> d = new LinkedHashMap<>();
        if (settings.computeConfidence() == 0) {
            bestOpen = openByCompute.last();
            bestClosed = closedByCompute.last();
            reached = closedByCompute.earliestAtOrAbove(bestOpen.compute());
        } else {
            // Filtered: walk down from the largest to the first confident enough model; the walks are
            // short, the leaders sit at the top.
            bestOpen = first(openByCompute.descending());
            bestClosed = first(closedByCompute.descending());
            if (bestOpen == null || bestClosed == null) {
                out.retract(OutputIds.COMPUTE_GAP);
                return;
            }
            reached = null;
            for (Model k : closedByCompute.descending()) {
                if (k.compute() < bestOpen.compute()) {
                    break;
                }
                if (counts(k) && (reached == null || k.date().isBefore(reached))) {
                    reached = k.date();
                }
            }
            d.put("computeConfidenceAtLeast", CONFIDENCE[settings.computeConfidence()]);
        }
        d.put("closedLeader", bestClosed.id());
        d.put("closedLeaderComputeFlop", bestClosed.compute());
        d.put("openLeader", bestOpen.id());
        d.put("openLeaderComputeFlop", bestOpen.compute());
        d.put("closedFirstReachedOpenLeaderDate", reached == null ? null : reached.toString());
        d.values().removeIf(v -> v == null);
        double lag = reached == null ? 0 : Dates.monthsBetween(reached, asOf);
        out.emit(new GapEstimate(
                OutputIds.COMPUTE_GAP,
                "compute",
                asOf,
                Math.log10(bestClosed.compute() / bestOpen.compute()),
                "orders of magnitude",
                null,
                null,
                lag,
                d,
                "largest closed-weights over largest open-weights training compute released up to asOf; lag from the first "
                        + "closed model at or above the open leader's compute"));
    }

    /**
     * Keeps frontier membership current after a model changed. Membership of a model depends only on
     * models released up to its date, so nothing before the earliest date the change touches can
     * move: the top N released before that date come from a walk down the compute-sorted set
     * (skipping later models) while that is short, else from {@code tops}, then models from that date
     * on are swept, until the N largest up to the sweep's date are the same values as they were
     * before the change (as when the N-th largest is above both the old and the new compute): the
     * same models join both from then on, so no later threshold, and no later membership, moves. A
     * new release, the normal case, costs O(N + models on its date); a late arrival or correction,
     * the models released while it ranked among the N largest, not the history after it (which at
     * 10^5 items cost 2.5 ms a corrected model).
     */
    private void updateMembership(
            TrendFit fit,
            int bit,
            SortedChunks<Model> eligibleByDate,
            Iterable<Model> largestFirst,
            TopBefore tops,
            Model old,
            Model neu,
            Predicate<Model> eligible) {
        boolean oldCounts = old != null && old.hasCompute() && eligible.test(old);
        boolean newCounts = neu != null && neu.hasCompute() && eligible.test(neu);
        if (!oldCounts && !newCounts) {
            return;
        }
        if (oldCounts && newCounts && old.day() == neu.day() && old.compute() == neu.compute()) {
            // Another name, organisation or (for the fit of every model) weights: the same date and
            // compute rank the same, and nobody else's threshold moves.
            boolean member = old.inFit(bit);
            setMembership(fit, bit, old, false);
            setMembership(fit, bit, neu, member);
            return;
        }
        long fromDay = oldCounts && newCounts ? Math.min(old.day(), neu.day()) : oldCounts ? old.day() : neu.day();
        long lastDay = oldCounts && newCounts ? Math.max(old.day(), neu.day()) : oldCounts ? old.day() : neu.day();
        double largest = Math.max(
                oldCounts ? old.compute() : Double.NEGATIVE_INFINITY,
                newCounts ? neu.compute() : Double.NEGATIVE_INFINITY);
        if (oldCounts) {
            setMembership(fit, bit, old, false);
        }
        int n = settings.frontierTopN();
        if (oldCounts && atLeastUpTo(largestFirst, tops, old.compute(), old.day(), n, walk) >= n) {
            // N others had at least the old compute up to its date, so from then on the N-th largest
            // up to any date was theirs, with the old version or without it (the N-th largest only
            // grows with the date). When the new version is as far down at its own date, the two
            // leave every threshold where it was: only the model's own membership changes. Most
            // corrections are of such models, and each swept at least every model of its date (a few
            // hundred a day at 10^6 synthetic items: 211 us a corrected model at 10^5, 279 at 10^6).
            // The count takes in the new version where the indices hold it (at or before the old date,
            // with at least the old compute); that matters only with the new version's own check
            // below, which then finds N others at or above a compute no lower, by a date no later.
            if (!newCounts) {
                return;
            }
            int[] ranks = ranksAmongEarlier(largestFirst, tops, neu, n, walk);
            if (ranks[1] >= n) {
                setMembership(fit, bit, neu, ranks[0] < n);
                return;
            }
        }
        if (!oldCounts) {
            int[] ranks = ranksAmongEarlier(largestFirst, tops, neu, n, walk);
            if (ranks[0] >= n) {
                // A new model that is not frontier at its own date changes nobody's membership: the N-th
                // largest compute up to any later date is at least the one up to its date. This holds on
                // the latest date too, where it saves sweeping every model released that day. (A new
                // version is a new object, in no fit yet.)
                return;
            }
            if (ranks[1] >= n) {
                // Fewer than N larger but N others as large: the N-th largest up to its date is its own
                // compute, so it is frontier, and adding it moves no threshold (up to any later date the
                // N-th largest is at least that compute already). Only its own membership changes. Ties
                // at the top are common (compute estimates share round figures), and without this each
                // tied release swept every model of its date.
                setMembership(fit, bit, neu, true);
                return;
            }
        }
        LargestValues top = new LargestValues(n);
        int steps = 0;
        for (Model k : largestFirst) {
            if (top.size() >= n) {
                break;
            }
            if (++steps > walk) {
                top = tops.largestBefore(Math.toIntExact(fromDay), n);
                break;
            }
            if (k.day() < fromDay) {
                top.offer(k.compute());
            }
        }
        // The N largest as they were before the change, beside those after it: once the two agree
        // past the change's dates, every later threshold is the same (the same models join both). The
        // old compute joins at once: before its date the two are not compared.
        LargestValues before = new LargestValues(top);
        if (oldCounts) {
            before.offer(old.compute());
        }
        // With both versions counted, the N-th largest up to a date is max(o_N, min(x, o_N-1)), o_k being
        // the k-th largest of the other models up to it and x the old or the new compute. Where fewer
        // than N - 1 others in all of history have more than the lower of the two, o_N-1 never rises
        // above it, and both thresholds are o_N-1 at every date from the later of the two dates on:
        // nothing after it moves, though the two sets of N largest differ to the end (a model among
        // the largest of all time, corrected, swept every model released after it).
        boolean settled =
                oldCounts && newCounts && fewerAbove(largestFirst, neu, Math.min(old.compute(), neu.compute()), n - 1);
        List<Model> sameDate = new ArrayList<>();
        long current = Long.MIN_VALUE;
        for (Model k : eligibleByDate.from(Model.probe(fromDay))) {
            if (k.day() != current) {
                decide(fit, bit, sameDate, top, n);
                if (current >= lastDay
                        && (settled || (top.size() >= n && top.smallest() > largest) || top.sameValues(before))) {
                    break;
                }
                current = k.day();
            }
            sameDate.add(k);
            top.offer(k.compute());
            if (k != neu) {
                before.offer(k.compute());
            }
        }
        decide(fit, bit, sameDate, top, n);
    }

    /**
     * Steps a walk down the compute order takes before {@link TopBefore} answers instead: enough for
     * a release at the latest date, where the largest models all came before it.
     */
    static final int WALK = 64;

    /** Models of one date are frontier when their compute is at least the N-th largest released up to that date. */
    private void decide(TrendFit fit, int bit, List<Model> sameDate, LargestValues top, int n) {
        double threshold = top.size() < n ? Double.NEGATIVE_INFINITY : top.smallest();
        for (Model k : sameDate) {
            setMembership(fit, bit, k, k.compute() >= threshold);
        }
        sameDate.clear();
    }

    /**
     * How many other models released up to m's date have more compute than m, and how many at least
     * as much, each counted no further than {@code limit}: from a walk down the compute order while
     * it is short ({@code walk} steps), else from the largest computes up to its date ({@code tops},
     * which holds m).
     */
    private static int[] ranksAmongEarlier(Iterable<Model> largestFirst, TopBefore tops, Model m, int limit, int walk) {
        double compute = m.compute();
        long day = m.day();
        int above = 0;
        int atLeast = 0;
        int steps = 0;
        for (Model o : largestFirst) {
            if (atLeast >= limit || o.compute() < compute) {
                return new int[] {above, atLeast};
            }
            if (++steps > walk) {
                break;
            }
            if (o.day() <= day && !o.sameId(m)) {
                atLeast++;
                above += o.compute() > compute ? 1 : 0;
            }
        }
        if (steps <= walk) {
            return new int[] {above, atLeast};
        }
        // limit + 1 values: m's own among them unless limit others are above it.
        LargestValues largest = tops.largestBefore(Math.toIntExact(day) + 1, limit + 1);
        above = largest.countAbove(compute);
        atLeast = largest.countAtLeast(compute) - 1;
        return new int[] {Math.min(above, limit), Math.min(Math.max(atLeast, 0), limit)};
    }

    /** Whether fewer than {@code limit} models other than {@code self} have more than {@code compute}, at any date. */
    private static boolean fewerAbove(Iterable<Model> largestFirst, Model self, double compute, int limit) {
        if (limit <= 0) {
            return false;
        }
        int above = 0;
        for (Model o : largestFirst) {
            if (o.compute() <= compute) {
                return true;
            }
            if (o != self && ++above >= limit) {
                return false;
            }
        }
        return true;
    }

    /**
     * How many models in the indices, released up to {@code day}, have at least {@code compute},
     * counted no further than {@code limit}: from a walk down the compute order while it is short
     * ({@code walk} steps), else from the largest computes up to that day ({@code tops}).
     */
    private static int atLeastUpTo(
            Iterable<Model> largestFirst, TopBefore tops, double compute, long day, int limit, int walk) {
        int atLeast = 0;
        int steps = 0;
        for (Model o : largestFirst) {
            if (atLeast >= limit || o.compute() < compute) {
                return atLeast;
            }
            if (++steps > walk) {
                break;
            }
            if (o.day() <= day) {
                atLeast++;
            }
        }
        if (steps <= walk) {
            return atLeast;
        }
        return tops.largestBefore(Math.toIntExact(day) + 1, limit).countAtLeast(compute);
    }

    /**
     * The models of three compute-sorted sets, largest compute first. Models of equal compute come in
     * no fixed order between the sets: the walks that read this ({@link #updateMembership}, {@link
     * #ranksAmongEarlier}) take the N largest values and count models at or above a value, which ties do
     * not change. Comparing the compute figures alone keeps each step to two comparisons of doubles.
     */
    private static Iterator<Model> largestFirst(Iterable<Model> a, Iterable<Model> b, Iterable<Model> c) {
        Iterator<Model> ia = a.iterator();
        Iterator<Model> ib = b.iterator();
        Iterator<Model> ic = c.iterator();
        return new Iterator<Model>() {
            private Model ha = ia.hasNext() ? ia.next() : null;
            private Model hb = ib.hasNext() ? ib.next() : null;
            private Model hc = ic.hasNext() ? ic.next() : null;

            @Override
            public boolean hasNext() {
                return ha != null || hb != null || hc != null;
            }

            @Override
            public Model next() {
                Model t;
                if (ha != null
                        && (hb == null || ha.compute() >= hb.compute())
                        && (hc == null || ha.compute() >= hc.compute())) {
                    t = ha;
                    ha = ia.hasNext() ? ia.next() : null;
                } else if (hb != null && (hc == null || hb.compute() >= hc.compute())) {
                    t = hb;
                    hb = ib.hasNext() ? ib.next() : null;
                } else if (hc != null) {
                    t = hc;
                    hc = ic.hasNext() ? ic.next() : null;
                } else {
                    throw new NoSuchElementException();
                }
                return t;
            }
        };
    }

    private void setMembership(TrendFit fit, int bit, Model m, boolean member) {
        boolean in = member && m.day() >= settings.fitStart().toEpochDay();
        if (in == m.inFit(bit)) {
            // A sweep re-decides every model of a date, and most keep their place.
            return;
        }
        // The point comes from the version held, which is what leaves when the model changes: the
        // same date and value, to the bit, as the fit needs to take it out again.
        if (in) {
            fit.add(m.date(), Math.log10(m.compute()));
        } else {
            fit.remove(m.date(), Math.log10(m.compute()));
        }
        m.setInFit(bit, in);
    }
}
