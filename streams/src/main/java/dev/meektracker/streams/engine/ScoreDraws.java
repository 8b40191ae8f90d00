package dev.meektracker.streams.engine;

import dev.meektracker.core.event.BenchmarkResult;
import java.util.Arrays;

/**
 * One side (open or closed weights) of a benchmark in the parametric bootstrap behind its gap's
 * range: in each of the bootstrap's draws, every result's score is drawn from a normal around it with
 * its standard error, and this keeps the best drawn score of each draw as results come and go.
 *
 * <p>Drawn again from every result at every rebuild of the gap, the range cost draws × results: 89 µs
 * an event at 10^5 items of history whose results state a standard error against 2.2 µs for the
 * same history without, and ten times that at 10^6. Here a result's draw in draw s is a function of
 * (seed, model, s) alone, not of the order results were drawn in, so each draw's best is a function
 * of the current results: an added result updates the draws it wins (O(draws)), a removed one makes
 * stale only the draws it was the best of, and those are walked again from the top score down, only
 * as far as a lower score could still win. The range is then the same whatever order the results
 * came in, whether kept up to date or rebuilt.
 */
final class ScoreDraws {

    /**
     * No draw's |z| reaches this: Box–Muller's radius is sqrt(−2 ln u) with u at least 2^−53, so
     * under sqrt(106 ln 2) = 8.5717. A score more than this many standard errors below a draw's best
     * cannot win it.
     */
    static final double MAX_Z = 8.58;

    private final long seed;
    private final int draws;
    /** Each draw's best score, and whose; null until first asked for (a side without errors needs none). */
    private double[] best;

    private BenchmarkResult[] winner;
    private boolean[] stale;
    private int staleCount;
    /** The largest standard error added: a bound on how far below a best a winner can lie. */
    private double maxStdErr;

    ScoreDraws(int draws, long seed) {
        this.draws = draws;
        this.seed = seed;
    }

    /** Records a result placed on this side. */
    void add(BenchmarkResult r) {
        maxStdErr = Math.max(maxStdErr, stdErr(r));
        if (best != null) {
            offer(r, false);
        }
    }

    /**
     * Offers a result's draws to the draws whose staleness is {@code staleOnes} (the fresh ones as
     * a result arrives, the stale ones in a walk); true when it became the best of one.
     */
    private boolean offer(BenchmarkResult r, boolean staleOnes) {
        double se = stdErr(r);
        double score = r.score();
        boolean changed = false;
        if (se == 0) {
            for (int s = 0; s < draws; s++) {
                if (stale[s] == staleOnes && score > best[s]) {
                    best[s] = score;
                    winner[s] = r;
                    changed = true;
                }
            }
            return changed;
        }
        long key = key(r.modelId());
        // Draws in pairs, as Box–Muller makes them: one radius for both, and the angle's cosine and sine
        // only where the radius could win one of the pair.
        for (int s = 0; s < draws; s += 2) {
            boolean open0 = stale[s] == staleOnes;
            boolean open1 = s + 1 < draws && stale[s + 1] == staleOnes;
            if (!open0 && !open1) {
                continue;
            }
            long h = mix(key + (s >>> 1) * GOLDEN);
            double radius = radius(h);
            double reach = score + se * radius;
            if ((!open0 || reach <= best[s]) && (!open1 || reach <= best[s + 1])) {
                continue;
            }
            double angle = angle(h);
            if (open0) {
                double v = score + se * (radius * Math.cos(angle));
                if (v > best[s]) {
                    best[s] = v;
                    winner[s] = r;
                    changed = true;
                }
            }
            if (open1) {
                double v = score + se * (radius * Math.sin(angle));
                if (v > best[s + 1]) {
                    best[s + 1] = v;
                    winner[s + 1] = r;
                    changed = true;
                }
            }
        }
        return changed;
    }

    /** Records a result removed from this side: the draws it was the best of are walked again when asked. */
    void remove(BenchmarkResult r) {
        if (best == null) {
            return;
        }
        for (int s = 0; s < draws; s++) {
            if (!stale[s] && winner[s] != null && winner[s].modelId().equals(r.modelId())) {
                stale[s] = true;
                winner[s] = null;
                staleCount++;
            }
        }
    }

    /**
     * Each draw's best score on this side (read-only), its stale draws found again in one walk down
     * {@code descending}, this side's current results, best score first.
     */
    double[] best(Iterable<BenchmarkResult> descending) {
        if (best == null) {
            best = new double[draws];
            winner = new BenchmarkResult[draws];
            stale = new boolean[draws];
            Arrays.fill(stale, true);
            staleCount = draws;
        }
        if (staleCount > 0) {
            walk(descending);
        }
        return best;
    }

    /**
     * The stale draws' bests, from the top score down, only as far as a lower score could still win
     * one of them: one walk for all of them, each result's key and each pair's radius computed once
     * (the leader's removal makes every draw stale).
     */
    private void walk(Iterable<BenchmarkResult> descending) {
        for (int s = 0; s < draws; s++) {
            if (stale[s]) {
                best[s] = Double.NEGATIVE_INFINITY;
                winner[s] = null;
            }
        }
        double lowest = Double.NEGATIVE_INFINITY; // the least best among the stale draws
        for (BenchmarkResult r : descending) {
            // Every result from here on scores at most this one's score, and draws at most MAX_Z of
            // the largest error above it: none can beat any stale draw's best.
            if (r.score() + MAX_Z * maxStdErr < lowest) {
                break;
            }
            boolean changed = offer(r, true);
            if (changed) {
                lowest = Double.POSITIVE_INFINITY;
                for (int s = 0; s < draws; s++) {
                    if (stale[s]) {
                        lowest = Math.min(lowest, best[s]);
                    }
                }
            }
        }
        Arrays.fill(stale, false);
        staleCount = 0;
    }

    /** A result's score in draw s: the same expressions as {@link #add}, so the same double. */
    double draw(BenchmarkResult r, int s) {
        double se = stdErr(r);
        if (se == 0) {
            return r.score();
        }
        long h = mix(key(r.modelId()) + (s >>> 1) * GOLDEN);
        double radius = radius(h);
        double angle = angle(h);
        return r.score() + se * (radius * ((s & 1) == 0 ? Math.cos(angle) : Math.sin(angle)));
    }

    private static double stdErr(BenchmarkResult r) {
        return r.scoreStdErr() == null ? 0 : r.scoreStdErr();
    }

    /** sqrt(−2 ln u1) with u1 in (0, 1] from the top 53 bits of h. */
    private static double radius(long h) {
        double u1 = ((h >>> 11) + 1) * 0x1.0p-53;
        return Math.sqrt(-2 * Math.log(u1));
    }

    /** 2π·u2 with u2 in [0, 1) from the next value of the same stream. */
    private static double angle(long h) {
        return 2 * Math.PI * ((mix(h + GOLDEN) >>> 11) * 0x1.0p-53);
    }

    private long key(String modelId) {
        return mix(seed ^ hash64(modelId));
    }

    /** FNV-1a over the id's chars: 64 bits, so two models of one benchmark do not share their draws. */
    static long hash64(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    private static final long GOLDEN = 0x9e3779b97f4a7c15L;

    /** SplitMix64's finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
