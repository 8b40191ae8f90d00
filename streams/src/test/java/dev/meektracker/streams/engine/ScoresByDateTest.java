package dev.meektracker.streams.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The scores by date against a sorted map of score lists, under adds and removes that empty dates and refill them. */
class ScoresByDateTest {

    @Test
    void holdsEachDatesScoresInOrderUnderAddsAndRemoves() {
        Random r = new Random(17);
        for (int c = 0; c < 20; c++) {
            ScoresByDate scores = new ScoresByDate();
            TreeMap<LocalDate, List<Double>> reference = new TreeMap<>();
            List<Map.Entry<LocalDate, Double>> held = new ArrayList<>();
            LocalDate start = LocalDate.of(2020, 1, 1);
            int days = c % 2 == 0 ? 3 : 400;
            LocalDate latest = start;
            for (int op = 0; op < 3_000; op++) {
                if (held.isEmpty() || r.nextInt(3) > 0) {
                    // Mostly the latest date again or the next one, as releases come; sometimes any date.
                    LocalDate d = r.nextInt(4) == 0 ? start.plusDays(r.nextInt(days)) : latest.plusDays(r.nextInt(2));
                    latest = d.isAfter(latest) ? d : latest;
                    double score = Math.round(r.nextGaussian() * 8) / 4.0;
                    scores.add(d, score);
                    reference.computeIfAbsent(d, k -> new ArrayList<>()).add(score);
                    held.add(Map.entry(d, score));
                } else {
                    // Any score: with three dates in some cases, removes empty dates (the last one added to
                    // too) and later adds fill them again.
                    int i = r.nextInt(held.size());
                    Map.Entry<LocalDate, Double> e = held.remove(i);
                    scores.remove(e.getKey(), e.getValue());
                    List<Double> day = reference.get(e.getKey());
                    day.remove(e.getValue());
                    if (day.isEmpty()) {
                        reference.remove(e.getKey());
                    }
                }
                if (op % 50 == 0 || op == 2_999) {
                    check(scores, reference);
                }
            }
        }
    }

    private static void check(ScoresByDate scores, TreeMap<LocalDate, List<Double>> reference) {
        assertThat(scores.dates()).isEqualTo(reference.size());
        assertThat(scores.size())
                .isEqualTo(reference.values().stream().mapToInt(List::size).sum());
        if (reference.isEmpty()) {
            return;
        }
        // Up to a date inside the range first (held or not), then all of it: a snapshot covers the
        // dates up to its end, and asking for a shorter one must not leave the rest unbuilt.
        LocalDate middle = reference
                .firstKey()
                .plusDays(
                        (reference.lastKey().toEpochDay() - reference.firstKey().toEpochDay()) / 2);
        assertThat(scores.upTo(middle).n())
                .isEqualTo(reference.headMap(middle, true).size());
        assertThat(scores.upTo(reference.firstKey().minusDays(1)).n()).isZero();
        ScoresByDate.Snapshot s = scores.upTo(reference.lastKey());
        assertThat(s.n()).isEqualTo(reference.size());
        int i = 0;
        double runBest = Double.NEGATIVE_INFINITY;
        double runLowest = Double.POSITIVE_INFINITY;
        for (var e : reference.entrySet()) {
            assertThat(s.days()[i]).isEqualTo(e.getKey().toEpochDay());
            List<Double> sorted = e.getValue().stream().sorted().toList();
            ScoresByDate.Day day = s.scores()[i];
            assertThat(day.size()).isEqualTo(sorted.size());
            for (int k = 0; k < sorted.size(); k++) {
                assertThat(day.get(k)).isEqualTo(sorted.get(k));
            }
            assertThat(s.best()[i]).isEqualTo(sorted.get(sorted.size() - 1));
            runBest = Math.max(runBest, sorted.get(sorted.size() - 1));
            runLowest = Math.min(runLowest, sorted.get(0));
            assertThat(s.runBest()[i]).isEqualTo(runBest);
            assertThat(s.runLowest()[i]).isEqualTo(runLowest);
            i++;
        }
    }
}
