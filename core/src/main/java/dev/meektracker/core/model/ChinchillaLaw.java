package dev.meektracker.core.model;

import java.util.Locale;
import java.util.Map;

/**
 * The Chinchilla loss law {@code L(N, D) = E + A/N^a + B/D^b} (loss in nats/token, N parameters,
 * D training tokens) and its compute-optimal reduction under {@code C = 6·N·D}.
 *
 * @param name display name of the parameter set
 * @param e    irreducible loss E, nats/token
 * @param a    parameter-term coefficient A
 * @param b    data-term coefficient B
 * @param alpha parameter exponent a
 * @param beta  data exponent b
 */
public record ChinchillaLaw(String name, double e, double a, double b, double alpha, double beta) {

    /** Hoffmann et al. 2022, as rounded in the paper. */
    public static final ChinchillaLaw HOFFMANN = new ChinchillaLaw("hoffmann", 1.69, 406.4, 410.7, 0.34, 0.28);
    /** Besiroglu et al. 2024, the replication. */
    public static final ChinchillaLaw BESIROGLU =
            new ChinchillaLaw("besiroglu", 1.8169, 482.01, 2085.43, 0.3478, 0.3658);

    private static final Map<String, ChinchillaLaw> NAMED = Map.of("hoffmann", HOFFMANN, "besiroglu", BESIROGLU);

    public ChinchillaLaw {
        requirePositive("A", a);
        requirePositive("B", b);
        requirePositive("a", alpha);
        requirePositive("b", beta);
        if (!Double.isFinite(e) || e < 0) {
            throw new IllegalArgumentException("E must be a finite non-negative loss, not " + e);
        }
    }

    /** A named parameter set: hoffmann or besiroglu. */
    public static ChinchillaLaw named(String name) {
        ChinchillaLaw law = NAMED.get(name.toLowerCase(Locale.ROOT));
        if (law == null) {
            throw new IllegalArgumentException(
                    "unknown parameter set '" + name + "' (expected one of " + NAMED.keySet() + ")");
        }
        return law;
    }

    /** Loss in nats/token of a model with {@code n} parameters trained on {@code d} tokens. */
    public double loss(double n, double d) {
        return e + a / Math.pow(n, alpha) + b / Math.pow(d, beta);
    }

    /** γ = a·b/(a+b): the exponent of the compute-optimal loss. */
    public double gamma() {
        return alpha * beta / (alpha + beta);
    }

    /** G = (a·A/(b·B))^(1/(a+b)). */
    public double g() {
        return Math.pow(alpha * a / (beta * b), 1.0 / (alpha + beta));
    }

    /** K = 6^γ·(A·G^(−a) + B·G^b): the coefficient of the compute-optimal loss. */
    public double k() {
        double g = g();
        return Math.pow(6.0, gamma()) * (a * Math.pow(g, -alpha) + b * Math.pow(g, beta));
    }

    /** Compute-optimal parameter count for {@code computeFlop} FLOP. */
    public double optimalParameters(double computeFlop) {
        return g() * Math.pow(computeFlop / 6.0, beta / (alpha + beta));
    }

    /** Compute-optimal token count for {@code computeFlop} FLOP. */
    public double optimalTokens(double computeFlop) {
        return Math.pow(computeFlop / 6.0, alpha / (alpha + beta)) / g();
    }

    /** The compute law this parameter set reduces to: {@code L_opt(C) = E + K·C^(−γ)}. */
    public ComputeLaw reduce() {
        return new ComputeLaw(k(), gamma(), e);
    }

    private static void requirePositive(String what, double v) {
        if (!Double.isFinite(v) || v <= 0) {
            throw new IllegalArgumentException(what + " must be a finite positive number, not " + v);
        }
    }
}
