package dev.meektracker.core.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.exception.ConvergenceException;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.exception.TooManyIterationsException;
import org.apache.commons.math3.exception.util.LocalizedFormats;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresFactory;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresProblem;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;

/**
 * Nonlinear least squares with Commons Math's Levenberg–Marquardt optimizer for the two curves the
 * tracker needs. The optimizer is handed the problem in its reduced form ({@link Form#REDUCED}):
 * p + 1 rows whatever the number of points. The tracker fits from starts taken from the data alone
 * ({@link #fitRobust}), never from a previous fit: a warm start would make the published parameters depend, in their last
 * digits, on the order and timing of earlier refits, and a restarted or replayed tracker must
 * publish the same numbers as one that ran without a break. Standard errors come from the Jacobian at the optimum:
 * {@code sqrt(σ²·diag((JᵀJ)⁻¹))} with {@code σ² = RSS/(n − p)}.
 */
public final class NonlinearFit {

    /** A curve y = f(x; θ) with its analytic gradient in θ. */
    public enum Curve {
        /**
         * The paper's benchmark form, {@code y = lm/(1 + exp(−k·(x − x0))) + b}; θ = (lm, k, x0, b).
         * Used with x = log10 compute and y = score as a fraction.
         */
        SIGMOID(new String[] {"lm", "k", "x0", "b"}) {
            @Override
            double value(double x, double[] t) {
                return t[0] / (1 + Math.exp(-t[1] * (x - t[2]))) + t[3];
            }

            @Override
            void gradient(double x, double[] t, double[] g) {
                valueAndGradient(x, t, g);
            }

            /** One exponential for both: the same expressions as {@link #value} and the gradient. */
            @Override
            double valueAndGradient(double x, double[] t, double[] g) {
                double e = Math.exp(-t[1] * (x - t[2]));
                double s = 1 / (1 + e);
                double ds = s * s * e; // d s / d(k·(x − x0))
                g[0] = s;
                g[1] = t[0] * ds * (x - t[2]);
                g[2] = -t[0] * ds * t[1];
                g[3] = 1;
                return t[0] / (1 + e) + t[3];
            }

            /**
             * Keeps the curve a score curve: range lm in (0, 1], floor b in [0, 1 − lm], a finite slope, and
             * a midpoint near the data. Without it a few points on one flank fit equally well with absurd
             * parameters (an enormous range offset by a negative floor).
             */
            @Override
            double[] bound(double[] t, double lo, double hi) {
                double lm = clamp(t[0], MIN_RANGE, 1);
                double k = clamp(t[1], -MAX_SLOPE, MAX_SLOPE);
                double x0 = clamp(t[2], lo - MIDPOINT_MARGIN, hi + MIDPOINT_MARGIN);
                double b = clamp(t[3], 0, 1 - lm);
                return new double[] {lm, k, x0, b};
            }

            @Override
            boolean[] atBound(double[] t, double lo, double hi) {
                return new boolean[] {
                    t[0] <= MIN_RANGE || t[0] >= 1,
                    Math.abs(t[1]) >= MAX_SLOPE,
                    t[2] <= lo - MIDPOINT_MARGIN || t[2] >= hi + MIDPOINT_MARGIN,
                    t[3] <= 0 || t[3] >= 1 - t[0]
                };
            }

            /** A floor held at its upper bound stays there as the range moves: b = 1 − lm. */
            @Override
            double[] hold(double[] t, boolean[] held, double[] at) {
                double[] h = super.hold(t, held, at);
                if (held[3] && at[3] > 0) {
                    h[3] = 1 - h[0];
                }
                return h;
            }

            /** With b = 1 − lm, lm moves both: ∂f/∂lm − ∂f/∂b. */
            @Override
            void holdGradient(double[] g, boolean[] held, double[] at) {
                if (held[3] && at[3] > 0 && !held[0]) {
                    g[0] -= g[3];
                }
                super.holdGradient(g, held, at);
            }

            /** The floor's upper bound is 1 − lm: held above 0, it is on that one. */
            @Override
            int[] inward(boolean[] held, double[] at, double xMin, double xMax) {
                int[] in = super.inward(held, at, xMin, xMax);
                if (held[3]) {
                    in[3] = at[3] > 0 ? -1 : 1;
                }
                return in;
            }

            @Override
            public double[][] domain(double xMin, double xMax) {
                return new double[][] {
                    {MIN_RANGE, 1},
                    {-MAX_SLOPE, MAX_SLOPE},
                    {xMin - MIDPOINT_MARGIN, xMax + MIDPOINT_MARGIN},
                    {0, 1 - MIN_RANGE}
                };
            }

            @Override
            double[] initialGuess(double[] x, double[] y) {
                double lo = Arrays.stream(y).min().orElse(0);
                double hi = Arrays.stream(y).max().orElse(1);
                double[] sorted = x.clone();
                Arrays.sort(sorted);
                double span = Math.max(sorted[sorted.length - 1] - sorted[0], 1e-6);
                double sign = Math.signum(slope(x, y));
                return new double[] {
                    Math.max(hi - lo, 1e-3), (sign == 0 ? 1 : sign) * 4 / span, sorted[sorted.length / 2], lo
                };
            }
        },
        /**
         * A power law with an irreducible term, {@code y = exp(lnA − α·ln(10)·x) + E}; θ = (lnA, α, E).
         * Used with x = log10 compute (FLOP) and y = loss, so A and E keep the meaning of {@code A·C^(−α) + E}.
         */
        POWER_LAW(new String[] {"lnA", "alpha", "E"}) {
            @Override
            double value(double x, double[] t) {
                return Math.exp(t[0] - t[1] * LN10 * x) + t[2];
            }

            @Override
            void gradient(double x, double[] t, double[] g) {
                double p = Math.exp(t[0] - t[1] * LN10 * x);
                g[0] = p;
                g[1] = -p * LN10 * x;
                g[2] = 1;
            }

            @Override
            double[] initialGuess(double[] x, double[] y) {
                double floor = Arrays.stream(y).min().orElse(0) * 0.9;
                OnlineRegression r = new OnlineRegression();
                for (int i = 0; i < x.length; i++) {
                    double reducible = y[i] - floor;
                    if (reducible > 0) {
                        r.add(x[i] * LN10, Math.log(reducible));
                    }
                }
                double alpha = r.n() >= 2 ? -r.slope() : 0.1;
                return new double[] {r.n() >= 2 ? r.intercept() : 0, alpha, floor};
            }
        };

        private static final double LN10 = Math.log(10);

        /** The sigmoid's least range lm, as a fraction of the scale. */
        public static final double MIN_RANGE = 1e-3;

        /** The sigmoid's steepest slope |k|, per order of magnitude of compute. */
        public static final double MAX_SLOPE = 20;

        /** How far outside the data's compute the sigmoid's midpoint x0 may lie, orders of magnitude. */
        public static final double MIDPOINT_MARGIN = 5;

        private final String[] parameterNames;

        Curve(String[] parameterNames) {
            this.parameterNames = parameterNames;
        }

        public String[] parameterNames() {
            return parameterNames.clone();
        }

        public int parameters() {
            return parameterNames.length;
        }

        abstract double value(double x, double[] theta);

        abstract void gradient(double x, double[] theta, double[] out);

        /** f(x; θ), with its gradient written to {@code out}. */
        double valueAndGradient(double x, double[] theta, double[] out) {
            gradient(x, theta, out);
            return value(x, theta);
        }

        abstract double[] initialGuess(double[] x, double[] y);

        /**
         * Projects θ back into the curve's meaningful domain after each optimizer step, given the
         * data's lowest and highest x; no bounds by default.
         */
        double[] bound(double[] theta, double xMin, double xMax) {
            return theta;
        }

        /**
         * Which parameters of θ (one that {@link #bound} leaves as it is) sit on a bound, given the
         * data's lowest and highest x; none by default.
         */
        boolean[] atBound(double[] theta, double xMin, double xMax) {
            return new boolean[theta.length];
        }

        /**
         * θ with the held parameters kept where they were held ({@code at}); by default each at its
         * value there.
         */
        double[] hold(double[] theta, boolean[] held, double[] at) {
            double[] t = theta.clone();
            for (int j = 0; j < t.length; j++) {
                if (held[j]) {
                    t[j] = at[j];
                }
            }
            return t;
        }

        /**
         * The gradient of f in the parameters left free when {@code held} are held as {@link #hold}
         * holds them ({@code at}: θ where they were held): by default the held parameters' entries
         * zeroed.
         */
        void holdGradient(double[] g, boolean[] held, double[] at) {
            for (int j = 0; j < g.length; j++) {
                if (held[j]) {
                    g[j] = 0;
                }
            }
        }

        /**
         * For each held parameter, the sign of a step from its bound back into the domain: +1 from a
         * lower bound, −1 from an upper one ({@code at}: θ where it was held).
         */
        int[] inward(boolean[] held, double[] at, double xMin, double xMax) {
            double[][] d = domain(xMin, xMax);
            int[] in = new int[held.length];
            for (int j = 0; j < held.length; j++) {
                if (held[j]) {
                    in[j] = at[j] <= d[j][0] ? 1 : -1;
                }
            }
            return in;
        }

        /**
         * Each parameter's range as {@link #bound} keeps it, given the data's lowest and highest x:
         * {@code [i][0]} to {@code [i][1]}, infinite where it has none. A floor whose upper bound
         * moves with the range (b ≤ 1 − lm) is given its widest, 1 − the least range.
         */
        public double[][] domain(double xMin, double xMax) {
            double[][] d = new double[parameterNames.length][];
            for (int i = 0; i < d.length; i++) {
                d[i] = new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
            }
            return d;
        }

        static double clamp(double v, double lo, double hi) {
            return Math.max(lo, Math.min(hi, v));
        }

        public double evaluate(double x, double[] theta) {
            return value(x, theta);
        }
    }

    /**
     * @param parameters fitted θ
     * @param stdErr     standard errors of θ: NaN where not identifiable, and for a parameter on a
     *                   bound, whose neighbours' errors are then those with it held there
     * @param atBound    which parameters ended on a bound of the curve (the data do not place them
     *                   inside; an interval around them would mean nothing)
     * @param rSquared   1 − RSS/TSS
     * @param rms        root mean square residual
     * @param iterations optimizer iterations used
     * @param n          points
     */
    public record Result(
            Curve curve,
            double[] parameters,
            double[] stdErr,
            boolean[] atBound,
            double rSquared,
            double rms,
            int iterations,
            int n) {

        public double predict(double x) {
            return curve.value(x, parameters);
        }
    }

    /**
     * How the optimizer sees the least-squares problem. A Levenberg–Marquardt step, its acceptance
     * and its stopping tests depend on the residuals r and the Jacobian J only through JᵀJ, Jᵀr and
     * ‖r‖, and so do the covariances. Those are kept by the triangle of a QR factorisation of the
     * augmented matrix [J | r]: {@code [[R, z], [0, ρ]]} with RᵀR = JᵀJ, Rᵀz = Jᵀr and ‖z‖² + ρ² = ‖r‖².
     */
    public enum Form {
        /**
         * The (p + 1) × p problem with Jacobian [R; 0] and residuals (z, ρ), folded in from the points
         * in blocks by Householder reflections ({@link #fold}), as MINPACK's {@code lmstr} folds them in
         * one at a time by Givens rotations to save storage. The same iterates in exact arithmetic, and
         * backward stable like the optimizer's own QR (unlike forming JᵀJ, which squares the condition
         * number). What it saves is the optimizer's QR, its Qᵀr and its copies of an n × p Jacobian
         * at every iteration: one start on 2,000 points took 2.3 ms against 5.0 ms
         * ({@code EstimatorBenchmark} compares the two in one run). A fit whose parameters are not
         * identified (a flat valley of equal residuals) may end at another point of the valley.
         */
        REDUCED,
        /**
         * {@link #REDUCED} with every point folded in as a row of its own, also where points share an
         * x: the baseline the merging of those is tested and benchmarked against.
         */
        REDUCED_EVERY_POINT,
        /** The textbook n-row problem: the reference the reduced form is tested and benchmarked against. */
        FULL
    }

    /** Points folded into the triangle at a time: a block's columns stay in the first-level cache. */
    static final int BLOCK = 64;

    private NonlinearFit() {}

    /**
     * The Jacobian as the Levenberg–Marquardt optimizer reads it. The optimizer's QR step starts with
     * {@code scalarMultiply(-1).getData()}: Commons Math multiplies any matrix through bounds-checked
     * getEntry and setEntry, element by element (half of every iteration on 2,000 points), and
     * getData copies the result once more. Here it is one loop over the rows into a matrix that hands
     * its rows over without the copy (the optimizer only reads them into its own work array);
     * multiplying by -1 is exact, so the fit is the same to the bit.
     */
    private static final class Jacobian extends Array2DRowRealMatrix {
        private static final long serialVersionUID = 1L;

        Jacobian(double[][] rows) {
            super(rows, false);
        }

        @Override
        public RealMatrix scalarMultiply(double d) {
            double[][] in = getDataRef();
            double[][] out = new double[in.length][];
            for (int i = 0; i < in.length; i++) {
                double[] row = in[i];
                double[] o = new double[row.length];
                for (int j = 0; j < row.length; j++) {
                    o[j] = row[j] * d;
                }
                out[i] = o;
            }
            return new Handover(out);
        }
    }

    /** A matrix whose {@link #getData} is its own rows, for a caller that takes them over. */
    private static final class Handover extends Array2DRowRealMatrix {
        private static final long serialVersionUID = 1L;

        Handover(double[][] rows) {
            super(rows, false);
        }

        @Override
        public double[][] getData() {
            return getDataRef();
        }
    }

    /**
     * Fits from starts taken from the data alone ({@link #starts}), keeping the best: a flat or
     * multi-modal objective then gives the same answer whatever the history, and the answer is a
     * function of (x, y) alone.
     */
    public static Result fitRobust(Curve curve, double[] x, double[] y) {
        return fitRobust(curve, x, y, Form.REDUCED);
    }

    /** {@link #fitRobust(Curve, double[], double[])} with the problem handed over in the given form. */
    public static Result fitRobust(Curve curve, double[] x, double[] y, Form form) {
        Result best = null;
        RuntimeException last = null;
        // The rows once for every start (merging the points of one x is a pass through a hash map).
        Merged merged = form == Form.REDUCED ? Merged.of(x, y) : null;
        List<double[]> starts = starts(curve, x, y, merged);
        for (int i = 0; i < starts.size() && (i < GRID_STARTS || best == null); i++) {
            double[] start = starts.get(i);
            try {
                Result r = fit(curve, x, y, start, form, merged);
                if (best == null || r.rms() < best.rms() - 1e-15) {
                    best = r;
                }
            } catch (RuntimeException e) {
                last = e;
            }
        }
        if (best == null) {
            throw last;
        }
        return best;
    }

    /** The sigmoid's grid of slopes k: so many per span of the data's x, rising and falling (at most {@link Curve#MAX_SLOPE}). */
    static final double[] GRID_SLOPES = {2, 8, 32};

    /** The sigmoid's grid of midpoints x0: these quantiles of the data's x. */
    static final double[] GRID_MIDPOINTS = {0, 0.1, 0.3, 0.5, 0.7, 0.9, 1};

    /** How many of the grid's best nodes the optimizer starts from. */
    static final int GRID_STARTS = 2;

    /**
     * How many of the grid's best nodes are kept: past the first {@link #GRID_STARTS}, the next are
     * tried in turn only while no start has converged. Where the optimum lies on a bound the
     * optimizer can crawl along it until it gives up; on 1,800 random sigmoids that left 11 without a
     * fit from both best nodes, and a later node gave 5 of them one. Since {@link #fit} holds the
     * parameters a crawl ends on at their bounds and fits the others, 1 of the 1,800 is left without
     * a fit from both, and a later node gives it one.
     */
    static final int GRID_NODES = 6;

    /**
     * {@link #fitRobust}'s starts. A power law's: the data's guess. A sigmoid's: the best nodes, best
     * first ({@link #GRID_STARTS} always tried, up to {@link #GRID_NODES} while none converged), of a
     * grid over its two nonlinear parameters, the slope k ({@link #GRID_SLOPES}) and the
     * midpoint x0 ({@link #GRID_MIDPOINTS}), where at each node the two linear ones, the range lm and
     * the floor b, are solved exactly by least squares inside their bounds (the variable-projection
     * profile of the objective, Golub and Pereyra). The grid sees the whole objective at up to 42
     * cheap points, so the optimizer starts in the best basins instead of wherever one guess of lm,
     * b and k leads it. The five starts used before (that guess with its midpoint at the median and
     * at x's 0.1, 0.3, 0.7 and 0.9 quantiles), against the grid's two, on 1,212 random sigmoids of
     * any slope sign, range, floor, noise and span (8 to 2,000 points): more than 1 % above the best
     * optimum either found on 108 against 24, no optimum at all on 28 against 4, in three to nine
     * times the time; on Epoch's 37 benchmark files with compute, more than 1 % above on 6 (Cybench
     * 45 %, Fiction.LiveBench 14 %) against 1 (ARC-AGI-2, 2.3 %). JMH ({@code RobustFitBenchmark},
     * 2,000 points): 1.30 against 4.08 ms a refit where the points span the curve, 3.49 against
     * 3.20 ms where they crowd its plateau (there the grid's starts reach rms 0.01952 where the five
     * ended at 0.02018).
     */
    static List<double[]> starts(Curve curve, double[] x, double[] y) {
        return starts(curve, x, y, curve == Curve.SIGMOID ? Merged.of(x, y) : null);
    }

    private static List<double[]> starts(Curve curve, double[] x, double[] y, Merged merged) {
        if (curve != Curve.SIGMOID) {
            return List.of(curve.initialGuess(x, y));
        }
        return sigmoidGrid(x, merged != null ? merged : Merged.of(x, y));
    }

    /**
     * The sigmoid's starts before the grid, the baseline it is tested and benchmarked against: the
     * data's guess of range, floor and slope ({@link Curve#initialGuess}), its midpoint at the median
     * and moved to x's 0.1, 0.3, 0.7 and 0.9 quantiles, each distinct start once.
     */
    static List<double[]> quantileStarts(double[] x, double[] y) {
        List<double[]> starts = new ArrayList<>();
        double[] guess = Curve.SIGMOID.initialGuess(x, y);
        starts.add(guess);
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        for (double q : new double[] {0.1, 0.3, 0.7, 0.9}) {
            double[] g = guess.clone();
            g[2] = sorted[(int) Math.floor(q * (sorted.length - 1))];
            if (starts.stream().noneMatch(tried -> Arrays.equals(tried, g))) {
                starts.add(g);
            }
        }
        return starts;
    }

    /** The best {@link #GRID_NODES} nodes of the sigmoid's grid as starts (lm, k, x0, b), best first. */
    private static List<double[]> sigmoidGrid(double[] x, Merged rows) {
        double[] xs = rows.x();
        double[] ys = rows.y();
        double[] root = rows.sqrtCounts();
        int n = xs.length;
        double[] w = new double[n];
        double sw = 0;
        double swy = 0;
        double swyy = 0;
        for (int i = 0; i < n; i++) {
            // The points' counts (to rounding): a row of m points weighs m in the sums of squares.
            w[i] = root == null ? 1 : root[i] * root[i];
            sw += w[i];
            swy += w[i] * ys[i];
            swyy += w[i] * ys[i] * ys[i];
        }
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        double span = Math.max(sorted[sorted.length - 1] - sorted[0], 1e-6);
        double centre = sorted[(sorted.length - 1) / 2];
        double[] midpoints = new double[GRID_MIDPOINTS.length];
        for (int q = 0; q < midpoints.length; q++) {
            midpoints[q] = sorted[(int) Math.floor(GRID_MIDPOINTS[q] * (sorted.length - 1))];
        }
        double[] e = new double[n];
        double[][] best = new double[GRID_NODES][];
        double[] bestRss = new double[GRID_NODES];
        Arrays.fill(bestRss, Double.POSITIVE_INFINITY);
        for (int sign = 1; sign >= -1; sign -= 2) {
            for (double perSpan : GRID_SLOPES) {
                double k = sign * Math.min(perSpan / span, Curve.MAX_SLOPE);
                // 1/(1 + exp(−k(x − x0))) = 1/(1 + exp(−k(x − c))·exp(k(x0 − c))): one exponential a
                // row for every midpoint. About the median c, |k(x − c)| stays within 32.
                for (int i = 0; i < n; i++) {
                    e[i] = Math.exp(-k * (xs[i] - centre));
                }
                for (int q = 0; q < midpoints.length; q++) {
                    if (q > 0 && midpoints[q] == midpoints[q - 1]) {
                        continue; // quantiles that tie where many points share an x: the same node
                    }
                    double f = Math.exp(k * (midpoints[q] - centre));
                    double ss = 0;
                    double sss = 0;
                    double ssy = 0;
                    for (int i = 0; i < n; i++) {
                        double v = 1 / (1 + e[i] * f);
                        double wv = w[i] * v;
                        ss += wv;
                        sss += wv * v;
                        ssy += wv * ys[i];
                    }
                    double[] lmB = Profile.solve(sw, swy, swyy, ss, sss, ssy);
                    double rss = lmB[2];
                    // Kept in order, an earlier node first among equals.
                    for (int slot = 0; slot < GRID_NODES; slot++) {
                        if (rss < bestRss[slot]) {
                            System.arraycopy(best, slot, best, slot + 1, GRID_NODES - slot - 1);
                            System.arraycopy(bestRss, slot, bestRss, slot + 1, GRID_NODES - slot - 1);
                            best[slot] = new double[] {lmB[0], k, midpoints[q], lmB[1]};
                            bestRss[slot] = rss;
                            break;
                        }
                    }
                }
            }
        }
        List<double[]> starts = new ArrayList<>();
        for (double[] node : best) {
            if (node != null) {
                starts.add(node);
            }
        }
        return starts;
    }

    /**
     * The sigmoid's linear parameters at a node of the grid: the range lm and floor b minimising
     * Σw(y − lm·s − b)² with lm in [{@link Curve#MIN_RANGE}, 1] and b in [0, 1 − lm], from the sums
     * Σw, Σwy, Σwy², Σws, Σws², Σwsy. A convex quadratic on a triangle: the unconstrained minimum where
     * it lies inside, else the least of the minima along the three edges.
     */
    static final class Profile {
        private Profile() {}

        /** {lm, b, residual sum of squares}. */
        static double[] solve(double sw, double swy, double swyy, double ss, double sss, double ssy) {
            double det = sw * sss - ss * ss;
            if (det > 1e-12 * sw * sss) {
                double lm = (sw * ssy - ss * swy) / det;
                double b = (swy - lm * ss) / sw;
                if (lm >= Curve.MIN_RANGE && lm <= 1 && b >= 0 && b <= 1 - lm) {
                    return new double[] {lm, b, rss(sw, swy, swyy, ss, sss, ssy, lm, b)};
                }
            }
            double m = Curve.MIN_RANGE;
            // b = 0.
            double[] best = better(null, sw, swy, swyy, ss, sss, ssy, Curve.clamp(sss > 0 ? ssy / sss : m, m, 1), 0);
            // lm at its least.
            best = better(best, sw, swy, swyy, ss, sss, ssy, m, Curve.clamp((swy - m * ss) / sw, 0, 1 - m));
            // b = 1 − lm: y − 1 = lm·(s − 1).
            double a = sss - 2 * ss + sw;
            double lm = Curve.clamp(a > 0 ? (ssy - ss - swy + sw) / a : m, m, 1);
            return better(best, sw, swy, swyy, ss, sss, ssy, lm, 1 - lm);
        }

        private static double[] better(
                double[] best,
                double sw,
                double swy,
                double swyy,
                double ss,
                double sss,
                double ssy,
                double lm,
                double b) {
            double r = rss(sw, swy, swyy, ss, sss, ssy, lm, b);
            return best == null || r < best[2] ? new double[] {lm, b, r} : best;
        }

        static double rss(double sw, double swy, double swyy, double ss, double sss, double ssy, double lm, double b) {
            return swyy - 2 * lm * ssy - 2 * b * swy + lm * lm * sss + 2 * lm * b * ss + b * b * sw;
        }
    }

    /**
     * Fits {@code curve} to (x, y) from {@code start}, or from a guess from the data when null.
     *
     * <p>The optimizer knows no bounds: each step is projected back into the curve's domain. Where the
     * optimum lies on a bound its steps keep pointing past it and the projection cuts them short, so
     * it can crawl along the bound until its {@value #MAX_ITERATIONS} iterations run out. Then the
     * parameters on a bound at the best point it reached are held there (a floor on 1 − lm follows
     * the range) and the others fitted from that point, and again if that run ends on another bound:
     * an active set, added to only. The result stands if moving any held parameter back inside would
     * make the fit worse, the condition of an optimum on a bound; otherwise there is none. Against
     * giving up, on 1,243 sigmoids (1,200 random ones, the bench's 6 and Epoch's 37 benchmark files,
     * docs/PERFORMANCE.md): the same fit on 1,232 (every one of Epoch's), a fit for the 4 left
     * without one, a better optimum on 6 (by up to 6e-5) and a worse on 1 (by 0.3 %, where a later
     * node had found the better), in 12 % less time in all.
     */
    public static Result fit(Curve curve, double[] x, double[] y, double[] start) {
        return fit(curve, x, y, start, Form.REDUCED);
    }

    /** {@link #fit(Curve, double[], double[], double[])} with the problem handed over in the given form. */
    public static Result fit(Curve curve, double[] x, double[] y, double[] start, Form form) {
        return fit(curve, x, y, start, form, null);
    }

    /** {@code merged}: the points' rows for {@link Form#REDUCED} when already built, else null. */
    private static Result fit(Curve curve, double[] x, double[] y, double[] start, Form form, Merged merged) {
        int p = curve.parameters();
        if (x.length != y.length || x.length < p + 1) {
            throw new IllegalArgumentException(
                    "need at least " + (p + 1) + " points for " + curve + ", have " + x.length);
        }
        // The data's range once, not at every step's projection (a pass over every point each time).
        double xMin = Arrays.stream(x).min().orElse(0);
        double xMax = Arrays.stream(x).max().orElse(0);
        double[] from = curve.bound(start != null ? start.clone() : curve.initialGuess(x, y), xMin, xMax);
        boolean reduced = form != Form.FULL;
        Merged rows = reduced ? rows(x, y, form, merged) : null;
        boolean[] held = new boolean[p];
        double[] heldAt = from;
        int iterations = 0;
        LeastSquaresOptimizer.Optimum optimum;
        while (true) {
            boolean[] holding = any(held) ? held : null;
            Tracked model = new Tracked(
                    reduced ? reducedModel(curve, rows, holding, heldAt) : fullModel(curve, x, holding, heldAt),
                    reduced ? null : y);
            double[] a = heldAt;
            try {
                optimum = optimizer()
                        .optimize(new LeastSquaresBuilder()
                                .model(model)
                                .target(reduced ? new double[p + 1] : y)
                                .start(from)
                                .parameterValidator(point -> {
                                    double[] t = curve.bound(point.toArray(), xMin, xMax);
                                    return new ArrayRealVector(holding == null ? t : curve.hold(t, holding, a), false);
                                })
                                .maxEvaluations(MAX_EVALUATIONS)
                                .maxIterations(MAX_ITERATIONS)
                                .build());
                iterations += optimum.getIterations();
                break;
            } catch (TooManyIterationsException | TooManyEvaluationsException crawled) {
                // Where the optimum lies on a bound, the optimizer's steps point past it, the
                // projection cuts them short, and it can crawl along the bound until it gives up.
                // The parameters on a bound at the best point it reached are held there, and the
                // others fitted from that point (an active set, added to only: at most p rounds).
                double[] best = model.best();
                boolean[] on = curve.atBound(best, xMin, xMax);
                boolean added = false;
                for (int j = 0; j < p; j++) {
                    added |= on[j] && !held[j];
                    on[j] |= held[j];
                }
                if (!added) {
                    throw crawled;
                }
                held = on;
                heldAt = best;
                from = curve.hold(best, held, heldAt);
                iterations += MAX_ITERATIONS;
            }
        }
        double[] theta = optimum.getPoint().toArray();
        LeastSquaresProblem.Evaluation at = optimum;
        if (any(held)) {
            // A held parameter belongs on its bound only if the fit would get worse moving it
            // inside (the bound-constrained optimum's condition); otherwise this is no optimum.
            int[] inward = curve.inward(held, heldAt, xMin, xMax);
            double[][] slope = costGradient(curve, x, y, theta);
            for (int j = 0; j < p; j++) {
                // (relative to the gradient's scale, as loosely as the optimizer leaves a flat
                // valley's free parameters: 1e-5 of it on one such fit)
                if (held[j] && inward[j] * slope[0][j] < -1e-4 * slope[1][j]) {
                    throw new ConvergenceException(LocalizedFormats.CONVERGENCE_FAILED);
                }
            }
            // The covariances from the curve's own Jacobian there, not the held problem's.
            MultivariateJacobianFunction free =
                    reduced ? reducedModel(curve, rows, null, null) : fullModel(curve, x, null, null);
            at = LeastSquaresFactory.create(
                            free,
                            new ArrayRealVector(reduced ? new double[p + 1] : y),
                            new ArrayRealVector(theta),
                            null,
                            MAX_EVALUATIONS,
                            MAX_ITERATIONS)
                    .evaluate(new ArrayRealVector(theta));
        }
        double rss = at.getResiduals().dotProduct(at.getResiduals());
        double mean = Arrays.stream(y).average().orElse(0);
        double tss = Arrays.stream(y).map(v -> (v - mean) * (v - mean)).sum();
        double sigma2 = rss / Math.max(x.length - p, 1);
        boolean[] atBound = curve.atBound(theta, xMin, xMax);
        double[] se = standardErrors(at, atBound, sigma2);
        return new Result(
                curve,
                theta,
                se,
                atBound,
                tss == 0 ? Double.NaN : 1 - rss / tss,
                Math.sqrt(rss / x.length),
                iterations,
                x.length);
    }

    private static boolean any(boolean[] flags) {
        for (boolean f : flags) {
            if (f) {
                return true;
            }
        }
        return false;
    }

    /** The optimizer's iterations at most, over every round of {@link #fit}'s active set each. */
    static final int MAX_ITERATIONS = 2_000;

    private static final int MAX_EVALUATIONS = 10_000;

    private static LevenbergMarquardtOptimizer optimizer() {
        return new LevenbergMarquardtOptimizer()
                .withCostRelativeTolerance(1e-14)
                .withParameterRelativeTolerance(1e-14)
                .withOrthoTolerance(1e-14);
    }

    /**
     * A model that remembers the point of least residual it was evaluated at: where the optimizer
     * gives up, the best it reached (the optimizer throws it away).
     */
    private static final class Tracked implements MultivariateJacobianFunction {
        private final MultivariateJacobianFunction model;
        /** The targets where the values are f (the full form); null where they are the residuals. */
        private final double[] target;

        private double least = Double.POSITIVE_INFINITY;
        private double[] best;

        Tracked(MultivariateJacobianFunction model, double[] target) {
            this.model = model;
            this.target = target;
        }

        @Override
        public Pair<RealVector, RealMatrix> value(RealVector point) {
            Pair<RealVector, RealMatrix> v = model.value(point);
            double cost = 0;
            for (int i = 0; i < v.getFirst().getDimension(); i++) {
                double r = v.getFirst().getEntry(i) - (target == null ? 0 : target[i]);
                cost += r * r;
            }
            if (cost < least || best == null) {
                least = cost;
                best = point.toArray();
            }
            return v;
        }

        double[] best() {
            return best.clone();
        }
    }

    /**
     * The gradient of the residual sum of squares Σ(y − f)² in θ, {@code [0]}, and for each
     * parameter the bound on its size that Cauchy–Schwarz gives, 2‖r‖·‖∂f/∂θ_j‖, {@code [1]}.
     */
    static double[][] costGradient(Curve curve, double[] x, double[] y, double[] theta) {
        int p = curve.parameters();
        double[] g = new double[p];
        double[] slope = new double[p];
        double[] squares = new double[p];
        double rr = 0;
        for (int i = 0; i < x.length; i++) {
            double r = y[i] - curve.valueAndGradient(x[i], theta, g);
            rr += r * r;
            for (int j = 0; j < p; j++) {
                slope[j] -= 2 * r * g[j];
                squares[j] += g[j] * g[j];
            }
        }
        double[] scale = new double[p];
        for (int j = 0; j < p; j++) {
            scale[j] = 2 * Math.sqrt(rr * squares[j]);
        }
        return new double[][] {slope, scale};
    }

    /**
     * {@code sqrt(σ²·diag((JᵀJ)⁻¹))} at the optimum. A parameter on a bound has none (NaN): the
     * optimum is not a stationary point in it, and the interval the formula gives (for a slope at
     * its bound of 20 per OOM, ±1,500 on eight points) describes a minimum that is not there. The
     * others' come from JᵀJ with its row and column left out, as if it had been fixed at the bound
     * from the start: otherwise its unidentified direction inflates theirs (a range of ±150 on a
     * 0-to-1 scale). Without a bound reached, the optimizer's own covariances, to the bit.
     */
    static double[] standardErrors(LeastSquaresProblem.Evaluation optimum, boolean[] atBound, double sigma2) {
        int p = atBound.length;
        double[] se = new double[p];
        Arrays.fill(se, Double.NaN);
        int[] free =
                java.util.stream.IntStream.range(0, p).filter(j -> !atBound[j]).toArray();
        if (free.length == 0) {
            return se;
        }
        try {
            RealMatrix cov;
            if (free.length == p) {
                cov = optimum.getCovariances(1e-14);
            } else {
                RealMatrix j = optimum.getJacobian();
                RealMatrix jFree = j.getSubMatrix(
                        java.util.stream.IntStream.range(0, j.getRowDimension()).toArray(), free);
                // The same steps as Commons Math's getCovariances, on the free columns.
                cov = new QRDecomposition(jFree.transpose().multiply(jFree), 1e-14)
                        .getSolver()
                        .getInverse();
            }
            for (int k = 0; k < free.length; k++) {
                se[free[k]] = Math.sqrt(sigma2 * cov.getEntry(k, k));
            }
        } catch (RuntimeException singular) {
            Arrays.fill(se, Double.NaN);
        }
        return se;
    }

    /** The n-row problem: f(x_i; θ) for each point, against the targets y. */
    private static MultivariateJacobianFunction fullModel(Curve curve, double[] x, boolean[] held, double[] heldAt) {
        int p = curve.parameters();
        return point -> {
            double[] t = point.toArray();
            double[] values = new double[x.length];
            // Rows written straight into the arrays the matrix wraps (no copy): setEntry's checks
            // per element were a seventh of a refit's time on 2,000 points.
            double[][] rows = new double[x.length][p];
            for (int i = 0; i < x.length; i++) {
                values[i] = curve.valueAndGradient(x[i], t, rows[i]);
                if (held != null) {
                    curve.holdGradient(rows[i], held, heldAt);
                }
            }
            return new Pair<RealVector, RealMatrix>(new ArrayRealVector(values, false), new Jacobian(rows));
        };
    }

    /** The rows the reduced problem folds: the points, or those of one x merged unless every point is its own row. */
    private static Merged rows(double[] x, double[] y, Form form, Merged merged) {
        if (form == Form.REDUCED_EVERY_POINT) {
            return new Merged(x, y, null, 0);
        }
        return merged != null ? merged : Merged.of(x, y);
    }

    /**
     * The (p + 1)-row problem of {@link Form#REDUCED}, against a target of zeros: the values are
     * −(z, ρ), so that the residuals are (z, ρ), and the Jacobian of the values is [R; 0], as the rows
     * (∂f/∂θ, y − f) fold into it (the residuals' Jacobian is −∂f/∂θ in both forms).
     *
     * <p>Points that share an x fold in as one row ({@link Merged}): the same JᵀJ, Jᵀr and ‖r‖ in
     * exact arithmetic, for a fraction of the work where x repeats: versions of one model share its
     * compute estimate (the 1,866 rows with compute in Epoch's benchmark files hold 1,056 distinct
     * values), and a refit on 2,000 points with 899 distinct took 6.0 ms against 12.5
     * ({@code RobustFitBenchmark}, one run). Without repeats the rows are the points in their order,
     * and the fit the same to the bit.
     */
    private static MultivariateJacobianFunction reducedModel(
            Curve curve, Merged merged, boolean[] held, double[] heldAt) {
        int p = curve.parameters();
        double[] xs = merged.x();
        double[] ys = merged.y();
        double[] weights = merged.sqrtCounts();
        int n = xs.length;
        int total = merged.within() > 0 ? n + 1 : n;
        return point -> {
            double[] t = point.toArray();
            double[][] triangle = new double[p + 1][p + 1];
            double[][] columns = new double[p + 1][BLOCK];
            double[] gradient = new double[p];
            int rows = 0;
            for (int i = 0; i < total; i++) {
                if (i < n) {
                    double residual = ys[i] - curve.valueAndGradient(xs[i], t, gradient);
                    if (held != null) {
                        curve.holdGradient(gradient, held, heldAt);
                    }
                    double w = weights == null ? 1 : weights[i];
                    for (int j = 0; j < p; j++) {
                        columns[j][rows] = w * gradient[j];
                    }
                    columns[p][rows++] = w * residual;
                } else {
                    // The spread of y about each shared x's mean: a row of no slope, the same at every θ.
                    for (int j = 0; j < p; j++) {
                        columns[j][rows] = 0;
                    }
                    columns[p][rows++] = Math.sqrt(merged.within());
                }
                if (rows == BLOCK || i == total - 1) {
                    fold(triangle, columns, rows);
                    rows = 0;
                }
            }
            double[][] jacobian = new double[p + 1][];
            double[] values = new double[p + 1];
            for (int k = 0; k <= p; k++) {
                jacobian[k] = Arrays.copyOf(triangle[k], p);
                values[k] = -triangle[k][p];
            }
            return new Pair<RealVector, RealMatrix>(
                    new ArrayRealVector(values, false), new Array2DRowRealMatrix(jacobian, false));
        };
    }

    /**
     * The points with the points of one x merged into a row of that x, their mean y and the square
     * root of their count as its weight, in the order of each x's first point: for a group of m
     * points, m·(ȳ − f)² plus their squared deviations from ȳ is their share of ‖r‖², and m·g·gᵀ and
     * m·(ȳ − f)·g their shares of JᵀJ and Jᵀr, whatever θ. {@code within} is the sum of those
     * deviations over every group.
     *
     * @param sqrtCounts null when no x repeats (every weight 1, and x and y the points' own arrays)
     */
    record Merged(double[] x, double[] y, double[] sqrtCounts, double within) {

        static Merged of(double[] x, double[] y) {
            java.util.Map<Double, Integer> groupOf = new java.util.HashMap<>(x.length * 2);
            int[] group = new int[x.length];
            for (int i = 0; i < x.length; i++) {
                Integer g = groupOf.putIfAbsent(x[i], groupOf.size());
                group[i] = g == null ? groupOf.size() - 1 : g;
            }
            int n = groupOf.size();
            if (n == x.length) {
                return new Merged(x, y, null, 0);
            }
            double[] xs = new double[n];
            double[] sums = new double[n];
            int[] counts = new int[n];
            for (int i = 0; i < x.length; i++) {
                xs[group[i]] = x[i];
                sums[group[i]] += y[i];
                counts[group[i]]++;
            }
            double[] means = new double[n];
            double[] sqrtCounts = new double[n];
            for (int g = 0; g < n; g++) {
                means[g] = sums[g] / counts[g];
                sqrtCounts[g] = Math.sqrt(counts[g]);
            }
            // Deviations from the mean, not Σy² − mȳ², which cancels to noise for close scores.
            double within = 0;
            for (int i = 0; i < x.length; i++) {
                double d = y[i] - means[group[i]];
                within += d * d;
            }
            return new Merged(xs, means, sqrtCounts, within);
        }
    }

    /**
     * Folds {@code m} more rows into an upper triangle: afterwards {@code triangle} is the R of a QR
     * factorisation of the triangle as it was stacked on those rows. The rows come by column
     * ({@code block[j][i]} is row i's j-th entry) and are overwritten. One Householder reflection
     * per column zeroes the block's entries in it against the diagonal. (Commons Math's
     * QRDecomposition on each stacked block, which copies and transposes it, made a fit slower than
     * the full problem: 12.8 ms against 9.8 ms a start on 2,000 points.)
     */
    static void fold(double[][] triangle, double[][] block, int m) {
        int w = triangle.length;
        // The sum of the squares of column k's entries in the block: column 0's here, each later
        // column's while the reflection before it updates it (the same sums in the same order as a
        // pass of their own, without the pass).
        double below = sumOfSquares(block[0], m);
        for (int k = 0; k < w; k++) {
            double[] bk = block[k];
            double d = triangle[k][k];
            double norm = Math.sqrt(d * d + below);
            if (!(norm > 1e-140 && norm < 1e140)) {
                // Squares under 1e-280 lose their digits (or vanish) and over 1e280 overflow: the
                // norm of the column divided by its largest entry instead, as LAPACK's dnrm2 does.
                norm = scaledNorm(d, bk, m);
            }
            if (norm == Math.abs(d) && below == 0) {
                // Nothing to zero in this column, and the next one is as it was.
                below = k + 1 < w ? sumOfSquares(block[k + 1], m) : 0;
                continue;
            }
            // The reflection v = (d − α, block column k) sends (d, column) to (α, 0); α of the sign
            // opposite to d's keeps d − α free of cancellation, and 2/‖v‖² = 1/(‖·‖(‖·‖ + |d|)),
            // divided in two steps below so that a tiny column does not overflow the product.
            double alpha = d > 0 ? -norm : norm;
            double v0 = d - alpha;
            double scale = norm + Math.abs(d);
            triangle[k][k] = alpha;
            // The later columns two at a time: a sum waits for its previous addition, and two
            // independent sums in one pass keep the adder busy. Each column's own sums run in the
            // same order as one at a time, so the triangle is the same to the bit.
            int j = k + 1;
            for (; j + 1 < w; j += 2) {
                double[] bj = block[j];
                double[] bl = block[j + 1];
                double dotJ = v0 * triangle[k][j];
                double dotL = v0 * triangle[k][j + 1];
                for (int i = 0; i < m; i++) {
                    dotJ += bk[i] * bj[i];
                    dotL += bk[i] * bl[i];
                }
                double fJ = dotJ / norm / scale;
                double fL = dotL / norm / scale;
                triangle[k][j] -= fJ * v0;
                triangle[k][j + 1] -= fL * v0;
                double squares = 0;
                for (int i = 0; i < m; i++) {
                    double u = bj[i] - fJ * bk[i];
                    bj[i] = u;
                    squares += u * u;
                    bl[i] -= fL * bk[i];
                }
                if (j == k + 1) {
                    below = squares;
                }
            }
            if (j < w) {
                double[] bj = block[j];
                double dot = v0 * triangle[k][j];
                for (int i = 0; i < m; i++) {
                    dot += bk[i] * bj[i];
                }
                double f = dot / norm / scale;
                triangle[k][j] -= f * v0;
                double squares = 0;
                for (int i = 0; i < m; i++) {
                    double u = bj[i] - f * bk[i];
                    bj[i] = u;
                    squares += u * u;
                }
                if (j == k + 1) {
                    below = squares;
                }
            }
        }
    }

    private static double sumOfSquares(double[] column, int m) {
        double sum = 0;
        for (int i = 0; i < m; i++) {
            sum += column[i] * column[i];
        }
        return sum;
    }

    /** √(d² + Σ column[i]²) without squaring anything outside double's range. */
    private static double scaledNorm(double d, double[] column, int m) {
        double largest = Math.abs(d);
        for (int i = 0; i < m; i++) {
            largest = Math.max(largest, Math.abs(column[i]));
        }
        if (largest == 0) {
            return 0;
        }
        double sum = (d / largest) * (d / largest);
        for (int i = 0; i < m; i++) {
            double c = column[i] / largest;
            sum += c * c;
        }
        return largest * Math.sqrt(sum);
    }

    private static double slope(double[] x, double[] y) {
        OnlineRegression r = new OnlineRegression();
        for (int i = 0; i < x.length; i++) {
            r.add(x[i], y[i]);
        }
        return r.n() >= 2 ? r.slope() : 0;
    }
}
