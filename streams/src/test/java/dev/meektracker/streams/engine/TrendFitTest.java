package dev.meektracker.streams.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TrendFitTest {

    /** An item with its own identity, as the engine's models are. */
    private static final class Item {}

    @Test
    void theWindowIsTheEarliestAndLatestDateOfTheCurrentPointsThroughPutsNewVersionsAndRemovals() {
        Random r = new Random(3);
        Item[] items = new Item[30];
        for (int i = 0; i < items.length; i++) {
            items[i] = new Item();
        }
        TrendFit fit = new TrendFit();
        Map<Item, LocalDate> current = new HashMap<>();
        for (int step = 0; step < 5_000; step++) {
            Item item = items[r.nextInt(items.length)];
            if (r.nextInt(3) == 0) {
                assertThat(fit.remove(item)).isEqualTo(current.remove(item) != null);
            } else {
                // Few distinct dates, so removals often empty the earliest or latest one.
                LocalDate date = LocalDate.of(2020, 1, 1).plusDays(r.nextInt(12));
                fit.put(item, date, r.nextGaussian());
                current.put(item, date);
            }
            TreeMap<LocalDate, Integer> dates = new TreeMap<>();
            current.values().forEach(d -> dates.merge(d, 1, Integer::sum));
            assertThat(fit.windowStart()).as("step %d", step).isEqualTo(dates.isEmpty() ? null : dates.firstKey());
            assertThat(fit.windowEnd()).as("step %d", step).isEqualTo(dates.isEmpty() ? null : dates.lastKey());
            assertThat(fit.n()).isEqualTo(current.size());
        }
    }

    @Test
    void pointsKeptByTheirOwnerMoveTheWindowAsWell() {
        TrendFit fit = new TrendFit();
        fit.add(LocalDate.of(2021, 5, 1), 1.0);
        fit.add(LocalDate.of(2019, 5, 1), 2.0);
        fit.add(LocalDate.of(2023, 5, 1), 3.0);
        assertThat(fit.windowStart()).isEqualTo(LocalDate.of(2019, 5, 1));
        fit.remove(LocalDate.of(2019, 5, 1), 2.0);
        fit.remove(LocalDate.of(2023, 5, 1), 3.0);
        assertThat(fit.windowStart()).isEqualTo(LocalDate.of(2021, 5, 1));
        assertThat(fit.windowEnd()).isEqualTo(LocalDate.of(2021, 5, 1));
        fit.remove(LocalDate.of(2021, 5, 1), 1.0);
        assertThat(fit.windowStart()).isNull();
        assertThat(fit.windowEnd()).isNull();
    }
}
