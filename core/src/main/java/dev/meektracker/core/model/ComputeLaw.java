package dev.meektracker.core.model;

/**
 * Loss as a power law in training compute towards an irreducible floor:
 * {@code L(C) = A·C^(−α) + E}, C in FLOP, L in nats/token.
 *
 * @param coefficient A
 * @param alpha       α, the exponent
 * @param irreducible E, the floor, nats/token
 */
public record ComputeLaw(double coefficient, double alpha, double irreducible) {

    /** The paper's law: {@code L(C) = 1070·C^(−0.154) + 1.7}, the rounded Hoffmann reduction. */
    public static final ComputeLaw PAPER = PaperDefaults.law();
    /** The same law with the exponent the paper's text quotes (0.155). */
    public static final ComputeLaw PAPER_TEXT = PAPER.withAlpha(0.155);

    public ComputeLaw {
        if (!Double.isFinite(coefficient) || coefficient <= 0) {
            throw new IllegalArgumentException("coefficient A must be a finite positive number, not " + coefficient);
        }
        if (!Double.isFinite(alpha) || alpha <= 0) {
            throw new IllegalArgumentException("alpha must be a finite positive exponent, not " + alpha);
        }
        if (!Double.isFinite(irreducible) || irreducible < 0) {
            throw new IllegalArgumentException(
                    "irreducible loss E must be finite and non-negative, not " + irreducible);
        }
    }

    /** Loss in nats/token at {@code computeFlop} FLOP. */
    public double loss(double computeFlop) {
        return coefficient * Math.pow(computeFlop, -alpha) + irreducible;
    }

    /** The compute (FLOP) at which the law reaches {@code loss}; infinite at or below the floor. */
    public double computeForLoss(double loss) {
        double reducible = loss - irreducible;
        return reducible <= 0 ? Double.POSITIVE_INFINITY : Math.pow(coefficient / reducible, 1.0 / alpha);
    }

    public ComputeLaw withAlpha(double newAlpha) {
        return new ComputeLaw(coefficient, newAlpha, irreducible);
    }
}
