package dev.meektracker.streams.engine;

import dev.meektracker.core.event.GapEstimate;
import dev.meektracker.core.event.OutputIds;
import dev.meektracker.core.model.BenchmarkMapping;
import dev.meektracker.core.model.ChinchillaLaw;
import dev.meektracker.core.model.ComputeLaw;
import dev.meektracker.core.model.Distinguishability;
import dev.meektracker.core.model.GapScenario;
import dev.meektracker.core.model.SpendingSchedule;
import dev.meektracker.core.stats.Growth;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The paper's loss-gap projections, anchored at the data's latest date: a pure function of the
 * current trends ({@link Inputs}) and the settings, one projection per budget tier and one for the
 * best open-weights model's compute held as a fixed budget.
 */
final class Projections {

    /**
     * What the projections start from.
     *
     * @param asOf           the anchor date: the latest model or hardware date
     * @param frontierLevel  log10 FLOP of the frontier trend at asOf, and the half-width of its 90 % interval
     * @param frontierGrowth frontier compute growth (OOM/year) with its interval
     * @param hardwareLevel  log10 FLOP/s per USD at asOf, and its half-width
     * @param hardwareGrowth FLOP/s per USD growth with its interval
     * @param configuredAlgorithmic algorithmic progress as configured, with its published interval
     * @param fittedAlgorithmic     algorithmic progress as fitted on the algorithmic benchmark, or null before it is
     * @param bestOpen       the open-weights model with the most compute, or null
     */
    record Inputs(
            LocalDate asOf,
            double[] frontierLevel,
            Growth.Rate frontierGrowth,
            double[] hardwareLevel,
            Growth.Rate hardwareGrowth,
            Growth.Rate configuredAlgorithmic,
            Growth.Rate fittedAlgorithmic,
            Model bestOpen) {}

    /** Besiroglu et al.'s replication, reduced to L(C): the other law of the sensitivity table. */
    private static final ComputeLaw BESIROGLU = ChinchillaLaw.named("besiroglu").reduce();
    /** How far back a peak that already passed is looked for, years. */
    private static final double PAST_YEARS = 50;

    private Projections() {}

    /** Every projection id the settings call for, in output order. */
    static List<String> ids(EngineSettings settings) {
        List<String> ids = new ArrayList<>();
        for (double tier : settings.budgetTiersUsd()) {
            ids.add(OutputIds.tierProjection(tier));
        }
        ids.add(OutputIds.BEST_OPEN_PROJECTION);
        return ids;
    }

    /** Each configured tier's words, made once: formatting them at every checkpoint showed in the profile. */
    private static final Map<Double, String> TIER_NAMES = new ConcurrentHashMap<>();

    /** The projections by id, in output order; a null value means the projection cannot be made (to retract). */
    static Map<String, GapEstimate> project(EngineSettings settings, Inputs in) {
        Map<String, GapEstimate> out = new LinkedHashMap<>();
        double flopPerDollar = settings.flopPerDollar(Math.pow(10, in.hardwareLevel()[0]));
        for (double tier : settings.budgetTiersUsd()) {
            String id = OutputIds.tierProjection(tier);
            out.put(
                    id,
                    project(
                            settings,
                            in,
                            id,
                            tier,
                            TIER_NAMES.computeIfAbsent(
                                    tier, t -> "a fixed budget of " + String.format(Locale.ROOT, "$%,.0f", t)),
                            flopPerDollar,
                            null));
        }
        Model open = in.bestOpen();
        out.put(
                OutputIds.BEST_OPEN_PROJECTION,
                open == null
                        ? null
                        : project(
                                settings,
                                in,
                                OutputIds.BEST_OPEN_PROJECTION,
                                open.compute() / flopPerDollar,
                                "the best open-weights model's compute (" + open.id() + ") held as a fixed budget",
                                flopPerDollar,
                                open));
        return out;
    }

    private static GapEstimate project(
            EngineSettings settings,
            Inputs in,
            String id,
            double budgetUsd,
            String meekDescription,
            double flopPerDollar,
            Model openModel) {
        double[] level = in.frontierLevel();
        Growth.Rate frontier = in.frontierGrowth();
        Growth.Rate hardware = in.hardwareGrowth();
        boolean useFitted = settings.algorithmicFitted() && in.fittedAlgorithmic() != null;
        Growth.Rate alg = useFitted ? in.fittedAlgorithmic() : in.configuredAlgorithmic();
        Growth.Rate otherAlg = useFitted ? in.configuredAlgorithmic() : in.fittedAlgorithmic();
        GapScenario central = scenario(
                settings.law(),
                settings,
                budgetUsd,
                level[0],
                frontier.oomPerYear(),
                hardware.oomPerYear(),
                alg.oomPerYear(),
                flopPerDollar);
        // The range: the fits' 90 % intervals pushed all towards an earlier close (smaller, slower frontier,
        // faster hardware and algorithms) and all towards a later one.
        GapScenario early = scenario(
                settings.law(),
                settings,
                budgetUsd,
                level[0] - level[1],
                frontier.oomLow(),
                hardware.oomHigh(),
                alg.oomHigh(),
                flopPerDollar);
        GapScenario late = scenario(
                settings.law(),
                settings,
                budgetUsd,
                level[0] + level[1],
                frontier.oomHigh(),
                hardware.oomLow(),
                alg.oomLow(),
                flopPerDollar);
        if (central == null || early == null || late == null) {
            return null;
        }
        LocalDate asOf = in.asOf();
        double gapToday = central.lossGap(0);
        BenchmarkMapping mmlu = BenchmarkMapping.MMLU;
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("meek", meekDescription);
        d.put("meekBudgetUsd", Numbers.sig(budgetUsd));
        d.put("meekComputeFlop", Numbers.sig(central.meekCompute(0)));
        d.put("frontierComputeFlop", Numbers.sig(central.frontierCompute(0)));
        d.put("mmluGapPoints", Numbers.sig(mmlu.gapPoints(central.meekLoss(0), central.frontierLoss(0), 1)));
        d.put("tokensToDistinguish", gapToday > 0 ? Numbers.sig(Distinguishability.tokens(gapToday, 1)) : null);
        // The peak may lie in the past: a tier far below the frontier passed it long ago.
        double peak = central.peakYears(-PAST_YEARS, GapScenario.SEARCH_HORIZON_YEARS);
        d.put("peakDate", Dates.plusYears(asOf, peak).toString());
        d.put("peakLossGapNats", Numbers.sig(central.lossGap(peak)));
        d.put("peakPassed", peak < 0);
        double threshold = settings.thresholdNats();
        d.put("thresholdNats", threshold);
        // Each scenario's crossing is solved once and passed on: a solve is a scan of the gap over decades.
        OptionalDouble below = central.yearsBelowThreshold(threshold);
        OptionalDouble lateBelow = late.yearsBelowThreshold(threshold);
        d.put("status", status(central, below, threshold, asOf));
        d.put("convergenceDate", dateAfter(asOf, below));
        d.put("convergenceDateLow", dateAfter(asOf, early.yearsBelowThreshold(threshold)));
        d.put("convergenceDateHigh", dateAfter(asOf, lateBelow));
        d.put(
                "algorithmicSource",
                useFitted
                        ? "fitted"
                        : settings.algorithmicFitted()
                                ? "configured (fitted requested, not yet available)"
                                : "configured");
        d.put("algorithmicGrowthLow", Numbers.sig(Growth.timesPerYear(alg.oomLow())));
        d.put("algorithmicGrowthHigh", Numbers.sig(Growth.timesPerYear(alg.oomHigh())));
        if (otherAlg != null) {
            GapScenario other = scenario(
                    settings.law(),
                    settings,
                    budgetUsd,
                    level[0],
                    frontier.oomPerYear(),
                    hardware.oomPerYear(),
                    otherAlg.oomPerYear(),
                    flopPerDollar);
            d.put("otherAlgorithmicSource", useFitted ? "configured" : "fitted");
            d.put("otherAlgorithmicGrowthPerYear", Numbers.sig(Growth.timesPerYear(otherAlg.oomPerYear())));
            d.put("convergenceDateOtherSource", other == null ? null : convergence(other, threshold, asOf));
        }
        Map<String, String> sensitivity = new LinkedHashMap<>();
        for (Map.Entry<String, ComputeLaw> law :
                Map.of("paper law", settings.law(), "besiroglu law", BESIROGLU).entrySet().stream()
                        .sorted(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder()))
                        .toList()) {
            for (Map.Entry<String, Growth.Rate> source : sources(in).entrySet()) {
                // The configured law under the source in force is the central scenario: no need to solve it again.
                if (law.getKey().equals("paper law") && source.getValue() == alg) {
                    sensitivity.put(
                            law.getKey() + ", " + source.getKey() + " algorithms",
                            convergence(central, () -> below, asOf));
                    continue;
                }
                GapScenario s = scenario(
                        law.getValue(),
                        settings,
                        budgetUsd,
                        level[0],
                        frontier.oomPerYear(),
                        hardware.oomPerYear(),
                        source.getValue().oomPerYear(),
                        flopPerDollar);
                sensitivity.put(
                        law.getKey() + ", " + source.getKey() + " algorithms",
                        s == null ? "undefined" : convergence(s, threshold, asOf));
            }
        }
        d.put("sensitivity", sensitivity);
        d.put("trajectory", trajectory(central, early, late, asOf, peak, below, lateBelow));
        d.put("frontierGrowthPerYear", Numbers.sig(Growth.timesPerYear(frontier.oomPerYear())));
        d.put("hardwareGrowthPerYear", Numbers.sig(Growth.timesPerYear(hardware.oomPerYear())));
        d.put("algorithmicGrowthPerYear", Numbers.sig(Growth.timesPerYear(alg.oomPerYear())));
        d.put("flopPerDollar", Numbers.sig(flopPerDollar));
        if (openModel != null) {
            d.put("openModel", openModel.id());
        }
        d.values().removeIf(v -> v == null);
        double a = early.lossGap(0);
        double b = late.lossGap(0);
        return new GapEstimate(
                id,
                "projection",
                asOf,
                Numbers.sig(gapToday),
                "nats/token",
                Numbers.sig(Math.min(a, b)),
                Numbers.sig(Math.max(a, b)),
                null,
                d,
                "paper's loss gap (L(C) = " + settings.law().coefficient() + "*C^-"
                        + settings.law().alpha() + " + "
                        + settings.law().irreducible() + ") anchored at asOf: frontier compute and growth from "
                        + OutputIds.FRONTIER_COMPUTE
                        + ", FLOP per USD and its growth from " + OutputIds.HARDWARE + ", algorithms from "
                        + OutputIds.ALGORITHMIC);
    }

    /** Points of the trajectory a chart draws: enough for a smooth curve over decades, few enough to publish often. */
    static final int TRAJECTORY_POINTS = 81;

    /**
     * ΔL(t) from asOf on, for the chart of the gap's path: the central scenario and the range the
     * early and late scenarios span at each date. It runs past the later of the peak and the late
     * scenario's convergence by a quarter (at least 10 years, at most 60, so a tier that never
     * converges still draws its next decades).
     */
    private static Map<String, Object> trajectory(
            GapScenario central,
            GapScenario early,
            GapScenario late,
            LocalDate asOf,
            double peakYears,
            OptionalDouble centralBelow,
            OptionalDouble lateBelow) {
        double end = Math.max(peakYears, centralBelow.orElse(0));
        if (lateBelow.isPresent()) {
            end = Math.max(end, lateBelow.getAsDouble());
        }
        double horizon = Math.min(60, Math.max(10, end * 1.25));
        List<String> dates = new ArrayList<>(TRAJECTORY_POINTS);
        List<Double> mid = new ArrayList<>(TRAJECTORY_POINTS);
        List<Double> low = new ArrayList<>(TRAJECTORY_POINTS);
        List<Double> high = new ArrayList<>(TRAJECTORY_POINTS);
        for (int i = 0; i < TRAJECTORY_POINTS; i++) {
            double t = horizon * i / (TRAJECTORY_POINTS - 1);
            double a = early.lossGap(t);
            double b = late.lossGap(t);
            dates.add(Dates.plusYears(asOf, t).toString());
            mid.add(Numbers.sig(central.lossGap(t), 5));
            low.add(Numbers.sig(Math.min(a, b), 5));
            high.add(Numbers.sig(Math.max(a, b), 5));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("unit", "nats/token");
        m.put("dates", dates);
        m.put("lossGap", mid);
        m.put("low", low);
        m.put("high", high);
        return m;
    }

    private static Map<String, Growth.Rate> sources(Inputs in) {
        Map<String, Growth.Rate> m = new LinkedHashMap<>();
        m.put("configured", in.configuredAlgorithmic());
        if (in.fittedAlgorithmic() != null) {
            m.put("fitted", in.fittedAlgorithmic());
        }
        return m;
    }

    /** The date the gap falls below the threshold for good, or what stands in for it, in words. */
    private static String convergence(GapScenario s, double threshold, LocalDate asOf) {
        return convergence(s, () -> s.yearsBelowThreshold(threshold), asOf);
    }

    /** The same, with the crossing {@link GapScenario#yearsBelowThreshold} gives, solved only when there is a gap. */
    private static String convergence(GapScenario s, Supplier<OptionalDouble> crossing, LocalDate asOf) {
        if (s.lossGap(0) <= 0) {
            return "no gap today";
        }
        OptionalDouble below = crossing.get();
        if (below.isEmpty()) {
            return "not within " + (int) GapScenario.SEARCH_HORIZON_YEARS + " years";
        }
        return below.getAsDouble() == 0
                ? "already below"
                : Dates.plusYears(asOf, below.getAsDouble()).toString();
    }

    /** Where the tier stands, in words a reader can take as they are. */
    private static String status(GapScenario s, OptionalDouble below, double threshold, LocalDate asOf) {
        if (s.lossGap(0) <= 0) {
            return "the meek budget buys at least the frontier trend's compute today: no gap to close";
        }
        if (below.isEmpty()) {
            return "stays above " + threshold + " nats/token for the next " + (int) GapScenario.SEARCH_HORIZON_YEARS
                    + " years";
        }
        if (below.getAsDouble() == 0) {
            return "already within " + threshold + " nats/token of the frontier, and stays within it";
        }
        return "falls below " + threshold + " nats/token on " + Dates.plusYears(asOf, below.getAsDouble());
    }

    /** The date after {@code years}, or null when the gap is already below the threshold or never falls below it. */
    private static String dateAfter(LocalDate asOf, OptionalDouble years) {
        return years.isPresent() && years.getAsDouble() > 0
                ? Dates.plusYears(asOf, years.getAsDouble()).toString()
                : null;
    }

    /** The paper's scenario anchored today; frontier spending grows at frontier compute growth over hardware growth. */
    private static GapScenario scenario(
            ComputeLaw law,
            EngineSettings settings,
            double budgetUsd,
            double log10FrontierCompute,
            double frontierOom,
            double hardwareOom,
            double algorithmicOom,
            double flopPerDollar) {
        double gh = Math.pow(10, hardwareOom);
        double galg = Math.pow(10, algorithmicOom);
        double gi = Math.pow(10, frontierOom - hardwareOom);
        double frontierBudget = Math.pow(10, log10FrontierCompute) / flopPerDollar;
        if (!(gh > 0) || !(galg > 0) || !(gi > 0) || !Double.isFinite(frontierBudget) || !(flopPerDollar > 0)) {
            return null;
        }
        try {
            return new GapScenario(
                    law, budgetUsd, frontierBudget, flopPerDollar, gh, galg, SpendingSchedule.exponential(gi));
        } catch (IllegalArgumentException outOfDomain) {
            return null;
        }
    }
}
