package dev.meektracker.streams.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BoundedSampleTest {

    /** An item: its id ranks it, its version tells versions of one id apart. */
    record Item(int id, int version) {}

    private static final Comparator<Item> BY_ID = Comparator.comparingInt(Item::id);

    @Test
    void holdsTheFirstItemsOfThePopulationThroughAddsNewVersionsAndRemovals() {
        Random r = new Random(7);
        for (int capacity : new int[] {1, 3, 10}) {
            BoundedSample<Item> sample = new BoundedSample<>(BY_ID, capacity);
            Map<Integer, Item> population = new TreeMap<>();
            for (int step = 0; step < 5_000; step++) {
                int id = r.nextInt(40);
                Item held = population.get(id);
                boolean changed;
                List<Item> before = new ArrayList<>(sample.items());
                if (held == null) {
                    Item item = new Item(id, 0);
                    population.put(id, item);
                    changed = sample.add(item);
                } else if (r.nextBoolean()) {
                    Item next = new Item(id, held.version() + 1);
                    population.put(id, next);
                    changed = sample.replace(held, next);
                } else {
                    population.remove(id);
                    changed = sample.remove(held, population::values);
                }
                List<Item> expected =
                        population.values().stream().limit(capacity).toList();
                assertThat(sample.items()).as("step %d", step).containsExactlyElementsOf(expected);
                assertThat(changed)
                        .as("step %d says whether the sample changed", step)
                        .isEqualTo(!before.equals(expected));
            }
        }
    }

    @Test
    void anItemRankedAfterAFullSampleIsTurnedAwayAndARemovalFromASampleShortOfItsCapacityScansNothing() {
        BoundedSample<Item> sample = new BoundedSample<>(BY_ID, 2);
        assertThat(sample.add(new Item(5, 0))).isTrue();
        assertThat(sample.remove(new Item(5, 0), () -> {
                    throw new AssertionError("the population was read although the sample held all of it");
                }))
                .isTrue();
        sample.add(new Item(1, 0));
        sample.add(new Item(2, 0));
        assertThat(sample.add(new Item(3, 0))).isFalse();
        assertThat(sample.replace(new Item(3, 0), new Item(3, 1))).isFalse();
        assertThat(sample.items()).containsExactly(new Item(1, 0), new Item(2, 0));
        assertThatThrownBy(() -> new BoundedSample<>(BY_ID, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
