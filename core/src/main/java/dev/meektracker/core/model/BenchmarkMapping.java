package dev.meektracker.core.model;

/**
 * The authors' MMLU fit (docs/MODEL.md §3): accuracy as a logistic function of loss,
 * {@code Perf(L) = Lm/(1 + exp(−k·(L − x0))) + b}, and tasks of p consecutive steps scoring Perf^p.
 *
 * @param lm  range above the floor
 * @param x0  midpoint loss, nats/token
 * @param k   steepness (negative: lower loss, higher accuracy)
 * @param floor b, chance level
 */
public record BenchmarkMapping(double lm, double x0, double k, double floor) {

    /** The fitted parameters at full precision (the default). */
    public static final BenchmarkMapping MMLU = new BenchmarkMapping(0.5566860, 1.9739480, -23.774928, 0.2540434);
    /** The rounded parameters the paper's plots use. */
    public static final BenchmarkMapping MMLU_ROUNDED = new BenchmarkMapping(0.55, 1.97, -23.77, 0.25);

    /** Accuracy as a fraction at loss {@code loss} nats/token. */
    public double accuracy(double loss) {
        return lm / (1 + Math.exp(-k * (loss - x0))) + floor;
    }

    /** Accuracy on a task of {@code steps} consecutive correct steps. */
    public double accuracy(double loss, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, not " + steps);
        }
        return Math.pow(accuracy(loss), steps);
    }

    /** Gap in points (0 to 100) between a frontier model at {@code frontierLoss} and a meek one. */
    public double gapPoints(double meekLoss, double frontierLoss, int steps) {
        return 100 * (accuracy(frontierLoss, steps) - accuracy(meekLoss, steps));
    }
}
