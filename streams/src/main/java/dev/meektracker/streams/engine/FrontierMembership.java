package dev.meektracker.streams.engine;

import dev.meektracker.core.event.ModelRelease;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Frontier membership computed in one pass over a set of models, for readers outside the engine (the
 * page marks the frontier models): a model is frontier when its compute is at least the N-th largest
 * among the models released up to its date, its own date included. The engine keeps the same
 * definition incrementally ({@link ComputeFrontier}); a test holds the two equal on real data.
 */
public final class FrontierMembership {

    private FrontierMembership() {}

    /** The ids of the frontier models among {@code models} (those without compute are never frontier). */
    public static Set<String> of(Collection<ModelRelease> models, int topN) {
        List<ModelRelease> byDate = new ArrayList<>();
        for (ModelRelease m : models) {
            if (m.hasCompute()) {
                byDate.add(m);
            }
        }
        byDate.sort(Comparator.comparing(ModelRelease::releaseDate));
        Set<String> frontier = new HashSet<>();
        LargestValues top = new LargestValues(topN);
        int i = 0;
        while (i < byDate.size()) {
            LocalDate date = byDate.get(i).releaseDate();
            int j = i;
            // Every model of one date enters the top N before any of them is judged.
            while (j < byDate.size() && byDate.get(j).releaseDate().equals(date)) {
                top.offer(byDate.get(j).trainingComputeFlop());
                j++;
            }
            double threshold = top.size() < topN ? Double.NEGATIVE_INFINITY : top.smallest();
            for (int k = i; k < j; k++) {
                if (byDate.get(k).trainingComputeFlop() >= threshold) {
                    frontier.add(byDate.get(k).id());
                }
            }
            i = j;
        }
        return frontier;
    }
}
