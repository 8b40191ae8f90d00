package dev.meektracker.core.model;

/**
 * How many tokens a sequential test at 5 % error needs to tell two models apart (docs/MODEL.md §4):
 * {@code N = s·0.9·ln(19)/ΔL}, with ΔL in nats/token and s a slowdown factor.
 */
public final class Distinguishability {

    /** 0.9·ln 19 ≈ 2.65. */
    public static final double CONSTANT = 0.9 * Math.log(19);

    private Distinguishability() {}

    /** Tokens needed at slowdown {@code s}; infinite when the gap is zero. */
    public static double tokens(double lossGapNats, double slowdown) {
        if (lossGapNats < 0 || !(slowdown > 0)) {
            throw new IllegalArgumentException("the gap must be non-negative and the slowdown positive");
        }
        return lossGapNats == 0 ? Double.POSITIVE_INFINITY : slowdown * CONSTANT / lossGapNats;
    }
}
