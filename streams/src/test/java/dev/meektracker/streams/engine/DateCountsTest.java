package dev.meektracker.streams.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The table of date counts against a TreeMap of counts (its former self) under random adds and removes. */
class DateCountsTest {

    @Test
    void keepsTheSameCountsEndsAndDistinctDatesAsASortedMap() {
        Random r = new Random(11);
        for (int c = 0; c < 12; c++) {
            DateCounts counts = new DateCounts();
            TreeMap<LocalDate, Integer> reference = new TreeMap<>();
            List<LocalDate> held = new ArrayList<>();
            // Few days (long probe runs, ends emptied often), many days (growth), and days far apart.
            int span = c % 3 == 0 ? 30 : c % 3 == 1 ? 20_000 : 3_000_000;
            for (int op = 0; op < 20_000; op++) {
                if (held.isEmpty() || r.nextInt(5) < 3) {
                    LocalDate d = LocalDate.of(1950, 1, 1).plusDays(r.nextInt(span));
                    counts.add(d);
                    reference.merge(d, 1, Integer::sum);
                    held.add(d);
                } else {
                    // Removing the latest day's items now and then empties the end the counts track.
                    int i = r.nextInt(8) == 0 ? held.lastIndexOf(reference.lastKey()) : r.nextInt(held.size());
                    LocalDate d = held.get(i);
                    held.set(i, held.get(held.size() - 1));
                    held.remove(held.size() - 1);
                    counts.remove(d);
                    reference.merge(d, -1, (a, b) -> a + b == 0 ? null : a + b);
                }
                assertThat(counts.last()).isEqualTo(reference.isEmpty() ? null : reference.lastKey());
                assertThat(counts.first()).isEqualTo(reference.isEmpty() ? null : reference.firstKey());
                assertThat(counts.distinct()).isEqualTo(reference.size());
            }
            while (!held.isEmpty()) {
                counts.remove(held.remove(held.size() - 1));
            }
            assertThat(counts.last()).isNull();
            assertThat(counts.first()).isNull();
            assertThat(counts.distinct()).isZero();
        }
    }

    @Test
    void ignoresMissingDatesAndKeepsTheEndsOfTheExtremes() {
        DateCounts counts = new DateCounts();
        counts.add(null);
        assertThat(counts.distinct()).isZero();
        counts.add(LocalDate.MIN);
        counts.add(LocalDate.MAX);
        counts.add(LocalDate.of(2024, 2, 29));
        assertThat(counts.first()).isEqualTo(LocalDate.MIN);
        assertThat(counts.last()).isEqualTo(LocalDate.MAX);
        counts.remove(LocalDate.MAX);
        assertThat(counts.last()).isEqualTo(LocalDate.of(2024, 2, 29));
        counts.remove(LocalDate.MIN);
        assertThat(counts.first()).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(counts.distinct()).isEqualTo(1);
    }
}
