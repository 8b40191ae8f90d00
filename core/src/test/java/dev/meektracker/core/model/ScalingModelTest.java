package dev.meektracker.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every formula against docs/MODEL.md's anchors or values worked by hand; tolerances stated per check. */
class ScalingModelTest {

    @Test
    void paperLawAnchor() {
        // docs/MODEL.md: L(1e20) = 2.590 with alpha = 0.154 (three decimals quoted, so 5e-4).
        assertThat(ComputeLaw.PAPER.loss(1e20)).isCloseTo(2.590, within(5e-4));
        // By hand: 1070 * 10^(-3.08) + 1.7 = 2.58999 (alpha 0.154); 1070 * 10^(-3.1) + 1.7 = 2.54993 (0.155).
        assertThat(ComputeLaw.PAPER.loss(1e20)).isCloseTo(2.589987, within(1e-6));
        assertThat(ComputeLaw.PAPER_TEXT.loss(1e20)).isCloseTo(2.549931, within(1e-6));
    }

    @Test
    void computeForLossInvertsTheLaw() {
        double c = ComputeLaw.PAPER.computeForLoss(ComputeLaw.PAPER.loss(3.4e24));
        assertThat(c / 3.4e24).isCloseTo(1.0, within(1e-10));
        assertThat(ComputeLaw.PAPER.computeForLoss(1.7)).isInfinite();
    }

    @Test
    void hoffmannReduction() {
        ChinchillaLaw h = ChinchillaLaw.HOFFMANN;
        // docs/MODEL.md: gamma = 0.15355, K ≈ 1071.4.
        assertThat(h.gamma()).isCloseTo(0.15355, within(1e-5));
        assertThat(h.k()).isCloseTo(1071.4, within(0.1));
        // The reduction is the minimum of L(N, D) on 6ND = C: check at C = 1e23 against N_opt, D_opt.
        double c = 1e23;
        double n = h.optimalParameters(c);
        double d = h.optimalTokens(c);
        assertThat(6 * n * d / c).isCloseTo(1.0, within(1e-12));
        assertThat(h.loss(n, d)).isCloseTo(h.reduce().loss(c), within(1e-12));
        // Moving away from the optimum along the constraint only raises the loss.
        assertThat(h.loss(n * 1.5, d / 1.5)).isGreaterThan(h.loss(n, d));
        assertThat(h.loss(n / 1.5, d * 1.5)).isGreaterThan(h.loss(n, d));
    }

    @Test
    void besirogluReductionExponent() {
        // docs/MODEL.md: the Besiroglu reduction's exponent is 0.178.
        assertThat(ChinchillaLaw.BESIROGLU.gamma()).isCloseTo(0.178, within(5e-4));
        assertThat(ChinchillaLaw.named("Besiroglu")).isEqualTo(ChinchillaLaw.BESIROGLU);
        assertThatThrownBy(() -> ChinchillaLaw.named("kaplan")).hasMessageContaining("unknown parameter set");
    }

    @Test
    void defaultGapPeak() {
        GapScenario s = GapScenario.paperDefaults();
        // docs/MODEL.md: t* ≈ 3.36 years, ΔL ≈ 0.212 nats.
        assertThat(s.analyticPeakYears()).hasValueCloseTo(3.36, within(0.005));
        assertThat(s.lossGap(s.analyticPeakYears().getAsDouble())).isCloseTo(0.212, within(5e-4));
    }

    @ParameterizedTest
    @ValueSource(doubles = {1.1, 2.0, 3.5714285714, 5.0, 10.0, 20.0})
    void analyticPeakEqualsNumericArgmax(double investmentGrowth) {
        GapScenario s = GapScenario.paperDefaults().withSpending(SpendingSchedule.exponential(investmentGrowth));
        assertThat(GapScenario.argmax(s::lossGap, 0, GapScenario.SEARCH_HORIZON_YEARS))
                .isCloseTo(s.analyticPeakYears().getAsDouble(), within(1e-3));
        assertThat(s.unimodalPeakYears()).hasValueCloseTo(s.analyticPeakYears().getAsDouble(), within(1e-12));
    }

    /**
     * The closed-form peak at any two budgets, and the crossings bracketed by doubling steps from it,
     * against the numeric searches they replace (the grid scan and Brent), on scenarios spread over
     * the budgets, growth rates and laws the projections meet: a meek budget from 10⁻⁶ to 10³ times
     * the frontier's, shared progress from 1.05 to 20 per year, spending growth from 1.05 to 20.
     */
    @Test
    void closedFormPeakAndBracketedCrossingsMatchTheNumericSearches() {
        java.util.Random r = new java.util.Random(3);
        int compared = 0;
        for (int k = 0; k < 400; k++) {
            ComputeLaw law = r.nextBoolean() ? ComputeLaw.PAPER : ChinchillaLaw.BESIROGLU.reduce();
            double frontier = Math.pow(10, 6 + 4 * r.nextDouble());
            double meek = frontier * Math.pow(10, -6 + 9 * r.nextDouble());
            double hardware = 1.02 + 2 * r.nextDouble();
            double algorithms = 1.02 + 5 * r.nextDouble();
            double spending = 1.05 + 19 * r.nextDouble() * r.nextDouble();
            GapScenario s = new GapScenario(
                    law, meek, frontier, 1e17, hardware, algorithms, SpendingSchedule.exponential(spending));
            for (double[] range : new double[][] {{0, GapScenario.SEARCH_HORIZON_YEARS}, {-30, 200}}) {
                double numeric = GapScenario.argmax(s::lossGap, range[0], range[1]);
                double closed = s.peakYears(range[0], range[1]);
                // The numeric search locates a smooth maximum only as well as the gap's rounding allows
                // (the gap is the difference of two losses): where the peak is flat that leaves days of
                // play in the year. So the closed form must give a gap at least as large, to that
                // rounding, and stand higher than its neighbours on both sides.
                double noise = 1e-13 * s.meekLoss(closed);
                assertThat(s.lossGap(closed)).as("scenario %d", k).isGreaterThanOrEqualTo(s.lossGap(numeric) - noise);
                assertThat(closed).isBetween(range[0], range[1]);
                for (double step : new double[] {-0.01, 0.01}) {
                    double next = Math.max(range[0], Math.min(range[1], closed + step));
                    assertThat(s.lossGap(closed)).as("scenario %d", k).isGreaterThanOrEqualTo(s.lossGap(next) - noise);
                }
            }
            double peak = s.peakYears();
            for (double fraction : new double[] {0.9, 0.5, 0.1, 1e-3}) {
                double level = fraction * s.lossGap(peak);
                java.util.OptionalDouble scanned = GapScenario.firstCrossingAfter(
                        t -> s.lossGap(t) - level, peak, GapScenario.SEARCH_HORIZON_YEARS);
                java.util.OptionalDouble bracketed = s.yearsBelowFractionOfPeak(fraction);
                assertThat(bracketed.isPresent())
                        .as("scenario %d at %s", k, fraction)
                        .isEqualTo(scanned.isPresent());
                if (scanned.isPresent()) {
                    // Both are roots to the rounding of the two losses the gap is the difference of, and
                    // that rounding moves a root by as much as it divided by the gap's slope there: hours
                    // where the gap is tiny or flat; a published date is a day.
                    double t = bracketed.getAsDouble();
                    double noise = 1e-13 * s.meekLoss(t);
                    assertThat(Math.abs(s.lossGap(t) - level))
                            .as("scenario %d at %s", k, fraction)
                            .isLessThanOrEqualTo(noise);
                    double slope = Math.abs(s.lossGap(t + 1e-3) - s.lossGap(t - 1e-3)) / 2e-3;
                    assertThat(t)
                            .as("scenario %d at %s", k, fraction)
                            .isCloseTo(scanned.getAsDouble(), within(1e-9 + 2 * noise / slope));
                    compared++;
                }
            }
        }
        assertThat(compared).isGreaterThan(1000);
    }

    @Test
    void scenariosWithoutOnePeakAreSearchedNumerically() {
        GapScenario base = GapScenario.paperDefaults();
        assertThat(base.withSpending(SpendingSchedule.stopsAfter(5, 4)).unimodalPeakYears())
                .isEmpty();
        assertThat(base.withSpending(SpendingSchedule.exponential(1.0)).unimodalPeakYears())
                .isEmpty();
        GapScenario stops = base.withSpending(SpendingSchedule.stopsAfter(5, 4));
        assertThat(stops.peakYears())
                .isEqualTo(GapScenario.argmax(stops::lossGap, 0, GapScenario.SEARCH_HORIZON_YEARS));
    }

    @Test
    void gapIsNeverNegativeAndVanishesAtTheStartAndFarOut() {
        GapScenario s = GapScenario.paperDefaults();
        for (double t = 0; t <= 100; t += 0.25) {
            assertThat(s.lossGap(t)).isGreaterThanOrEqualTo(0);
        }
        assertThat(s.lossGap(0)).isZero();
        assertThat(s.lossGap(100)).isLessThan(1e-4);
    }

    @Test
    void thresholdCrossing() {
        GapScenario s = GapScenario.paperDefaults();
        double t = s.yearsBelowThreshold(0.05).getAsDouble();
        assertThat(t).isGreaterThan(s.peakYears());
        assertThat(s.lossGap(t)).isCloseTo(0.05, within(1e-9));
        // A threshold above the peak is met from the start.
        assertThat(s.yearsBelowThreshold(0.5)).hasValue(0);
        double half = s.yearsBelowFractionOfPeak(0.5).getAsDouble();
        assertThat(s.lossGap(half)).isCloseTo(0.5 * s.peakLossGap(), within(1e-9));
    }

    @Test
    void computeRatioGrowsWithSpendingOnly() {
        GapScenario s = GapScenario.paperDefaults();
        assertThat(s.computeRatio(0)).isEqualTo(1.0);
        assertThat(s.computeRatio(2)).isCloseTo(Math.pow(5 / 1.4, 2), within(1e-9));
        // By hand: meek compute at t = 1 is 1000 * 1e17 * 1.4 * 2.8 = 3.92e20 FLOP.
        assertThat(s.meekCompute(1)).isCloseTo(3.92e20, within(1e6));
    }

    @Test
    void spendingThatStopsGrowingClosesTheGapSooner() {
        GapScenario forever = GapScenario.paperDefaults();
        GapScenario stops = forever.withSpending(SpendingSchedule.stopsAfter(5 / 1.4, 2));
        GapScenario slows = forever.withSpending(SpendingSchedule.slowsAfter(5 / 1.4, 2, 1.5));
        assertThat(stops.analyticPeakYears()).isEmpty();
        assertThat(stops.computeRatio(10)).isCloseTo(Math.pow(5 / 1.4, 2), within(1e-9));
        assertThat(slows.computeRatio(4)).isCloseTo(Math.pow(5 / 1.4, 2) * 1.5 * 1.5, within(1e-9));
        assertThat(stops.yearsBelowThreshold(0.05).getAsDouble())
                .isLessThan(forever.yearsBelowThreshold(0.05).getAsDouble());
        assertThat(slows.peakLossGap()).isLessThan(forever.peakLossGap());
    }

    @Test
    void frontierOnlyStartingBudgetOpensAGapAtTimeZero() {
        GapScenario s = GapScenario.paperDefaults().withBudgets(1000, 1e6);
        assertThat(s.lossGap(0)).isGreaterThan(0);
        assertThat(s.analyticPeakYears()).isEmpty();
        assertThat(s.peakYears()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void benchmarkMapping() {
        BenchmarkMapping m = BenchmarkMapping.MMLU;
        // At the midpoint the sigmoid is half-way: 0.556686/2 + 0.2540434.
        assertThat(m.accuracy(1.9739480)).isCloseTo(0.5323864, within(1e-7));
        // Far above the midpoint the score falls to chance; far below it approaches lm + b.
        assertThat(m.accuracy(4)).isCloseTo(0.2540434, within(1e-6));
        assertThat(m.accuracy(1.5)).isCloseTo(0.8107294, within(1e-4));
        assertThat(m.accuracy(2.0, 5)).isCloseTo(Math.pow(m.accuracy(2.0), 5), within(1e-15));
        assertThat(m.gapPoints(2.1, 2.0, 1)).isCloseTo(100 * (m.accuracy(2.0) - m.accuracy(2.1)), within(1e-12));
        assertThatThrownBy(() -> m.accuracy(2.0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tokensToDistinguish() {
        assertThat(Distinguishability.CONSTANT).isCloseTo(2.65, within(5e-4));
        assertThat(Distinguishability.tokens(0.212, 1)).isCloseTo(2.6500 / 0.212, within(0.01));
        assertThat(Distinguishability.tokens(0.1, 100)).isCloseTo(2650.0, within(1.0));
        assertThat(Distinguishability.tokens(0, 1)).isInfinite();
    }

    @Test
    void inferenceGap() {
        InferenceGap g = new InferenceGap(1e-8, 9, 3.6);
        GapScenario s = GapScenario.paperDefaults();
        // docs/MODEL.md: C_inf0 = 1e-8 * 1e17 = 1e9 FLOP/token; C_eff(0) = 1e18.
        assertThat(g.initialFlopPerToken(s)).isCloseTo(1e9, within(1.0));
        assertThat(g.effectiveCompute(s, 0)).isCloseTo(1e18, within(1e3));
        assertThat(g.effectiveCompute(s, 1)).isCloseTo(Math.pow(1e9 * 1.4 * 9, 2) * 3.6, within(1e10));
        for (double t = 0; t < 30; t += 0.5) {
            assertThat(g.lossGap(s, t)).isGreaterThanOrEqualTo(0);
        }
        // Inference compute grows far faster than the frontier's, so the gap closes within a few years.
        assertThat(g.lossGap(s, 10)).isZero();
    }

    @Test
    void invalidParametersAreRejectedWithTheirName() {
        assertThatThrownBy(() -> new ComputeLaw(1070, -0.1, 1.7)).hasMessageContaining("alpha");
        assertThatThrownBy(() -> GapScenario.paperDefaults().withBudgets(0, 1)).hasMessageContaining("meek budget");
        assertThatThrownBy(() -> SpendingSchedule.exponential(0)).hasMessageContaining("spending growth");
        assertThatThrownBy(() -> new InferenceGap(-1, 9, 3.6))
                .hasMessage("inference budget (USD per token) must be a finite positive number, not -1.0");
        assertThatThrownBy(() -> new InferenceGap(Double.NaN, 9, 3.6)).hasMessageContaining("inference budget");
        assertThatThrownBy(() -> new InferenceGap(1e-8, 0, 3.6)).hasMessageContaining("inference price fall");
        assertThatThrownBy(() -> new InferenceGap(1e-8, 9, -2)).hasMessageContaining("algorithmic growth");
    }
}
