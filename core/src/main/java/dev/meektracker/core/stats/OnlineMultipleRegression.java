package dev.meektracker.core.stats;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularMatrixException;

/**
 * Weighted multiple linear regression {@code y = b0 + b1·x1 + … + bp·xp} over centred sufficient
 * statistics: the running means and the co-moment matrix of (x1 … xp, y). Adding or removing a
 * point costs O((p+1)²), independent of how many points there are; solving costs O(p³) and is done
 * only when a fit is read. With p = 2 (score against log10 compute and year) it has three
 * coefficients and measures algorithmic progress.
 */
@JsonAutoDetect(
        fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class OnlineMultipleRegression {

    private final int predictors;
    private long n;
    private double sumWeights;
    /** Means of x1 … xp and y (length p + 1). */
    private final double[] mean;
    /** Co-moments, row-major (p + 1)², about the means. */
    private final double[] comoment;

    private final transient double[] delta;

    public OnlineMultipleRegression(int predictors) {
        this(predictors, 0, 0, new double[predictors + 1], new double[(predictors + 1) * (predictors + 1)]);
    }

    @JsonCreator
    OnlineMultipleRegression(
            @JsonProperty("predictors") int predictors,
            @JsonProperty("n") long n,
            @JsonProperty("sumWeights") double sumWeights,
            @JsonProperty("mean") double[] mean,
            @JsonProperty("comoment") double[] comoment) {
        if (predictors < 1) {
            throw new IllegalArgumentException("at least one predictor is needed");
        }
        this.predictors = predictors;
        this.n = n;
        this.sumWeights = sumWeights;
        this.mean = mean;
        this.comoment = comoment;
        this.delta = new double[predictors + 1];
    }

    public int predictors() {
        return predictors;
    }

    public long n() {
        return n;
    }

    public void add(double[] x, double y) {
        add(x, y, 1.0);
    }

    public void add(double[] x, double y, double w) {
        check(x, y, w);
        int m = predictors + 1;
        double newWeights = sumWeights + w;
        for (int i = 0; i < m; i++) {
            double v = i < predictors ? x[i] : y;
            delta[i] = v - mean[i];
            mean[i] += w * delta[i] / newWeights;
        }
        for (int i = 0; i < m; i++) {
            double vi = i < predictors ? x[i] : y;
            double after = vi - mean[i];
            for (int j = 0; j < m; j++) {
                comoment[j * m + i] += w * delta[j] * after;
            }
        }
        sumWeights = newWeights;
        n++;
    }

    /** Removes a point added before with the same values and weight. */
    public void remove(double[] x, double y, double w) {
        check(x, y, w);
        if (n == 0) {
            throw new IllegalStateException("cannot remove a point from an empty regression");
        }
        int m = predictors + 1;
        if (n == 1) {
            n = 0;
            sumWeights = 0;
            Arrays.fill(mean, 0);
            Arrays.fill(comoment, 0);
            return;
        }
        double newWeights = sumWeights - w;
        for (int i = 0; i < m; i++) {
            double v = i < predictors ? x[i] : y;
            delta[i] = v - mean[i];
            mean[i] -= w * delta[i] / newWeights;
        }
        for (int i = 0; i < m; i++) {
            double vi = i < predictors ? x[i] : y;
            double after = vi - mean[i];
            for (int j = 0; j < m; j++) {
                comoment[j * m + i] -= w * delta[j] * after;
            }
        }
        sumWeights = newWeights;
        n--;
    }

    public void remove(double[] x, double y) {
        remove(x, y, 1.0);
    }

    /** Solves the normal equations; needs at least p + 2 points and linearly independent predictors. */
    public Solution solve() {
        int p = predictors;
        int m = p + 1;
        if (n < p + 2) {
            throw new IllegalStateException(
                    "need at least " + (p + 2) + " points for " + (p + 1) + " coefficients, have " + n);
        }
        RealMatrix sxx = new Array2DRowRealMatrix(p, p);
        RealVector sxy = new ArrayRealVector(p);
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                sxx.setEntry(i, j, comoment[i * m + j]);
            }
            sxy.setEntry(i, comoment[i * m + p]);
        }
        DecompositionSolver solver = new LUDecomposition(sxx, 1e-300).getSolver();
        if (!solver.isNonSingular()) {
            throw new SingularMatrixException();
        }
        RealMatrix inverse = solver.getInverse();
        RealVector beta = inverse.operate(sxy);
        double syy = comoment[p * m + p];
        double sse = Math.max(syy - beta.dotProduct(sxy), 0);
        long df = n - p - 1;
        double mse = sse / df;
        double[] coefficients = new double[m];
        double[] stdErr = new double[m];
        double intercept = mean[p];
        RealVector meanX = new ArrayRealVector(Arrays.copyOf(mean, p));
        for (int i = 0; i < p; i++) {
            coefficients[i + 1] = beta.getEntry(i);
            intercept -= beta.getEntry(i) * mean[i];
            stdErr[i + 1] = Math.sqrt(mse * inverse.getEntry(i, i));
        }
        coefficients[0] = intercept;
        stdErr[0] = Math.sqrt(mse * (1.0 / sumWeights + meanX.dotProduct(inverse.operate(meanX))));
        double r2 = syy == 0 ? Double.NaN : 1 - sse / syy;
        double[][] slopeCovariance = inverse.scalarMultiply(mse).getData();
        return new Solution(coefficients, stdErr, slopeCovariance, r2, mse, n, df);
    }

    /**
     * @param coefficients intercept first, then one per predictor
     * @param stdErr       standard errors in the same order
     * @param slopeCovariance covariance of the predictor coefficients (without the intercept)
     * @param rSquared     coefficient of determination
     * @param meanSquareError residual variance estimate
     * @param n            points
     * @param degreesOfFreedom n − p − 1
     */
    public record Solution(
            double[] coefficients,
            double[] stdErr,
            double[][] slopeCovariance,
            double rSquared,
            double meanSquareError,
            long n,
            long degreesOfFreedom) {

        /** Two-sided interval of coefficient i at {@code confidence}, as {low, high}. */
        public double[] interval(int i, double confidence) {
            double half = OnlineRegression.tQuantile(confidence, degreesOfFreedom) * stdErr[i];
            return new double[] {coefficients[i] - half, coefficients[i] + half};
        }
    }

    private void check(double[] x, double y, double w) {
        if (x.length != predictors) {
            throw new IllegalArgumentException("expected " + predictors + " predictors, got " + x.length);
        }
        for (double v : x) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("predictors must be finite: " + Arrays.toString(x));
            }
        }
        if (!Double.isFinite(y) || !(w > 0) || !Double.isFinite(w)) {
            throw new IllegalArgumentException("y must be finite and the weight positive: y=" + y + " w=" + w);
        }
    }
}
