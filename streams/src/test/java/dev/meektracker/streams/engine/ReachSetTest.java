package dev.meektracker.streams.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The staircase answers exactly what a walk over every entry answers, through adds, removals and re-adds. */
class ReachSetTest {

    record Point(String id, double value, LocalDate date) {}

    private static LocalDate bruteForce(List<Point> all, double level) {
        LocalDate best = null;
        for (Point p : all) {
            if (p.value() >= level && (best == null || p.date().isBefore(best))) {
                best = p.date();
            }
        }
        return best;
    }

    @Test
    void matchesTheBruteForceDefinitionThroughRandomChanges() {
        Random r = new Random(7);
        ReachSet<Point> set = new ReachSet<>(
                Comparator.comparingDouble(Point::value).thenComparing(Point::id), Point::value, Point::date);
        List<Point> all = new ArrayList<>();
        LocalDate start = LocalDate.of(2010, 1, 1);
        for (int step = 0; step < 5_000; step++) {
            if (!all.isEmpty() && r.nextInt(5) == 0) {
                Point gone = all.remove(r.nextInt(all.size()));
                set.remove(gone);
            } else {
                // Few distinct values and dates, so ties in both are common.
                Point p = new Point("p" + step, r.nextInt(40), start.plusDays(r.nextInt(300)));
                all.add(p);
                set.add(p);
            }
            for (int q = 0; q < 3; q++) {
                double level = r.nextInt(45) - 2 + (r.nextBoolean() ? 0.5 : 0);
                assertThat(set.earliestAtOrAbove(level))
                        .as("step %d, level %s", step, level)
                        .isEqualTo(bruteForce(all, level));
            }
            assertThat(set.size()).isEqualTo(all.size());
        }
    }

    @Test
    void anEntryAtTheLevelCounts() {
        ReachSet<Point> set = new ReachSet<>(
                Comparator.comparingDouble(Point::value).thenComparing(Point::id), Point::value, Point::date);
        set.add(new Point("a", 5, LocalDate.of(2020, 1, 1)));
        set.add(new Point("b", 10, LocalDate.of(2021, 1, 1)));
        assertThat(set.earliestAtOrAbove(10)).isEqualTo(LocalDate.of(2021, 1, 1));
        assertThat(set.earliestAtOrAbove(5)).isEqualTo(LocalDate.of(2020, 1, 1));
        assertThat(set.earliestAtOrAbove(10.5)).isNull();
    }
}
