package dev.meektracker.streams.engine;

import dev.meektracker.core.event.GapEstimate;
import dev.meektracker.core.event.ModelRelease;
import dev.meektracker.core.event.OutputIds;
import dev.meektracker.core.model.BenchmarkMapping;
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
     * @param algorithmic    algorithmic progress in force, with its interval
     * @param bestOpen       the open-weights model with the most compute, or null
     */
    record Inputs(
            LocalDate asOf,
            double[] frontierLevel,
            Growth.Rate frontierGrowth,
            double[] hardwareLevel,
            Growth.Rate hardwareGrowth,
            Growth.Rate algorithmic,
            ModelRelease bestOpen) {}

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
                            "a fixed budget of " + String.format(Locale.ROOT, "$%,.0f", tier),
                            flopPerDollar,
                            null));
        }
        ModelRelease open = in.bestOpen();
        out.put(
                OutputIds.BEST_OPEN_PROJECTION,
                open == null
                        ? null
                        : project(
                                settings,
                                in,
                                OutputIds.BEST_OPEN_PROJECTION,
                                open.trainingComputeFlop() / flopPerDollar,
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
            ModelRelease openModel) {
        double[] level = in.frontierLevel();
        Growth.Rate frontier = in.frontierGrowth();
        Growth.Rate hardware = in.hardwareGrowth();
        Growth.Rate alg = in.algorithmic();
        GapScenario central = scenario(
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
                settings,
                budgetUsd,
                level[0] - level[1],
                frontier.oomLow(),
                hardware.oomHigh(),
                alg.oomHigh(),
                flopPerDollar);
        GapScenario late = scenario(
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
        double peak = central.peakYears();
        d.put("peakDate", Dates.plusYears(asOf, peak).toString());
        d.put("peakLossGapNats", Numbers.sig(central.lossGap(peak)));
        d.put("thresholdNats", settings.thresholdNats());
        OptionalDouble below = central.yearsBelowThreshold(settings.thresholdNats());
        OptionalDouble belowEarly = early.yearsBelowThreshold(settings.thresholdNats());
        OptionalDouble belowLate = late.yearsBelowThreshold(settings.thresholdNats());
        d.put("convergenceDate", dateAfter(asOf, below));
        d.put("convergenceDateLow", dateAfter(asOf, belowEarly));
        d.put("convergenceDateHigh", dateAfter(asOf, belowLate));
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

    private static String dateAfter(LocalDate asOf, OptionalDouble years) {
        return years.isPresent() ? Dates.plusYears(asOf, years.getAsDouble()).toString() : null;
    }

    /** The paper's scenario anchored today; frontier spending grows at frontier compute growth over hardware growth. */
    private static GapScenario scenario(
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
                    settings.law(),
                    budgetUsd,
                    frontierBudget,
                    flopPerDollar,
                    gh,
                    galg,
                    SpendingSchedule.exponential(gi));
        } catch (IllegalArgumentException outOfDomain) {
            return null;
        }
    }
}
