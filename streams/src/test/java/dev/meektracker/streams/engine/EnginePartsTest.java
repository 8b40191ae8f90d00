package dev.meektracker.streams.engine;

import static dev.meektracker.streams.engine.Fixtures.SETTINGS;
import static dev.meektracker.streams.engine.Fixtures.gpu;
import static dev.meektracker.streams.engine.Fixtures.model;
import static dev.meektracker.streams.engine.Fixtures.score;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.meektracker.core.event.BenchmarkResult;
import dev.meektracker.core.event.Estimate;
import dev.meektracker.core.event.GapEstimate;
import dev.meektracker.core.event.OutputIds;
import dev.meektracker.core.event.ScalingFit;
import dev.meektracker.core.event.ScoreScale;
import dev.meektracker.core.event.TrackerEvent;
import dev.meektracker.core.event.Weights;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Each part of the engine on its own, on hand-made items whose answers can be worked out by hand. */
class EnginePartsTest {

    private static GapEstimate gap(Outputs out, String id) {
        return out.gaps().stream().filter(g -> g.id().equals(id)).findFirst().orElse(null);
    }

    @Test
    void outputsPublishOnlyChangesAndRetractWhatIsGone() {
        Outputs out = new Outputs();
        GapEstimate g = new GapEstimate("x", "compute", LocalDate.of(2024, 1, 1), 1.0, "u", null, null, 0.0, null, "n");
        out.emit(g);
        out.emit(g);
        assertThat(out.drainChanged()).containsExactly(g);
        out.emit(g);
        assertThat(out.drainChanged()).isEmpty();
        out.retract("x");
        out.retract("never-there");
        assertThat(out.drainRetracted()).containsExactly("x");
        assertThat(out.gaps()).isEmpty();
    }

    @Test
    void computeFrontierGivesTheLeadersTheGapInOomAndTheLagFromTheFirstClosedModelToReachTheOpenLeader() {
        ComputeFrontier f = new ComputeFrontier(SETTINGS);
        assertThat(f.upsert(model("closed-a", "2022-01-01", Weights.CLOSED, 1e24)))
                .isTrue();
        assertThat(f.upsert(model("open-a", "2023-01-01", Weights.OPEN, 1e23))).isTrue();
        assertThat(f.upsert(model("closed-b", "2024-01-01", Weights.CLOSED, 1e25)))
                .isTrue();
        assertThat(f.upsert(model("closed-b", "2024-01-01", Weights.CLOSED, 1e25)))
                .as("a duplicate")
                .isFalse();
        Outputs out = new Outputs();
        f.emit(out);
        GapEstimate g = gap(out, OutputIds.COMPUTE_GAP);
        assertThat(g.value()).isCloseTo(2.0, within(1e-12));
        assertThat(g.unit()).isEqualTo("orders of magnitude");
        assertThat(g.asOf()).isEqualTo(LocalDate.of(2024, 1, 1));
        assertThat(g.details())
                .containsEntry("closedLeader", "closed-b")
                .containsEntry("openLeader", "open-a")
                .containsEntry("closedFirstReachedOpenLeaderDate", "2022-01-01");
        // Nine significant digits, as every published number.
        assertThat(g.lagMonths())
                .isCloseTo(730 / Dates.DAYS_PER_MONTH, org.assertj.core.data.Percentage.withPercentage(1e-6));
        assertThat(f.bestOpen().id()).isEqualTo("open-a");

        assertThat(f.delete("open-a")).isTrue();
        assertThat(f.delete("open-a")).isFalse();
        f.emit(out);
        assertThat(gap(out, OutputIds.COMPUTE_GAP)).as("no open model: no gap").isNull();
        assertThat(out.drainRetracted()).contains(OutputIds.COMPUTE_GAP);
    }

    @Test
    void theComputeGapCanCountOnlyConfidentEnoughEstimates() {
        EngineSettings likely = EngineSettings.from(dev.meektracker.core.config.TrackerConfig.defaults()
                .with(dev.meektracker.core.config.Settings.GAP_COMPUTE_CONFIDENCE, "likely"));
        ComputeFrontier f = new ComputeFrontier(likely);
        f.upsert(new dev.meektracker.core.event.ModelRelease(
                "guess",
                "g",
                null,
                LocalDate.parse("2023-01-01"),
                null,
                Weights.CLOSED,
                1e26,
                null,
                null,
                null,
                "Speculative",
                "t",
                "t"));
        f.upsert(new dev.meektracker.core.event.ModelRelease(
                "known",
                "k",
                null,
                LocalDate.parse("2024-01-01"),
                null,
                Weights.CLOSED,
                1e25,
                null,
                null,
                null,
                "Confident",
                "t",
                "t"));
        f.upsert(new dev.meektracker.core.event.ModelRelease(
                "open",
                "o",
                null,
                LocalDate.parse("2024-06-01"),
                null,
                Weights.OPEN,
                1e24,
                null,
                null,
                null,
                "Likely",
                "t",
                "t"));
        Outputs out = new Outputs();
        f.emit(out);
        GapEstimate g = gap(out, OutputIds.COMPUTE_GAP);
        assertThat(g.details())
                .containsEntry("closedLeader", "known")
                .containsEntry("computeConfidenceAtLeast", "likely")
                .containsEntry("closedFirstReachedOpenLeaderDate", "2024-01-01");
        assertThat(g.value()).isCloseTo(1.0, within(1e-12));
        // The catch-up lag's closed side holds the confident model alone: log10(1e25) on its date.
        assertThat(f.closedLagScores().size()).isEqualTo(1);
        ScoresByDate.Snapshot side = f.closedLagScores().upTo(LocalDate.parse("2024-12-31"));
        assertThat(side.n()).isEqualTo(1);
        assertThat(side.days()[0]).isEqualTo(LocalDate.parse("2024-01-01").toEpochDay());
        assertThat(side.best()[0]).isCloseTo(25.0, within(1e-12));
    }

    @Test
    void computeFrontierTrendRecoversAKnownGrowthRate() {
        ComputeFrontier f = new ComputeFrontier(SETTINGS);
        // One model a year growing exactly 4x a year: each is frontier at its date.
        for (int y = 2012; y <= 2024; y++) {
            f.upsert(model("m" + y, y + "-01-01", Weights.CLOSED, 1e20 * Math.pow(4, y - 2012)));
        }
        Outputs out = new Outputs();
        f.emit(out);
        ScalingFit trend = out.fit(OutputIds.FRONTIER_COMPUTE);
        assertThat(trend.n()).isEqualTo(13);
        // Dates are decimal years to the day: leap years bend the exact 4x by a hair.
        assertThat(trend.growthPerYear().value()).isCloseTo(4.0, within(0.01));
        assertThat(out.fit(OutputIds.OPEN_COMPUTE)).as("no open models").isNull();
    }

    @Test
    void hardwareTrendConvertsRentalPricesAndLeavesOutChipsWithoutTheFormat() {
        HardwareTrend h = new HardwareTrend(SETTINGS);
        h.upsert(gpu("a", "2016-01-01", 10_000.0, null, 1e14));
        h.upsert(gpu("b", "2020-01-01", 10_000.0, null, 1e15));
        double hours = SETTINGS.amortisationYears() * 365.25 * 24;
        // Rented at a price that makes the same FLOP/s per USD as buying a 1e16 chip for 10,000 USD.
        h.upsert(gpu("c", "2024-01-01", null, 10_000.0 / hours, 1e16));
        Outputs out = new Outputs();
        h.emit(out);
        ScalingFit fit = out.fit(OutputIds.HARDWARE);
        assertThat(fit.n()).isEqualTo(3);
        assertThat(fit.growthPerYear().value()).isCloseTo(Math.pow(10, 0.25), within(0.01));
        assertThat(fit.parameters().get("flopPerDollarToday").unit()).isEqualTo("FLOP/USD");
        assertThat(h.delete("c")).isTrue();
        assertThat(h.delete("b")).isTrue();
        h.emit(out);
        assertThat(out.fit(OutputIds.HARDWARE)).as("one point is no trend").isNull();
    }

    @Test
    void theConstantPrecisionTrendKeepsFormatShiftsOutOfTheYearSlope() {
        // FP32 per USD grows 0.2 OOM a year; every chip's FP16 is 1 OOM above its FP32; chips from 2020
        // on also have FP8, 1.5 OOM above FP32. Best format: the FP8 arrival looks like a jump in progress.
        List<dev.meektracker.core.event.HardwarePrice> chips = new java.util.ArrayList<>();
        for (int y = 2012; y <= 2024; y++) {
            double fp32 = Math.pow(10, 10 + 0.2 * (y - 2012)) * 1000;
            java.util.Map<dev.meektracker.core.event.Precision, Double> f =
                    new java.util.EnumMap<>(dev.meektracker.core.event.Precision.class);
            f.put(dev.meektracker.core.event.Precision.FP32, fp32);
            f.put(dev.meektracker.core.event.Precision.FP16, fp32 * 10);
            if (y >= 2020) {
                f.put(dev.meektracker.core.event.Precision.FP8, fp32 * Math.pow(10, 1.5));
            }
            chips.add(new dev.meektracker.core.event.HardwarePrice(
                    "c" + y, "c" + y, "m", LocalDate.of(y, 7, 2), 1000.0, null, f, "t", "t"));
        }
        HardwareTrend h = new HardwareTrend(SETTINGS);
        chips.forEach(h::upsert);
        Outputs out = new Outputs();
        h.emit(out);
        assertThat(out.fit(OutputIds.HARDWARE_CONSTANT_PRECISION))
                .as("refitted on the longer interval only")
                .isNull();
        h.emitConstantPrecision(out);
        ScalingFit constant = out.fit(OutputIds.HARDWARE_CONSTANT_PRECISION);
        assertThat(constant.parameters().get("slope").value()).isCloseTo(0.2, within(1e-3));
        assertThat(constant.parameters().get("offset.fp8").value()).isCloseTo(1.5, within(1e-3));
        assertThat(constant.n()).isEqualTo(13 * 2 + 5);
        ScalingFit best = out.fit(OutputIds.HARDWARE);
        assertThat(best.parameters().get("slope").value())
                .as("the best format mixes the FP8 arrival into progress")
                .isGreaterThan(0.22);
        assertThat(h.growthForProjections(out).oomPerYear())
                .as("best-format by default (the published slope is its nine digits)")
                .isCloseTo(
                        best.parameters().get("slope").value(), org.assertj.core.data.Percentage.withPercentage(1e-6));
        HardwareTrend constantForProjections =
                new HardwareTrend(EngineSettings.from(dev.meektracker.core.config.TrackerConfig.defaults()
                        .with(dev.meektracker.core.config.Settings.HARDWARE_TREND, "constant-precision")));
        chips.forEach(constantForProjections::upsert);
        Outputs out2 = new Outputs();
        constantForProjections.emit(out2);
        constantForProjections.emitConstantPrecision(out2);
        assertThat(constantForProjections.growthForProjections(out2).oomPerYear())
                .isCloseTo(0.2, within(1e-3));
    }

    @Test
    void benchmarkBoardGivesTheGapInTheBenchmarksUnitAndIgnoresMalformedDeleteKeys() {
        BenchmarkBoard b = new BenchmarkBoard(SETTINGS);
        b.upsert(score("eci", "closed-a", "2024-01-01", Weights.CLOSED, 140, ScoreScale.INDEX, null));
        b.upsert(score("eci", "open-a", "2024-06-01", Weights.OPEN, 130, ScoreScale.INDEX, null));
        b.upsert(score("eci", "closed-b", "2025-01-01", Weights.CLOSED, 150, ScoreScale.INDEX, null));
        Outputs out = new Outputs();
        b.emitGaps(out);
        GapEstimate g = gap(out, OutputIds.benchmarkGap("eci"));
        assertThat(g.value()).isEqualTo(20.0);
        assertThat(g.unit()).isEqualTo("index points");
        assertThat(g.details()).containsEntry("closedFirstReachedOpenLeaderDate", "2024-01-01");
        assertThat(b.delete("no-slash")).isNull();
        assertThat(b.delete("/x")).isNull();
        assertThat(b.delete("eci/unknown")).isNull();
        BenchmarkResult removed = b.delete("eci/open-a");
        assertThat(removed.modelId()).isEqualTo("open-a");
        b.emitGaps(out);
        assertThat(gap(out, OutputIds.benchmarkGap("eci"))).isNull();
    }

    @Test
    void resultsWithoutWeightsTakeTheWeightsTheirModelHasOnOtherBenchmarksWhicheverArrivesFirst() {
        BenchmarkBoard b = new BenchmarkBoard(SETTINGS);
        // GPQA Diamond's file states no weights: alone, no gap and two unclassified results.
        b.upsert(score("gpqa", "closed-a", "2024-01-01", Weights.UNKNOWN, 0.7, ScoreScale.FRACTION, null));
        b.upsert(score("gpqa", "open-a", "2024-06-01", Weights.UNKNOWN, 0.6, ScoreScale.FRACTION, null));
        Outputs out = new Outputs();
        b.emitGaps(out);
        assertThat(gap(out, OutputIds.benchmarkGap("gpqa"))).isNull();
        assertThat(b.unclassified("gpqa")).isEqualTo(2);
        // The ECI, published later, states both models' weights: the GPQA gap appears.
        b.upsert(score("eci", "closed-a", "2024-01-01", Weights.CLOSED, 140, ScoreScale.INDEX, null));
        b.upsert(score("eci", "open-a", "2024-06-01", Weights.OPEN, 130, ScoreScale.INDEX, null));
        b.emitGaps(out);
        GapEstimate g = gap(out, OutputIds.benchmarkGap("gpqa"));
        assertThat(g.value()).isCloseTo(0.1, within(1e-12));
        assertThat(g.details()).containsEntry("unclassifiedResults", 0);
        // The ECI row removed again: the open model's GPQA result is unclassified once more.
        b.delete("eci/open-a");
        b.emitGaps(out);
        assertThat(gap(out, OutputIds.benchmarkGap("gpqa"))).isNull();
        assertThat(b.unclassified("gpqa")).isEqualTo(1);
        // A model whose other results disagree stays unclassified.
        b.upsert(score("eci", "open-a", "2024-06-01", Weights.OPEN, 130, ScoreScale.INDEX, null));
        b.upsert(score("mmlu", "open-a", "2024-06-01", Weights.CLOSED, 80, ScoreScale.PERCENT, null));
        assertThat(b.unclassified("gpqa")).isEqualTo(1);
    }

    /** The same result with a standard error stated by its source. */
    private static BenchmarkResult withStdErr(BenchmarkResult r, double stdErr) {
        return new BenchmarkResult(
                r.modelId(),
                r.modelName(),
                r.benchmarkId(),
                r.score(),
                r.scale(),
                r.date(),
                r.organization(),
                r.weights(),
                r.trainingComputeFlop(),
                r.source(),
                r.provenance(),
                stdErr);
    }

    @Test
    void aBenchmarkGapHasARangeFromTheScoresStandardErrorsWhereTheyAreStated() {
        BenchmarkBoard b = new BenchmarkBoard(SETTINGS);
        BenchmarkResult closedA = withStdErr(
                score("gpqa-diamond", "closed-a", "2025-01-01", Weights.CLOSED, 0.80, ScoreScale.FRACTION, null), 0.02);
        BenchmarkResult openA = withStdErr(
                score("gpqa-diamond", "open-a", "2025-02-01", Weights.OPEN, 0.70, ScoreScale.FRACTION, null), 0.02);
        b.upsert(closedA);
        b.upsert(openA);
        Outputs out = new Outputs();
        b.emitGaps(out);
        GapEstimate g = gap(out, OutputIds.benchmarkGap("gpqa-diamond"));
        assertThat(g.value()).isCloseTo(0.10, within(1e-12));
        // The difference of two scores with standard errors 0.02 has a standard error of about 0.028: a 90 % range of
        // about ±0.047.
        assertThat(g.low()).isBetween(0.03, 0.08);
        assertThat(g.high()).isBetween(0.12, 0.17);
        assertThat(g.details()).containsKey("rangeCovers");
        Outputs again = new Outputs();
        BenchmarkBoard b2 = new BenchmarkBoard(SETTINGS);
        b2.upsert(openA);
        b2.upsert(closedA);
        b2.emitGaps(again);
        assertThat(gap(again, OutputIds.benchmarkGap("gpqa-diamond")))
                .as("seeded: the same range in any order")
                .isEqualTo(g);
    }

    @Test
    void benchmarkBoardFitsASigmoidOnceItHasEnoughPoints() {
        BenchmarkBoard b = new BenchmarkBoard(SETTINGS);
        onTheCurve(40, 21, 5, "m", LocalDate.of(2020, 1, 1), 30, 3).forEach(b::upsert);
        Outputs out = new Outputs();
        assertThat(b.sigmoidsDirty()).isTrue();
        b.emitSigmoids(out);
        ScalingFit fit = out.fit(OutputIds.benchmarkFit("mmlu"));
        assertThat(fit.method()).isEqualTo("levenberg-marquardt");
        assertThat(fit.parameters().get("x0").value()).isCloseTo(23.5, within(0.3));
        assertThat(fit.parameters().values())
                .allSatisfy(p -> assertThat(p.low()).isNotNull());
        assertThat(fit.note()).isEqualTo("score as a fraction of its scale = lm/(1+exp(-k*(log10 C - x0))) + b");
        assertThat(b.sigmoidsDirty()).isFalse();
    }

    @Test
    void aSigmoidBeyondItsPointCapFitsASampleOfTheWholeComputeRangeWhateverTheOrder() {
        // 600 results whose compute rises with their date, as a benchmark's do, on a curve with its
        // midpoint at 1e23.5 FLOP; the cap keeps 60. The 60 latest would all lie on the plateau
        // (1e26.3 FLOP and up, scores 0.95), where the midpoint and slope are not placed at all.
        EngineSettings capped = EngineSettings.from(dev.meektracker.core.config.TrackerConfig.defaults()
                .with(dev.meektracker.core.config.Settings.SIGMOID_MAX_POINTS, "60"));
        List<BenchmarkResult> results = onTheCurve(600, 20, 7, "model-", LocalDate.of(2015, 1, 1), 5, 11);
        ScalingFit inOrder = sigmoidOf(capped, results);
        assertThat(inOrder.n()).isEqualTo(60);
        assertThat(inOrder.parameters().get("x0").value()).isCloseTo(23.5, within(0.2));
        assertThat(inOrder.parameters().get("k").value()).isCloseTo(2.0, within(0.4));
        assertThat(inOrder.parameters().get("lm").value()).isCloseTo(0.7, within(0.05));
        assertThat(inOrder.windowStart())
                .as("the sample spans the history, not its last months")
                .isBefore(LocalDate.of(2016, 1, 1));
        java.util.Collections.shuffle(results, new Random(12));
        assertThat(sigmoidOf(capped, results))
                .as("the same sample, and so the same fit, in any order")
                .isEqualTo(inOrder);
        // Deleting results, sampled ones among them, refills the sample from the rest: the board then
        // fits what a board given only the rest fits.
        BenchmarkBoard b = new BenchmarkBoard(capped);
        results.forEach(b::upsert);
        List<BenchmarkResult> kept = results.subList(0, 300);
        results.subList(300, 600).forEach(gone -> b.delete("mmlu/" + gone.modelId()));
        Outputs out = new Outputs();
        b.emitSigmoids(out);
        assertThat(out.fit(OutputIds.benchmarkFit("mmlu"))).isEqualTo(sigmoidOf(capped, kept));
    }

    @Test
    void aSigmoidKeptWhileItsPointsStandIsTheFitABoardGivenTheSameResultsMakes() {
        EngineSettings capped = EngineSettings.from(dev.meektracker.core.config.TrackerConfig.defaults()
                .with(dev.meektracker.core.config.Settings.SIGMOID_MAX_POINTS, "60"));
        List<BenchmarkResult> results =
                new java.util.ArrayList<>(onTheCurve(200, 20, 7, "model-", LocalDate.of(2015, 1, 1), 5, 3));
        BenchmarkBoard b = new BenchmarkBoard(capped);
        results.forEach(b::upsert);
        b.emitSigmoids(new Outputs());
        // Results that leave the points as they were: one without compute, and new models ranked after
        // the full sample. The sigmoid is due again (its as-of date moved) and keeps its fit.
        List<BenchmarkResult> later = new java.util.ArrayList<>();
        later.add(score("mmlu", "no-compute", "2024-06-01", Weights.OPEN, 0.9, ScoreScale.FRACTION, null));
        BenchmarkResult lastSampled = results.stream()
                .sorted(java.util.Comparator.comparingLong(r -> BenchmarkBoard.sampleRank(r.modelId())))
                .toList()
                .get(59);
        for (int i = 0; later.size() < 4; i++) {
            BenchmarkResult r = score(
                    "mmlu", "late-" + i, "2024-07-01", Weights.CLOSED, 0.93, ScoreScale.FRACTION, Math.pow(10, 27.5));
            if (BenchmarkBoard.sampleRank(r.modelId()) > BenchmarkBoard.sampleRank(lastSampled.modelId())) {
                later.add(r);
            }
        }
        later.forEach(b::upsert);
        results.addAll(later);
        assertThat(b.sigmoidsDirty()).isTrue();
        Outputs out = new Outputs();
        b.emitSigmoids(out);
        ScalingFit kept = out.fit(OutputIds.benchmarkFit("mmlu"));
        assertThat(kept.asOf()).isEqualTo(LocalDate.of(2024, 7, 1));
        assertThat(kept).isEqualTo(sigmoidOf(capped, results));
        // A new score for a sampled model changes the points: the fit is made again, and is again the
        // fit of a board given the results as they now stand.
        BenchmarkResult moved = new BenchmarkResult(
                lastSampled.modelId(),
                lastSampled.modelName(),
                "mmlu",
                0.05,
                ScoreScale.FRACTION,
                LocalDate.of(2024, 8, 1),
                null,
                lastSampled.weights(),
                lastSampled.trainingComputeFlop(),
                "test",
                "test");
        b.upsert(moved);
        results.replaceAll(r -> r.modelId().equals(moved.modelId()) ? moved : r);
        Outputs again = new Outputs();
        b.emitSigmoids(again);
        ScalingFit refitted = again.fit(OutputIds.benchmarkFit("mmlu"));
        assertThat(refitted.parameters()).isNotEqualTo(kept.parameters());
        assertThat(refitted).isEqualTo(sigmoidOf(capped, results));
        // A new model ranked inside the sample, and a sampled model deleted: each time the fit is the
        // one of the results as they stand.
        BenchmarkResult early = null;
        for (int i = 0; early == null; i++) {
            BenchmarkResult r = score(
                    "mmlu", "early-" + i, "2024-09-01", Weights.OPEN, 0.02, ScoreScale.FRACTION, Math.pow(10, 26.5));
            if (BenchmarkBoard.sampleRank(r.modelId()) < BenchmarkBoard.sampleRank(lastSampled.modelId())) {
                early = r;
            }
        }
        b.upsert(early);
        results.add(early);
        Outputs added = new Outputs();
        b.emitSigmoids(added);
        assertThat(added.fit(OutputIds.benchmarkFit("mmlu"))).isEqualTo(sigmoidOf(capped, results));
        b.delete("mmlu/" + moved.modelId());
        results.remove(moved);
        Outputs deleted = new Outputs();
        b.emitSigmoids(deleted);
        assertThat(deleted.fit(OutputIds.benchmarkFit("mmlu"))).isEqualTo(sigmoidOf(capped, results));
    }

    /**
     * {@code n} MMLU scores on 0.25 + 0.7/(1 + exp(-2(log10 C - 23.5))) with noise 0.01, compute rising
     * evenly over {@code span} OOM from 10^{@code fromLog10} FLOP and release dates with it, open
     * and closed in turn.
     */
    private static List<BenchmarkResult> onTheCurve(
            int n, double fromLog10, double span, String idPrefix, LocalDate first, int daysApart, long seed) {
        Random r = new Random(seed);
        List<BenchmarkResult> results = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            double x = fromLog10 + span * i / n;
            double y = 0.25 + 0.7 / (1 + Math.exp(-2 * (x - 23.5))) + 0.01 * r.nextGaussian();
            results.add(score(
                    "mmlu",
                    idPrefix + i,
                    first.plusDays((long) daysApart * i).toString(),
                    i % 2 == 0 ? Weights.OPEN : Weights.CLOSED,
                    Math.min(1, Math.max(0, y)),
                    ScoreScale.FRACTION,
                    Math.pow(10, x)));
        }
        return results;
    }

    private static ScalingFit sigmoidOf(EngineSettings settings, List<BenchmarkResult> results) {
        BenchmarkBoard b = new BenchmarkBoard(settings);
        results.forEach(b::upsert);
        Outputs out = new Outputs();
        b.emitSigmoids(out);
        return out.fit(OutputIds.benchmarkFit("mmlu"));
    }

    @Test
    void aSigmoidParameterOnItsBoundIsPublishedWithoutAnIntervalAndSaidSo() {
        // A step: four models up to 2e23 FLOP at about 0.2, four from 1.3e24 at about 0.7. The least
        // squares want an ever steeper step, and the slope ends on its bound.
        double[] log10 = {22.0, 22.4, 22.9, 23.3, 24.1, 24.6, 25.0, 25.5};
        double[] scores = {0.21, 0.19, 0.22, 0.20, 0.71, 0.69, 0.73, 0.70};
        BenchmarkBoard b = new BenchmarkBoard(SETTINGS);
        for (int i = 0; i < log10.length; i++) {
            b.upsert(score(
                    "hle",
                    "m" + i,
                    LocalDate.of(2024, 1, 1).plusDays(i * 10).toString(),
                    i % 2 == 0 ? Weights.OPEN : Weights.CLOSED,
                    scores[i],
                    ScoreScale.FRACTION,
                    Math.pow(10, log10[i])));
        }
        Outputs out = new Outputs();
        b.emitSigmoids(out);
        ScalingFit fit = out.fit(OutputIds.benchmarkFit("hle"));
        Estimate k = fit.parameters().get("k");
        assertThat(k.value()).isEqualTo(20.0);
        assertThat(k.stdErr()).isNull();
        assertThat(k.low()).isNull();
        assertThat(k.high()).isNull();
        assertThat(fit.parameters().get("lm").low()).isNotNull();
        assertThat(fit.note())
                .isEqualTo("score as a fraction of its scale = lm/(1+exp(-k*(log10 C - x0))) + b; at a bound of the"
                        + " fit: |k| = 20 per OOM (the steepest slope: a step) (not placed by the data, so without an"
                        + " interval; the other intervals hold it there); the 90 % interval of x0 reached past the"
                        + " fit's bounds and is cut there (the data place it loosely)");
        // Where the step lies between 2e23 and 1.3e24 FLOP the data do not say: x0's Jacobian interval
        // spans more than the ten orders of magnitude the fit may search, and is cut to them.
        Estimate x0 = fit.parameters().get("x0");
        assertThat(x0.low()).isEqualTo(22.0 - 5);
        assertThat(x0.high()).isEqualTo(25.5 + 5);
        assertThat(x0.stdErr()).isNotNull();
    }

    @Test
    void algorithmicProgressUsesTheConfiguredRateUntilFittedThenRecoversTheRatio() {
        AlgorithmicProgress a = new AlgorithmicProgress(SETTINGS);
        Outputs out = new Outputs();
        a.emit(out, LocalDate.of(2020, 1, 1));
        assertThat(out.fit(OutputIds.ALGORITHMIC).method()).isEqualTo("configured");
        assertThat(a.fittedRate(out.fit(OutputIds.ALGORITHMIC)))
                .as("no fit yet")
                .isNull();
        assertThat(a.configuredRate().oomPerYear()).isCloseTo(Math.log10(2.8), within(1e-12));
        assertThat(a.configuredRate().oomLow()).as("Ho et al.'s range").isCloseTo(Math.log10(1.8), within(1e-12));
        assertThat(a.configuredRate().oomHigh()).isCloseTo(Math.log10(5.3), within(1e-12));
        // score = 10*log10(C) + 5*year (+ noise): half an OOM of compute per year.
        Random r = new Random(5);
        for (int i = 0; i < 60; i++) {
            LocalDate d = LocalDate.of(2018, 1, 1).plusDays(r.nextInt(2500));
            double log10c = 22 + 4 * r.nextDouble();
            double s = 10 * log10c + 5 * Dates.decimalYear(d) - 10_000 + 0.1 * r.nextGaussian();
            a.update(
                    "eci/m" + i,
                    score("eci", "m" + i, d.toString(), Weights.CLOSED, s, ScoreScale.INDEX, Math.pow(10, log10c)));
        }
        a.emit(out, LocalDate.of(2025, 1, 1));
        ScalingFit fit = out.fit(OutputIds.ALGORITHMIC);
        assertThat(fit.method()).isEqualTo("multiple-ols");
        assertThat(fit.parameters().get("computeEquivalentOomPerYear").value()).isCloseTo(0.5, within(0.01));
        assertThat(a.fittedRate(fit).oomPerYear()).isCloseTo(0.5, within(0.01));
    }

    @Test
    void projectionsAreTheScenarioOfTheirInputs() {
        var level = new double[] {Math.log10(5e26), 0.1};
        var hw = new double[] {Math.log10(1e11), 0.05};
        var frontier = new dev.meektracker.core.stats.Growth.Rate(Math.log10(4.5), Math.log10(4.2), Math.log10(4.8));
        var hardware = new dev.meektracker.core.stats.Growth.Rate(Math.log10(1.4), Math.log10(1.3), Math.log10(1.5));
        var alg = new dev.meektracker.core.stats.Growth.Rate(Math.log10(2.8), Math.log10(1.8), Math.log10(5.3));
        var fitted = new dev.meektracker.core.stats.Growth.Rate(1, 0.9, 1.1);
        Projections.Inputs in =
                new Projections.Inputs(LocalDate.of(2025, 7, 1), level, frontier, hw, hardware, alg, fitted, null);
        var p = Projections.project(SETTINGS, in);
        assertThat(p.keySet()).containsExactlyElementsOf(Projections.ids(SETTINGS));
        assertThat(p.get(OutputIds.BEST_OPEN_PROJECTION)).as("no open model").isNull();
        GapEstimate tier = p.get(OutputIds.tierProjection(1000));
        double flopPerDollar = SETTINGS.flopPerDollar(1e11);
        var scenario = new dev.meektracker.core.model.GapScenario(
                SETTINGS.law(),
                1000,
                5e26 / flopPerDollar,
                flopPerDollar,
                1.4,
                2.8,
                dev.meektracker.core.model.SpendingSchedule.exponential(4.5 / 1.4));
        assertThat(tier.value()).isCloseTo(scenario.lossGap(0), within(1e-6 * scenario.lossGap(0)));
        assertThat(tier.low()).isLessThanOrEqualTo(tier.value());
        assertThat(tier.high()).isGreaterThanOrEqualTo(tier.value());
        assertThat(tier.unit()).isEqualTo("nats/token");
        assertThat(tier.details()).containsKeys("peakDate", "convergenceDate", "mmluGapPoints", "status");
        // The configured source is in force by default; the fitted one's convergence is beside it.
        assertThat(tier.details())
                .containsEntry("algorithmicSource", "configured")
                .containsEntry("otherAlgorithmicSource", "fitted");
        assertThat(tier.details().get("convergenceDateOtherSource").toString())
                .isLessThan(tier.details().get("convergenceDate").toString());
        assertThat(new java.util.ArrayList<Object>(
                        ((java.util.Map<?, ?>) tier.details().get("sensitivity")).keySet()))
                .containsExactlyInAnyOrder(
                        (Object) "paper law, configured algorithms",
                        "paper law, fitted algorithms",
                        "besiroglu law, configured algorithms",
                        "besiroglu law, fitted algorithms");
        assertThat(LocalDate.parse(tier.details().get("peakDate").toString()).isBefore(LocalDate.of(2025, 7, 1)))
                .isEqualTo(tier.details().get("peakPassed"));

        // With meek.algorithmic.source=fitted the fitted rate drives the central value.
        EngineSettings fittedSettings = EngineSettings.from(dev.meektracker.core.config.TrackerConfig.defaults()
                .with(dev.meektracker.core.config.Settings.ALGORITHMIC_SOURCE, "fitted"));
        GapEstimate withFitted = Projections.project(fittedSettings, in).get(OutputIds.tierProjection(1000));
        var fittedScenario = new dev.meektracker.core.model.GapScenario(
                SETTINGS.law(),
                1000,
                5e26 / flopPerDollar,
                flopPerDollar,
                1.4,
                10,
                dev.meektracker.core.model.SpendingSchedule.exponential(4.5 / 1.4));
        assertThat(withFitted.value()).isCloseTo(fittedScenario.lossGap(0), within(1e-6 * fittedScenario.lossGap(0)));
        assertThat(withFitted.details()).containsEntry("algorithmicSource", "fitted");

        // A tier that buys more than the frontier's compute says so in words, and has no convergence date.
        Projections.Inputs tiny = new Projections.Inputs(
                LocalDate.of(2025, 7, 1),
                new double[] {Math.log10(1e20), 0.1},
                frontier,
                hw,
                hardware,
                alg,
                null,
                null);
        GapEstimate rich = Projections.project(SETTINGS, tiny).get(OutputIds.tierProjection(10_000_000));
        assertThat(rich.details().get("status").toString()).contains("no gap to close");
        assertThat(rich.details()).doesNotContainKey("convergenceDate");
    }

    @Test
    void theFacadeFlushesOnlyWhatChanged() {
        GapEngine e = new GapEngine(SETTINGS);
        e.upsert(model("closed", "2024-01-01", Weights.CLOSED, 1e25));
        e.upsert(model("open", "2024-02-01", Weights.OPEN, 1e24));
        List<TrackerEvent> first = e.flushChanged();
        assertThat(first).extracting(TrackerEvent::key).contains(OutputIds.COMPUTE_GAP);
        assertThat(e.flushChanged()).isEmpty();
        assertThat(e.upsert(model("open", "2024-02-01", Weights.OPEN, 1e24))).isFalse();
        assertThat(e.hasDeferred()).as("projections wait for their flush").isTrue();
        e.flush();
        assertThat(e.hasDeferred()).isFalse();
    }
}
