package dev.meektracker.core.stats;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Weighted simple linear regression y = a + b·x over sufficient statistics, with O(1) add and
 * remove of a point, so an upserted event can replace its old contribution. Updates are centred
 * (West 1979, the weighted form of Welford's method): sums of squares about the running means,
 * never raw sums of x², which lose every significant digit when x is a year near 2025 or a
 * log-compute near 25 and the spread is small.
 *
 * <p>Weights are frequency or precision weights; with unit weights every result equals Commons
 * Math's {@code SimpleRegression}. Serializable with Jackson so it can live in a state store.
 */
@JsonAutoDetect(
        fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class OnlineRegression {

    private long n;
    private double sumWeights;
    private double meanX;
    private double meanY;
    private double sxx;
    private double sxy;
    private double syy;

    public void add(double x, double y) {
        add(x, y, 1.0);
    }

    public void add(double x, double y, double w) {
        checkPoint(x, y, w);
        n++;
        double newWeights = sumWeights + w;
        double dx = x - meanX;
        double dy = y - meanY;
        meanX += w * dx / newWeights;
        meanY += w * dy / newWeights;
        sxx += w * dx * (x - meanX);
        sxy += w * dx * (y - meanY);
        syy += w * dy * (y - meanY);
        sumWeights = newWeights;
    }

    public void remove(double x, double y) {
        remove(x, y, 1.0);
    }

    /** Removes a point added before with the same x, y and weight. */
    public void remove(double x, double y, double w) {
        checkPoint(x, y, w);
        if (n == 0) {
            throw new IllegalStateException("cannot remove a point from an empty regression");
        }
        if (n == 1) {
            clear();
            return;
        }
        n--;
        double newWeights = sumWeights - w;
        double dxOld = x - meanX;
        double dyOld = y - meanY;
        double newMeanX = meanX - w * dxOld / newWeights;
        double newMeanY = meanY - w * dyOld / newWeights;
        sxx -= w * (x - newMeanX) * dxOld;
        sxy -= w * (x - newMeanX) * dyOld;
        syy -= w * (y - newMeanY) * dyOld;
        meanX = newMeanX;
        meanY = newMeanY;
        sumWeights = newWeights;
        // Rounding can leave a tiny negative sum of squares where the true value is zero.
        sxx = Math.max(sxx, 0);
        syy = Math.max(syy, 0);
    }

    public void clear() {
        n = 0;
        sumWeights = 0;
        meanX = 0;
        meanY = 0;
        sxx = 0;
        sxy = 0;
        syy = 0;
    }

    public long n() {
        return n;
    }

    public double sumWeights() {
        return sumWeights;
    }

    public double meanX() {
        return meanX;
    }

    public double meanY() {
        return meanY;
    }

    /** Weighted sum of squared deviations of x from its mean. */
    public double sxx() {
        return sxx;
    }

    /** Weighted sum of the products of the deviations of x and y from their means. */
    public double sxy() {
        return sxy;
    }

    /** Weighted sum of squared deviations of y from its mean. */
    public double syy() {
        return syy;
    }

    public double slope() {
        return n < 2 || sxx == 0 ? Double.NaN : sxy / sxx;
    }

    public double intercept() {
        return meanY - slope() * meanX;
    }

    /** Residual sum of squares (weighted). */
    public double sumSquaredErrors() {
        return Math.max(syy - sxy * sxy / sxx, 0);
    }

    /** Residual variance estimate with n − 2 degrees of freedom. */
    public double meanSquareError() {
        return n < 3 ? Double.NaN : sumSquaredErrors() / (n - 2);
    }

    public double slopeStdErr() {
        return Math.sqrt(meanSquareError() / sxx);
    }

    public double interceptStdErr() {
        return Math.sqrt(meanSquareError() * (1.0 / sumWeights + meanX * meanX / sxx));
    }

    public double rSquared() {
        return n < 2 || syy == 0 ? Double.NaN : sxy * sxy / (sxx * syy);
    }

    /** Predicted y at x. */
    public double predict(double x) {
        return meanY + slope() * (x - meanX);
    }

    /** Standard error of the fitted mean response at x. */
    public double predictionStdErr(double x) {
        double d = x - meanX;
        return Math.sqrt(meanSquareError() * (1.0 / sumWeights + d * d / sxx));
    }

    /** Half-width multiplier of a two-sided interval at {@code confidence}: Student's t with n − 2 df. */
    public double tQuantile(double confidence) {
        return tQuantile(confidence, n - 2);
    }

    /** The slope's two-sided interval at {@code confidence} (e.g. 0.9), as {low, high}. */
    public double[] slopeInterval(double confidence) {
        double half = tQuantile(confidence) * slopeStdErr();
        return new double[] {slope() - half, slope() + half};
    }

    @JsonIgnore
    public boolean hasFit() {
        return n >= 3 && sxx > 0;
    }

    /** Student's t quantiles by (confidence, df): inverting the distribution costs tens of microseconds. */
    private static final java.util.Map<Long, Double> T_QUANTILES = new java.util.concurrent.ConcurrentHashMap<>();

    static double tQuantile(double confidence, long df) {
        if (df < 1) {
            return Double.NaN;
        }
        long key = df * 1_000_003L + Math.round(confidence * 1_000_000);
        return T_QUANTILES.computeIfAbsent(
                key, k -> new TDistribution(null, df).inverseCumulativeProbability(0.5 + confidence / 2));
    }

    /** The t quantile for a two-sided interval at {@code confidence} with {@code df} degrees of freedom. */
    public static double studentQuantile(double confidence, long df) {
        return tQuantile(confidence, df);
    }

    private static void checkPoint(double x, double y, double w) {
        if (!Double.isFinite(x) || !Double.isFinite(y) || !(w > 0) || !Double.isFinite(w)) {
            throw new IllegalArgumentException(
                    "a point needs finite x and y and a positive weight: x=" + x + " y=" + y + " w=" + w);
        }
    }
}
