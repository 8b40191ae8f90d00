package dev.meektracker.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.meektracker.core.serde.Json;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.junit.jupiter.api.Test;

class EstimatorsTest {

    private static void assertRelative(double actual, double expected, double tolerance) {
        assertThat(Math.abs(actual - expected)).isLessThanOrEqualTo(tolerance * Math.max(Math.abs(expected), 1e-300));
    }

    @Test
    void simpleRegressionAgreesWithCommonsMath() {
        Random random = new Random(42);
        for (int trial = 0; trial < 20; trial++) {
            OnlineRegression online = new OnlineRegression();
            SimpleRegression batch = new SimpleRegression();
            int n = 5 + random.nextInt(500);
            double slope = random.nextGaussian();
            for (int i = 0; i < n; i++) {
                double x = 2010 + 16 * random.nextDouble();
                double y = 20 + slope * (x - 2010) + random.nextGaussian();
                online.add(x, y);
                batch.addData(x, y);
            }
            assertRelative(online.slope(), batch.getSlope(), 1e-9);
            assertRelative(online.intercept(), batch.getIntercept(), 1e-9);
            assertRelative(online.slopeStdErr(), batch.getSlopeStdErr(), 1e-8);
            assertRelative(online.interceptStdErr(), batch.getInterceptStdErr(), 1e-8);
            assertRelative(online.rSquared(), batch.getRSquare(), 1e-8);
            double[] ci = online.slopeInterval(0.9);
            assertRelative(ci[1] - online.slope(), batch.getSlopeConfidenceInterval(0.1), 1e-8);
        }
    }

    @Test
    void removingAPointRestoresTheEarlierFit() {
        Random random = new Random(7);
        OnlineRegression r = new OnlineRegression();
        for (int i = 0; i < 1000; i++) {
            r.add(2015 + 10 * random.nextDouble(), 22 + random.nextGaussian(), 0.5 + random.nextDouble());
        }
        double slope = r.slope();
        double intercept = r.intercept();
        double se = r.slopeStdErr();
        double r2 = r.rSquared();
        for (int i = 0; i < 100; i++) {
            double x = 2015 + 10 * random.nextDouble();
            double y = 22 + random.nextGaussian();
            double w = 0.5 + random.nextDouble();
            r.add(x, y, w);
            r.remove(x, y, w);
        }
        assertRelative(r.slope(), slope, 1e-9);
        assertRelative(r.intercept(), intercept, 1e-9);
        assertRelative(r.slopeStdErr(), se, 1e-9);
        assertRelative(r.rSquared(), r2, 1e-9);
        assertThat(r.n()).isEqualTo(1000);
    }

    @Test
    void weightedRegressionEqualsRepeatedPoints() {
        OnlineRegression weighted = new OnlineRegression();
        SimpleRegression repeated = new SimpleRegression();
        double[][] pts = {{2019.5, 23.1, 3}, {2020.2, 23.9, 1}, {2021.7, 24.2, 2}, {2023.1, 25.0, 4}};
        for (double[] p : pts) {
            weighted.add(p[0], p[1], p[2]);
            for (int k = 0; k < p[2]; k++) {
                repeated.addData(p[0], p[1]);
            }
        }
        assertRelative(weighted.slope(), repeated.getSlope(), 1e-9);
        assertRelative(weighted.intercept(), repeated.getIntercept(), 1e-9);
    }

    @Test
    void centredUpdatesSurviveWhereNaiveSumsFail() {
        // Observation times a few hours apart in 2025, in years: the spread is ~1e-4 on values ~2025.
        Random random = new Random(3);
        OnlineRegression online = new OnlineRegression();
        double sumX = 0;
        double sumXX = 0;
        double sumXY = 0;
        double sumY = 0;
        int n = 10_000;
        double trueSlope = 1234.5;
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            double x = 2025.0 + 1e-4 * random.nextDouble();
            double y = 25 + trueSlope * (x - 2025.0);
            xs[i] = x;
            ys[i] = y;
            online.add(x, y);
            sumX += x;
            sumY += y;
            sumXX += x * x;
            sumXY += x * y;
        }
        double naiveSxx = sumXX - sumX * sumX / n;
        double naiveSlope = (sumXY - sumX * sumY / n) / naiveSxx;
        // Exact data: the centred estimator recovers the slope to ~1e-6 relative ...
        assertRelative(online.slope(), trueSlope, 1e-6);
        // ... while the textbook sums have lost it: off by more than 1 % (or not even finite).
        assertThat(!Double.isFinite(naiveSlope) || Math.abs(naiveSlope - trueSlope) > 0.01 * trueSlope)
                .isTrue();
        // Removing half the points keeps the centred fit exact.
        for (int i = 0; i < n / 2; i++) {
            online.remove(xs[i], ys[i]);
        }
        assertRelative(online.slope(), trueSlope, 1e-6);
    }

    @Test
    void multipleRegressionAgreesWithCommonsMathOls() {
        Random random = new Random(11);
        for (int trial = 0; trial < 10; trial++) {
            int n = 20 + random.nextInt(300);
            double[][] x = new double[n][2];
            double[] y = new double[n];
            OnlineMultipleRegression online = new OnlineMultipleRegression(2);
            for (int i = 0; i < n; i++) {
                x[i][0] = 22 + 4 * random.nextDouble(); // log10 compute
                x[i][1] = 2020 + 6 * random.nextDouble(); // year
                y[i] = -300 + 10 * x[i][0] + 0.2 * x[i][1] + random.nextGaussian();
                online.add(x[i], y[i]);
            }
            OLSMultipleLinearRegression batch = new OLSMultipleLinearRegression();
            batch.newSampleData(y, x);
            double[] beta = batch.estimateRegressionParameters();
            double[] se = batch.estimateRegressionParametersStandardErrors();
            OnlineMultipleRegression.Solution s = online.solve();
            for (int i = 0; i < 3; i++) {
                assertRelative(s.coefficients()[i], beta[i], 1e-8);
                assertRelative(s.stdErr()[i], se[i], 1e-7);
            }
            assertRelative(s.rSquared(), batch.calculateRSquared(), 1e-9);
        }
    }

    @Test
    void multipleRegressionRemoveRestoresAndSerializes() throws Exception {
        Random random = new Random(5);
        OnlineMultipleRegression r = new OnlineMultipleRegression(2);
        for (int i = 0; i < 500; i++) {
            r.add(
                    new double[] {22 + 4 * random.nextDouble(), 2020 + 6 * random.nextDouble()},
                    random.nextGaussian(),
                    1 + random.nextDouble());
        }
        double[] before = r.solve().coefficients();
        double[] x = {24.4, 2023.3};
        r.add(x, 5.0, 2.0);
        r.remove(x, 5.0, 2.0);
        double[] after = r.solve().coefficients();
        for (int i = 0; i < 3; i++) {
            assertRelative(after[i], before[i], 1e-9);
        }
        String json = Json.MAPPER.writeValueAsString(r);
        OnlineMultipleRegression copy = Json.MAPPER.readValue(json, OnlineMultipleRegression.class);
        assertThat(copy.solve().coefficients()).containsExactly(r.solve().coefficients());
        OnlineRegression simple = new OnlineRegression();
        simple.add(1, 2);
        simple.add(2, 3.5);
        simple.add(3, 4.4);
        OnlineRegression simpleCopy =
                Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(simple), OnlineRegression.class);
        assertThat(simpleCopy.slope()).isEqualTo(simple.slope());
        assertThat(simpleCopy.n()).isEqualTo(3);
    }

    @Test
    void sigmoidFitRecoversParametersAndWarmStartsFast() {
        double[] truth = {0.55, 2.0, 24.0, 0.25};
        int n = 1000;
        Points points = noisySigmoid(new Random(1), n, 20, 8, truth, 0.01);
        double[] x = points.x();
        double[] y = points.y();
        NonlinearFit.Result cold = NonlinearFit.fit(NonlinearFit.Curve.SIGMOID, x, y, null);
        for (int i = 0; i < 4; i++) {
            assertThat(cold.parameters()[i]).isCloseTo(truth[i], within(4 * cold.stdErr()[i] + 1e-3));
            assertThat(cold.stdErr()[i]).isPositive().isLessThan(0.05);
        }
        assertThat(cold.rSquared()).isGreaterThan(0.99);
        y[0] += 0.02;
        NonlinearFit.Result warm = NonlinearFit.fit(NonlinearFit.Curve.SIGMOID, x, y, cold.parameters());
        assertThat(warm.iterations()).isLessThanOrEqualTo(cold.iterations());
        assertThat(warm.parameters()[2]).isCloseTo(cold.parameters()[2], within(0.01));
    }

    @Test
    void foldingRowsInBlocksGivesTheTriangleOfTheWholeMatrix() {
        Random random = new Random(5);
        int n = 2 * NonlinearFit.BLOCK + 22; // two whole blocks and a part block
        int w = 5;
        double[][] a = new double[n][w];
        for (double[] row : a) {
            for (int j = 0; j < w; j++) {
                // Columns of very different scales, one of them constant, as a sigmoid's Jacobian has.
                row[j] = j == 3 ? 1 : Math.pow(10, j - 2) * random.nextGaussian();
            }
        }
        double[][] triangle = fold(a);
        // Commons Math's R of the whole matrix at once: the same rows up to their signs.
        RealMatrix expected = new QRDecomposition(new Array2DRowRealMatrix(a)).getR();
        for (int i = 0; i < w; i++) {
            double sign = Math.signum(triangle[i][i]) * Math.signum(expected.getEntry(i, i));
            for (int j = 0; j < w; j++) {
                if (j < i) {
                    assertThat(triangle[i][j]).isZero();
                } else {
                    assertThat(sign * triangle[i][j])
                            .isCloseTo(expected.getEntry(i, j), within(1e-12 * Math.abs(expected.getEntry(j, j))));
                }
            }
        }
        // A column scaled far outside the squares' range scales the triangle's column alike (QR of
        // A·D is Q·(R·D)) instead of losing its digits to underflow or overflowing.
        for (double c : new double[] {1e-160, 1e160}) {
            double[][] scaled = new double[n][];
            for (int i = 0; i < n; i++) {
                scaled[i] = a[i].clone();
                scaled[i][1] *= c;
            }
            double[][] t = fold(scaled);
            for (int i = 0; i < w; i++) {
                for (int j = i; j < w; j++) {
                    double want = triangle[i][j] * (j == 1 ? c : 1);
                    assertThat(t[i][j]).as("c=%s, R[%d][%d]", c, i, j).isCloseTo(want, within(1e-12 * Math.abs(want)));
                }
            }
        }
    }

    @Test
    void foldingTwoColumnsAtATimeGivesTheOneAtATimeTriangleToTheBit() {
        Random random = new Random(11);
        for (int trial = 0; trial < 500; trial++) {
            int w = 2 + random.nextInt(5); // odd and even numbers of columns after the first
            double[][] fast = new double[w][w];
            double[][] plain = new double[w][w];
            for (int pass = 0; pass < 3; pass++) {
                int m = 1 + random.nextInt(NonlinearFit.BLOCK);
                double[][] a = new double[w][NonlinearFit.BLOCK];
                double[][] b = new double[w][NonlinearFit.BLOCK];
                for (int j = 0; j < w; j++) {
                    // A zero column now and then: the step that has nothing to zero.
                    boolean zero = trial % 5 == 0 && j == trial % w;
                    for (int i = 0; i < m; i++) {
                        a[j][i] = b[j][i] = zero ? 0 : random.nextGaussian() * Math.pow(10, random.nextInt(7) - 3);
                    }
                }
                NonlinearFit.fold(fast, a, m);
                foldOneColumnAtATime(plain, b, m);
            }
            for (int i = 0; i < w; i++) {
                for (int j = 0; j < w; j++) {
                    assertThat(Double.doubleToRawLongBits(fast[i][j]))
                            .as("trial %d, R[%d][%d]", trial, i, j)
                            .isEqualTo(Double.doubleToRawLongBits(plain[i][j]));
                }
            }
        }
    }

    /** The fold as first written, each sum in a pass of its own: the reference for the fused one. */
    private static void foldOneColumnAtATime(double[][] triangle, double[][] block, int m) {
        int w = triangle.length;
        for (int k = 0; k < w; k++) {
            double[] bk = block[k];
            double below = 0;
            for (int i = 0; i < m; i++) {
                below += bk[i] * bk[i];
            }
            double d = triangle[k][k];
            double norm = Math.sqrt(d * d + below);
            if (norm == Math.abs(d) && below == 0) {
                continue;
            }
            double alpha = d > 0 ? -norm : norm;
            double v0 = d - alpha;
            double scale = norm + Math.abs(d);
            triangle[k][k] = alpha;
            for (int j = k + 1; j < w; j++) {
                double[] bj = block[j];
                double dot = v0 * triangle[k][j];
                for (int i = 0; i < m; i++) {
                    dot += bk[i] * bj[i];
                }
                double f = dot / norm / scale;
                triangle[k][j] -= f * v0;
                for (int i = 0; i < m; i++) {
                    bj[i] -= f * bk[i];
                }
            }
        }
    }

    @Test
    void aSigmoidStartsFromTheGridsTwoBestNodes() {
        // Half the points at one compute, as when many results share a model's estimate: the median
        // and the 0.7, 0.9 and top quantiles are the same x, one node of the grid.
        double[] truth = {0.6, 1.5, 25, 0.25};
        double[] x = new double[40];
        double[] y = new double[40];
        for (int i = 0; i < x.length; i++) {
            x[i] = i < 20 ? 20 + 0.25 * i : 29.5;
            y[i] = NonlinearFit.Curve.SIGMOID.evaluate(x[i], truth);
        }
        List<double[]> starts = NonlinearFit.starts(NonlinearFit.Curve.SIGMOID, x, y);
        assertThat(starts).hasSize(NonlinearFit.GRID_NODES);
        double best = Double.NEGATIVE_INFINITY;
        for (double[] s : starts) {
            assertThat(NonlinearFit.Curve.SIGMOID.bound(s, 20, 29.5))
                    .as("inside the bounds")
                    .isEqualTo(s);
            assertThat(s[1]).as("a rising curve").isPositive();
            // Each start's range and floor are the least-squares ones at its slope and midpoint, and
            // the starts come best first.
            double rss = rss(x, y, s);
            assertThat(rss).isGreaterThanOrEqualTo(best - 1e-12);
            best = rss;
            for (double[] moved : new double[][] {{s[0] + 1e-3, s[3]}, {s[0], s[3] + 1e-3}, {s[0] - 1e-3, s[3]}}) {
                double[] t = {moved[0], s[1], s[2], moved[1]};
                if (Arrays.equals(NonlinearFit.Curve.SIGMOID.bound(t, 20, 29.5), t)) {
                    assertThat(rss(x, y, t)).isGreaterThanOrEqualTo(rss - 1e-12);
                }
            }
        }
        // The optimizer from there finds the curve itself.
        NonlinearFit.Result r = NonlinearFit.fitRobust(NonlinearFit.Curve.SIGMOID, x, y);
        assertThat(r.rms()).isLessThan(1e-9);
        assertThat(r.parameters()[2]).isCloseTo(25, within(1e-6));
    }

    @Test
    void whereTheOptimizerCrawlsAlongABoundThoseOnItAreHeldThereAndTheOthersFitted() throws Exception {
        // A rising sigmoid over one OOM of compute rounded to 0.1 (one of 1,800 random ones): from
        // each of the grid's best nodes the optimizer presses the range against 1 and the floor
        // against 0 and crawls along them until it gives up (it did, and the fit had to come from a
        // later node, before the bounds it reached were held).
        double[] x = {22.7, 22.6, 22.5, 22.8, 21.8, 21.3, 21.7, 21.6, 21.9, 21.7, 22.2, 21.5, 21.3, 22.7, 22.4};
        double[] y = {
            0.20323264928037804, 0.22693279413874642, 0.2646670482969624, 0.32116165515696005, 0.10927390989829,
            0.006232941395915945, 0.15481308608524835, 0.1281085569986259, 0.10118001312490718, 0.1319527777179809,
            0.2826023180492812, 0.09647991869246454, 0.1742937634300089, 0.2714103688098344, 0.1453539197225865
        };
        List<double[]> nodes = NonlinearFit.starts(NonlinearFit.Curve.SIGMOID, x, y);
        double first = Double.NaN;
        for (int i = 0; i < 5; i++) {
            NonlinearFit.Result r = NonlinearFit.fit(NonlinearFit.Curve.SIGMOID, x, y, nodes.get(i));
            double[] t = r.parameters();
            assertThat(r.iterations()).as("a held round ran").isGreaterThan(NonlinearFit.MAX_ITERATIONS);
            assertThat(r.atBound()).containsExactly(true, false, false, true);
            assertThat(t[0]).isEqualTo(1.0);
            assertThat(t[3]).isEqualTo(0.0);
            // The free parameters where the residual is stationary in them (to the flat valley's
            // tolerance), ...
            double[][] slope = NonlinearFit.costGradient(NonlinearFit.Curve.SIGMOID, x, y, t);
            assertThat(Math.abs(slope[0][1])).isLessThan(1e-4 * slope[1][1]);
            assertThat(Math.abs(slope[0][2])).isLessThan(1e-4 * slope[1][2]);
            // ... and the held ones where any step back inside the bounds makes it worse.
            double rss = rss(x, y, t);
            for (double[] inside : new double[][] {{-1e-4, 0}, {-1e-4, 5e-5}, {-1e-3, 1e-3}}) {
                double[] moved = {t[0] + inside[0], t[1], t[2], t[3] + inside[1]};
                assertThat(rss(x, y, moved)).isGreaterThan(rss);
            }
            // Intervals for the free ones only.
            assertThat(r.stdErr()[1]).isFinite().isPositive();
            assertThat(r.stdErr()[2]).isFinite().isPositive();
            assertThat(r.stdErr()[0]).isNaN();
            assertThat(r.stdErr()[3]).isNaN();
            // The same optimum from every node that reaches it (a flat valley: to the ninth digit).
            first = i == 0 ? r.rms() : first;
            assertThat(r.rms()).isCloseTo(first, within(1e-9));
        }
        // The grid's later node reaches another optimum, 0.3 % lower, that fitRobust no longer
        // tries once the best two have one (0.0509524 against 0.0511160 here).
        assertThat(NonlinearFit.fitRobust(NonlinearFit.Curve.SIGMOID, x, y).rms())
                .isCloseTo(first, within(1e-9));
    }

    @Test
    void aFloorHeldAtItsUpperBoundFollowsTheRange() {
        NonlinearFit.Curve c = NonlinearFit.Curve.SIGMOID;
        double[] at = {0.7, 1.5, 25, 0.3};
        boolean[] held = {false, false, false, true};
        // Wherever the optimizer moves the range, the floor is 1 − lm: the curve tops out at 1.
        assertThat(c.hold(new double[] {0.6, 2, 24, 0.1}, held, at)).containsExactly(0.6, 2, 24, 0.4);
        // The gradient in lm is the curve's along b = 1 − lm, a difference quotient's to 1e-7.
        double[] g = new double[4];
        double px = 24.2;
        c.valueAndGradient(px, at, g);
        c.holdGradient(g, held, at);
        double h = 1e-6;
        double along = (c.evaluate(px, new double[] {at[0] + h, at[1], at[2], 1 - at[0] - h})
                        - c.evaluate(px, new double[] {at[0] - h, at[1], at[2], 1 - at[0] + h}))
                / (2 * h);
        assertThat(g[0]).isCloseTo(along, within(1e-7));
        assertThat(g[3]).isZero();
        // Back inside is down for a floor on 1 − lm, up for one on 0, down for a range on 1.
        assertThat(c.inward(held, at, 20, 30)).containsExactly(0, 0, 0, -1);
        assertThat(c.inward(new boolean[] {true, false, false, true}, new double[] {1, 1.5, 25, 0}, 20, 30))
                .containsExactly(-1, 0, 0, 1);
    }

    @Test
    void whereTheTwoBestNodesFindNoOptimumTheNextNodesAreTried() throws Exception {
        double[][] points = resourcePoints("sigmoid-84-points.csv");
        double[] x = points[0];
        double[] y = points[1];
        List<double[]> nodes = NonlinearFit.starts(NonlinearFit.Curve.SIGMOID, x, y);
        for (int i = 0; i < NonlinearFit.GRID_STARTS; i++) {
            double[] node = nodes.get(i);
            assertThatThrownBy(() -> NonlinearFit.fit(NonlinearFit.Curve.SIGMOID, x, y, node))
                    .as("node %d", i)
                    .isInstanceOf(RuntimeException.class);
        }
        NonlinearFit.Result r = NonlinearFit.fitRobust(NonlinearFit.Curve.SIGMOID, x, y);
        assertThat(r.rms()).isCloseTo(0.0178625068, within(1e-9));
        assertThat(r.parameters()[1]).as("a falling step").isEqualTo(-NonlinearFit.Curve.MAX_SLOPE);
    }

    /** Points (x, y) from a CSV beside this class, lines starting with # left out. */
    private static double[][] resourcePoints(String name) throws Exception {
        List<String> lines;
        try (var in = EstimatorsTest.class.getResourceAsStream(name)) {
            lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .toList();
        }
        double[][] points = new double[2][lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            points[0][i] = Double.parseDouble(f[0]);
            points[1][i] = Double.parseDouble(f[1]);
        }
        return points;
    }

    @Test
    void theGridsRangeAndFloorAreTheLeastSquaresInsideTheirBounds() {
        Random random = new Random(5);
        for (int trial = 0; trial < 200; trial++) {
            int n = 3 + random.nextInt(30);
            double[] s = new double[n];
            double[] y = new double[n];
            double[] w = new double[n];
            double sw = 0, swy = 0, swyy = 0, ss = 0, sss = 0, ssy = 0;
            // Scores anywhere in [0, 1], some far from any sigmoid, so every edge of the triangle is hit.
            double lean = random.nextDouble();
            for (int i = 0; i < n; i++) {
                s[i] = random.nextDouble();
                y[i] = trial % 3 == 0
                        ? random.nextDouble()
                        : Math.min(1, Math.max(0, lean * (1 - s[i]) + 0.1 * random.nextGaussian()));
                w[i] = 1 + random.nextInt(3);
                sw += w[i];
                swy += w[i] * y[i];
                swyy += w[i] * y[i] * y[i];
                ss += w[i] * s[i];
                sss += w[i] * s[i] * s[i];
                ssy += w[i] * s[i] * y[i];
            }
            double[] solved = NonlinearFit.Profile.solve(sw, swy, swyy, ss, sss, ssy);
            double lm = solved[0];
            double b = solved[1];
            assertThat(lm).isBetween(NonlinearFit.Curve.MIN_RANGE, 1.0);
            assertThat(b).isBetween(0.0, 1 - lm + 1e-15);
            double direct = 0;
            for (int i = 0; i < n; i++) {
                direct += w[i] * Math.pow(y[i] - lm * s[i] - b, 2);
            }
            assertThat(solved[2]).isCloseTo(direct, within(1e-12));
            // No point of a fine mesh of the triangle does better.
            double mesh = Double.POSITIVE_INFINITY;
            for (int a = 0; a <= 200; a++) {
                double l = NonlinearFit.Curve.MIN_RANGE + (1 - NonlinearFit.Curve.MIN_RANGE) * a / 200.0;
                for (int c = 0; c <= 200; c++) {
                    double f = (1 - l) * c / 200.0;
                    double r = 0;
                    for (int i = 0; i < n; i++) {
                        r += w[i] * Math.pow(y[i] - l * s[i] - f, 2);
                    }
                    mesh = Math.min(mesh, r);
                }
            }
            assertThat(direct).isLessThanOrEqualTo(mesh + 1e-12);
        }
    }

    /**
     * The grid's starts against the five the fit used before (the data's guess of range, floor and
     * slope, its midpoint at the median and at x's 0.1, 0.3, 0.7 and 0.9 quantiles), on random
     * sigmoids of any slope sign, range, floor, noise and compute span, half with compute rounded to
     * 0.1 OOM: which ends at the better optimum.
     */
    @Test
    void gridStartsReachTheBestOptimumWhereTheQuantileStartsMissIt() {
        Random random = new Random(7);
        int[] sizes = {8, 15, 30, 84, 300};
        int gridMisses = 0;
        int quantileMisses = 0;
        int sets = 150;
        for (int d = 0; d < sets; d++) {
            int n = sizes[d % sizes.length];
            double lo = 18 + 6 * random.nextDouble();
            double span = 0.5 + 9.5 * random.nextDouble();
            double lm = 0.05 + 0.95 * random.nextDouble();
            double b = (1 - lm) * random.nextDouble();
            double k = (random.nextBoolean() ? 1 : -1) * Math.exp(Math.log(0.2) + random.nextDouble() * Math.log(100));
            double x0 = lo - span / 2 + 2 * span * random.nextDouble();
            double noise = Math.exp(Math.log(0.005) + random.nextDouble() * Math.log(20));
            boolean round = random.nextBoolean();
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = lo + span * random.nextDouble();
                if (round) {
                    x[i] = Math.round(x[i] * 10) / 10.0;
                }
                y[i] = Math.max(
                        0,
                        Math.min(
                                1,
                                NonlinearFit.Curve.SIGMOID.evaluate(x[i], new double[] {lm, k, x0, b})
                                        + noise * random.nextGaussian()));
            }
            List<double[]> nodes = NonlinearFit.starts(NonlinearFit.Curve.SIGMOID, x, y);
            double grid = bestRms(x, y, nodes.subList(0, NonlinearFit.GRID_STARTS));
            for (int i = NonlinearFit.GRID_STARTS; i < nodes.size() && grid == Double.POSITIVE_INFINITY; i++) {
                grid = bestRms(x, y, nodes.subList(i, i + 1));
            }
            double quantiles = bestRms(x, y, NonlinearFit.quantileStarts(x, y));
            if (grid == Double.POSITIVE_INFINITY) {
                assertThatThrownBy(() -> NonlinearFit.fitRobust(NonlinearFit.Curve.SIGMOID, x, y))
                        .isInstanceOf(RuntimeException.class);
            } else {
                // (fitRobust keeps the first of two optima within 1e-15 of each other)
                assertThat(NonlinearFit.fitRobust(NonlinearFit.Curve.SIGMOID, x, y)
                                .rms())
                        .isCloseTo(grid, within(1e-15));
            }
            // A failure from every start counts as a miss where the other starts reach an optimum.
            double best = Math.min(grid, quantiles);
            gridMisses += grid > best * 1.01 ? 1 : 0;
            quantileMisses += quantiles > best * 1.01 ? 1 : 0;
        }
        assertThat(quantileMisses)
                .as("the quantile starts more than 1 per cent above the better optimum")
                .isGreaterThanOrEqualTo(10);
        assertThat(gridMisses)
                .as("the grid's starts more than 1 per cent above it")
                .isLessThanOrEqualTo(quantileMisses / 3);
    }

    /** The least rms the optimizer reaches from these starts; infinite when it fails from all. */
    private static double bestRms(double[] x, double[] y, List<double[]> starts) {
        double best = Double.POSITIVE_INFINITY;
        for (double[] start : starts) {
            try {
                best = Math.min(
                        best,
                        NonlinearFit.fit(NonlinearFit.Curve.SIGMOID, x, y, start)
                                .rms());
            } catch (RuntimeException failed) {
                // another start may do
            }
        }
        return best;
    }

    private static double rss(double[] x, double[] y, double[] theta) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += Math.pow(y[i] - NonlinearFit.Curve.SIGMOID.evaluate(x[i], theta), 2);
        }
        return sum;
    }

    /** The triangle of {@code a}, its rows folded in blocks as the reduced problem folds them. */
    /** Points of a sigmoid in compute: x uniform over [lo, lo + span), y the curve plus Gaussian noise. */
    private record Points(double[] x, double[] y) {}

    private static Points noisySigmoid(Random random, int n, double lo, double span, double[] truth, double noise) {
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = lo + span * random.nextDouble();
            y[i] = NonlinearFit.Curve.SIGMOID.evaluate(x[i], truth) + noise * random.nextGaussian();
        }
        return new Points(x, y);
    }

    private static double[][] fold(double[][] a) {
        int w = a[0].length;
        double[][] triangle = new double[w][w];
        for (int start = 0; start < a.length; start += NonlinearFit.BLOCK) {
            int m = Math.min(NonlinearFit.BLOCK, a.length - start);
            double[][] block = new double[w][NonlinearFit.BLOCK];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < w; j++) {
                    block[j][i] = a[start + i][j];
                }
            }
            NonlinearFit.fold(triangle, block, m);
        }
        return triangle;
    }

    @Test
    void reducedProblemFitsAsTheFullOne() {
        for (int seed = 0; seed < 6; seed++) {
            double[] truth = {0.3 + 0.1 * seed, (seed % 2 == 0 ? 1 : -1) * (0.8 + 0.3 * seed), 22 + seed, 0.05};
            int n = 20 + 300 * seed;
            Points points = noisySigmoid(new Random(seed), n, 18, 10, truth, 0.03);
            double[] x = points.x();
            double[] y = points.y();
            NonlinearFit.Result full = NonlinearFit.fitRobust(NonlinearFit.Curve.SIGMOID, x, y, NonlinearFit.Form.FULL);
            NonlinearFit.Result reduced =
                    NonlinearFit.fitRobust(NonlinearFit.Curve.SIGMOID, x, y, NonlinearFit.Form.REDUCED);
            assertRelative(reduced.rms(), full.rms(), 1e-12);
            assertRelative(reduced.rSquared(), full.rSquared(), 1e-12);
            for (int j = 0; j < 4; j++) {
                // The optimizer stops once the cost moves by 1e-14 relative: along a direction the data
                // hardly determine, both forms stop inside the same sliver of it, a millionth of a
                // standard error wide.
                assertThat(reduced.parameters()[j]).isCloseTo(full.parameters()[j], within(1e-6 * full.stdErr()[j]));
                assertRelative(reduced.stdErr()[j], full.stdErr()[j], 1e-6);
            }
        }
        double[] x = new double[40];
        double[] y = new double[40];
        for (int i = 0; i < x.length; i++) {
            x[i] = 18 + 0.25 * i;
            y[i] = 1070 * Math.pow(10, -0.154 * x[i]) + 1.7 + 0.01 * Math.sin(i);
        }
        NonlinearFit.Result full = NonlinearFit.fit(NonlinearFit.Curve.POWER_LAW, x, y, null, NonlinearFit.Form.FULL);
        NonlinearFit.Result reduced = NonlinearFit.fit(NonlinearFit.Curve.POWER_LAW, x, y, null);
        for (int j = 0; j < 3; j++) {
            assertThat(reduced.parameters()[j]).isCloseTo(full.parameters()[j], within(1e-6 * full.stdErr()[j]));
            assertRelative(reduced.stdErr()[j], full.stdErr()[j], 1e-6);
        }
    }

    @Test
    void pointsThatShareAnXFoldInAsOneRowAndFitAsEachOnItsOwn() {
        for (int seed = 0; seed < 6; seed++) {
            Random random = new Random(seed);
            double[] truth = {0.4 + 0.1 * seed, 0.9 + 0.2 * seed, 24 + seed, 0.1};
            int n = 40 + 400 * seed;
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                // Compute estimates of few digits, as Epoch's are: most x come several times, some
                // once, with scores that differ between the points of one x.
                x[i] = Math.round((20 + 12 * random.nextDouble()) * 4) / 4.0 + (i % 7 == 0 ? 0.01 * i : 0);
                y[i] = NonlinearFit.Curve.SIGMOID.evaluate(x[i], truth) + 0.04 * random.nextGaussian();
            }
            NonlinearFit.Result each =
                    NonlinearFit.fitRobust(NonlinearFit.Curve.SIGMOID, x, y, NonlinearFit.Form.REDUCED_EVERY_POINT);
            NonlinearFit.Result merged = NonlinearFit.fitRobust(NonlinearFit.Curve.SIGMOID, x, y);
            assertThat(merged.n()).isEqualTo(n);
            assertRelative(merged.rms(), each.rms(), 1e-12);
            assertRelative(merged.rSquared(), each.rSquared(), 1e-12);
            for (int j = 0; j < 4; j++) {
                assertThat(merged.parameters()[j]).isCloseTo(each.parameters()[j], within(1e-6 * each.stdErr()[j]));
                assertRelative(merged.stdErr()[j], each.stdErr()[j], 1e-6);
            }
        }
        // Without a repeated x the rows are the points in their order: the same fit to the bit.
        Points points = noisySigmoid(new Random(9), 300, 20, 12, new double[] {0.7, 1.2, 26, 0.2}, 0.03);
        double[] x = points.x();
        double[] y = points.y();
        NonlinearFit.Result each =
                NonlinearFit.fitRobust(NonlinearFit.Curve.SIGMOID, x, y, NonlinearFit.Form.REDUCED_EVERY_POINT);
        NonlinearFit.Result merged = NonlinearFit.fitRobust(NonlinearFit.Curve.SIGMOID, x, y);
        assertThat(merged.parameters()).isEqualTo(each.parameters());
        assertThat(merged.stdErr()).isEqualTo(each.stdErr());
        assertThat(merged.rms()).isEqualTo(each.rms());
    }

    @Test
    void aSigmoidOnItsSlopeBoundHasNoErrorThereAndTheOthersHoldItFixed() {
        // Eight models, scores that jump between two compute levels: the least squares want an ever
        // steeper step, and the slope ends on its bound of 20 per OOM.
        double[] x = {22.0, 22.4, 22.9, 23.3, 24.1, 24.6, 25.0, 25.5};
        double[] y = {0.21, 0.19, 0.22, 0.20, 0.71, 0.69, 0.73, 0.70};
        NonlinearFit.Result r = NonlinearFit.fitRobust(NonlinearFit.Curve.SIGMOID, x, y);
        assertThat(Math.abs(r.parameters()[1])).isEqualTo(NonlinearFit.Curve.MAX_SLOPE);
        assertThat(r.atBound()).containsExactly(false, true, false, false);
        assertThat(r.stdErr()[1]).isNaN();
        // The free parameters' errors: sqrt(σ²·diag((JᵀJ)⁻¹)) over the columns of lm, x0 and b alone,
        // the Jacobian of the full n-row problem written out here.
        double[][] rows = new double[x.length][3];
        double[] g = new double[4];
        for (int i = 0; i < x.length; i++) {
            NonlinearFit.Curve.SIGMOID.gradient(x[i], r.parameters(), g);
            rows[i] = new double[] {g[0], g[2], g[3]};
        }
        RealMatrix j = new Array2DRowRealMatrix(rows);
        RealMatrix cov = new QRDecomposition(j.transpose().multiply(j), 1e-14)
                .getSolver()
                .getInverse();
        double sigma2 = r.rms() * r.rms() * x.length / (x.length - 4);
        int[] free = {0, 2, 3};
        for (int k = 0; k < free.length; k++) {
            assertRelative(r.stdErr()[free[k]], Math.sqrt(sigma2 * cov.getEntry(k, k)), 1e-6);
        }
        // With the slope left in JᵀJ the range's error is larger (a principal submatrix's inverse
        // never exceeds the whole inverse on the diagonal), by its coupling to a direction the fit
        // cannot move in.
        double[][] all = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            all[i] = new double[4];
            NonlinearFit.Curve.SIGMOID.gradient(x[i], r.parameters(), all[i]);
        }
        RealMatrix jAll = new Array2DRowRealMatrix(all);
        double unconditional = Math.sqrt(sigma2
                * new QRDecomposition(jAll.transpose().multiply(jAll), 1e-14)
                        .getSolver()
                        .getInverse()
                        .getEntry(0, 0));
        assertThat(unconditional).isGreaterThan(r.stdErr()[0] * (1 + 1e-6));
    }

    @Test
    void aSigmoidInsideItsBoundsIsAtNone() {
        Points points = noisySigmoid(new Random(3), 200, 20, 10, new double[] {0.6, 1.1, 25, 0.25}, 0.02);
        double[] x = points.x();
        double[] y = points.y();
        NonlinearFit.Result r = NonlinearFit.fitRobust(NonlinearFit.Curve.SIGMOID, x, y);
        assertThat(r.atBound()).containsOnly(false);
        for (double se : r.stdErr()) {
            assertThat(se).isFinite().isPositive();
        }
    }

    @Test
    void mergedPointsKeepTheirCountsMeansAndSpread() {
        NonlinearFit.Merged m =
                NonlinearFit.Merged.of(new double[] {2, 1, 2, 3, 1, 2}, new double[] {0.5, 0.1, 0.7, 0.9, 0.3, 0.6});
        assertThat(m.x()).containsExactly(2, 1, 3);
        assertThat(m.y()).containsExactly(new double[] {0.6, 0.2, 0.9}, within(1e-15));
        assertThat(m.sqrtCounts()).containsExactly(new double[] {Math.sqrt(3), Math.sqrt(2), 1}, within(1e-15));
        // (0.5-0.6)² + (0.7-0.6)² + 0 + (0.1-0.2)² + (0.3-0.2)²
        assertThat(m.within()).isCloseTo(0.04, within(1e-15));
        NonlinearFit.Merged none = NonlinearFit.Merged.of(new double[] {1, 2}, new double[] {0.1, 0.2});
        assertThat(none.sqrtCounts()).isNull();
        assertThat(none.within()).isZero();
    }

    @Test
    void powerLawFitRecoversThePapersLaw() {
        double[] x = new double[40];
        double[] y = new double[40];
        for (int i = 0; i < x.length; i++) {
            x[i] = 18 + 0.25 * i; // 1e18 … 1e27.75 FLOP
            y[i] = 1070 * Math.pow(10, -0.154 * x[i]) + 1.7;
        }
        NonlinearFit.Result r = NonlinearFit.fit(NonlinearFit.Curve.POWER_LAW, x, y, null);
        assertThat(Math.exp(r.parameters()[0])).isCloseTo(1070, within(1.0));
        assertThat(r.parameters()[1]).isCloseTo(0.154, within(1e-4));
        assertThat(r.parameters()[2]).isCloseTo(1.7, within(1e-3));
    }

    @Test
    void growthConversions() {
        // 0.65 OOM/yr ≈ 4.47×/yr; frontier compute doubling ≈ 5.6 months.
        assertThat(Growth.timesPerYear(0.65)).isCloseTo(4.4668, within(1e-4));
        assertThat(Growth.doublingTimeYears(Math.log10(2))).isCloseTo(1.0, within(1e-12));
        assertThat(Growth.oomPerYearFromDoubling(2.5)).isCloseTo(0.120412, within(1e-6));
        Growth.Rate rate = Growth.Rate.of(0.6, new double[] {0.5, 0.7});
        assertThat(rate.timesPerYearLow()).isCloseTo(Math.sqrt(10), within(1e-9));
        assertThat(rate.doublingTimeLow()).isLessThan(rate.doublingTimeYears()).isLessThan(rate.doublingTimeHigh());
        assertThat(Growth.Rate.of(0.1, new double[] {-0.1, 0.3}).doublingTimeHigh())
                .isInfinite();
    }
}
