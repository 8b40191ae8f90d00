package dev.meektracker.streams.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TrendFitTest {

    @Test
    void theWindowIsTheEarliestAndLatestDateOfTheCurrentPointsThroughNewVersionsAndRemovals() {
        Random r = new Random(3);
        TrendFit fit = new TrendFit();
        // The owner's items: each holds its point, replaced by a new version or taken out.
        Map<Integer, Map.Entry<LocalDate, Double>> current = new HashMap<>();
        for (int step = 0; step < 5_000; step++) {
            int item = r.nextInt(30);
            Map.Entry<LocalDate, Double> held = current.remove(item);
            if (held != null) {
                fit.remove(held.getKey(), held.getValue());
            }
            if (r.nextInt(3) > 0) {
                // Few distinct dates, so removals often empty the earliest or latest one.
                LocalDate date = LocalDate.of(2020, 1, 1).plusDays(r.nextInt(12));
                double value = r.nextGaussian();
                fit.add(date, value);
                current.put(item, Map.entry(date, value));
            }
            TreeMap<LocalDate, Integer> dates = new TreeMap<>();
            current.values().forEach(p -> dates.merge(p.getKey(), 1, Integer::sum));
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
