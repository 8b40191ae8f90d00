package dev.meektracker.streams.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The catch-up lag against a brute-force reading of its definition, on hand-made and random cases. */
class CatchUpLagTest {

    private static CatchUpLag.Point p(String date, double score) {
        return new CatchUpLag.Point(LocalDate.parse(date), score);
    }

    /**
     * The definition, walked day by day: the best open score up to the day; the latest date up to the
     * day on which the best closed score so far was at most that plus the tolerance; the days between.
     */
    private static double bruteForceDay(
            List<CatchUpLag.Point> open, List<CatchUpLag.Point> closed, LocalDate day, double tol) {
        double bestOpen = open.stream()
                .filter(x -> !x.date().isAfter(day))
                .mapToDouble(CatchUpLag.Point::score)
                .max()
                .orElse(Double.NaN);
        if (Double.isNaN(bestOpen)) {
            return Double.NaN;
        }
        LocalDate earliest = closed.stream()
                .map(CatchUpLag.Point::date)
                .min(LocalDate::compareTo)
                .orElse(day)
                .minusDays(1);
        for (LocalDate d = day; !d.isBefore(earliest); d = d.minusDays(1)) {
            LocalDate dd = d;
            double bestClosed = closed.stream()
                    .filter(x -> !x.date().isAfter(dd))
                    .mapToDouble(CatchUpLag.Point::score)
                    .max()
                    .orElse(Double.NEGATIVE_INFINITY);
            if (bestClosed <= bestOpen + tol) {
                return ChronoUnit.DAYS.between(d, day) / Dates.DAYS_PER_MONTH;
            }
        }
        throw new AssertionError("unreachable: before the first closed model the closed side is never ahead");
    }

    private static double bruteForceMean(
            List<CatchUpLag.Point> open, List<CatchUpLag.Point> closed, LocalDate end, int window, double tol) {
        double sum = 0;
        int n = 0;
        for (int i = window - 1; i >= 0; i--) {
            double v = bruteForceDay(open, closed, end.minusDays(i), tol);
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return sum / n;
    }

    @Test
    void handMadeCasesTiesAnUnmatchedRecordAndAnOpenModelAheadOfTheRecord() {
        // Closed: 100 on Jan 1, 120 on Mar 1. Open: 100 on Feb 1 (a tie with the first record), 125 on
        // May 1 (above every record). With tolerance 0 the open side is level from Feb 1, behind from
        // Mar 1 (lag counted from Mar 1) until May 1, level after.
        List<CatchUpLag.Point> closed = List.of(p("2025-01-01", 100), p("2025-03-01", 120));
        List<CatchUpLag.Point> open = List.of(p("2025-02-01", 100), p("2025-05-01", 125));
        LocalDate end = LocalDate.parse("2025-06-29"); // the window of 180 days starts on Jan 1
        CatchUpLag.Result r = CatchUpLag.compute(open, closed, end, 180, 0, 0, 1);
        assertThat(r.meanMonths()).isCloseTo(bruteForceMean(open, closed, end, 180, 0), within(1e-12));
        assertThat(r.latestDayMonths()).isZero();
        // On Apr 30 the lag is the days since Feb 28, the last day the closed side was not ahead.
        int apr30 = (int) ChronoUnit.DAYS.between(end.minusDays(179), LocalDate.parse("2025-04-30"));
        assertThat(r.daily()[apr30]).isCloseTo(61 / Dates.DAYS_PER_MONTH, within(1e-12));
        // Both records were set in the window: Jan 1's was matched at once (Feb 1 open tie: 31 days), Mar 1's on May 1.
        assertThat(r.records()).isEqualTo(2);
        assertThat(r.matched()).isEqualTo(2);
        assertThat(r.matchMeanMonths()).isCloseTo((31 + 61) / 2.0 / Dates.DAYS_PER_MONTH, within(1e-12));

        // The threshold-crossing view: every level between 100 and 120 was first reached by a closed
        // model on Mar 1 and by an open one on May 1.
        assertThat(r.crossings()).hasSize(CatchUpLag.CROSSING_LEVELS).allSatisfy(x -> {
            assertThat(x.closed()).isEqualTo(LocalDate.parse("2025-03-01"));
            assertThat(x.open()).isEqualTo(LocalDate.parse("2025-05-01"));
            assertThat(x.months()).isCloseTo(61 / Dates.DAYS_PER_MONTH, within(1e-12));
        });

        // A tolerance of 20 makes the open side never behind.
        assertThat(CatchUpLag.compute(open, closed, end, 180, 20, 0, 1).meanMonths())
                .isZero();

        // A record never matched: counted, with its age.
        List<CatchUpLag.Point> closed2 = List.of(p("2025-01-01", 100), p("2025-03-01", 200));
        CatchUpLag.Result unmatched = CatchUpLag.compute(open, closed2, end, 180, 0, 0, 1);
        assertThat(unmatched.matched()).isEqualTo(1);
        assertThat(unmatched.oldestUnmatchedMonths()).isCloseTo(120 / Dates.DAYS_PER_MONTH, within(1e-12));
        assertThat(unmatched.latestDayMonths()).isCloseTo(121 / Dates.DAYS_PER_MONTH, within(1e-12));

        // An open model released before a record but already above it matches the record at once.
        List<CatchUpLag.Point> earlyOpen = List.of(p("2024-12-01", 130));
        CatchUpLag.Result early = CatchUpLag.compute(earlyOpen, closed, end, 180, 0, 0, 1);
        assertThat(early.matchMeanMonths()).isZero();
        assertThat(early.meanMonths()).isZero();
    }

    @Test
    void randomCasesAgreeWithTheDefinitionAndDoNotDependOnOrder() {
        Random r = new Random(11);
        for (int c = 0; c < 30; c++) {
            List<CatchUpLag.Point> open = new ArrayList<>();
            List<CatchUpLag.Point> closed = new ArrayList<>();
            LocalDate start = LocalDate.of(2023, 1, 1);
            for (int i = 0; i < 25; i++) {
                LocalDate d = start.plusDays(r.nextInt(700));
                double score = 100 + 0.05 * ChronoUnit.DAYS.between(start, d) + 10 * r.nextGaussian();
                (r.nextBoolean() ? open : closed).add(new CatchUpLag.Point(d, Math.round(score)));
            }
            if (open.isEmpty() || closed.isEmpty()) {
                continue;
            }
            LocalDate end = start.plusDays(700);
            double tol = r.nextInt(3) * 2.0;
            CatchUpLag.Result a = CatchUpLag.compute(open, closed, end, 180, tol, 50, 7);
            assertThat(a.meanMonths())
                    .as("case %d", c)
                    .isCloseTo(bruteForceMean(open, closed, end, 180, tol), within(1e-9));
            Collections.shuffle(open, r);
            Collections.shuffle(closed, r);
            CatchUpLag.Result b = CatchUpLag.compute(open, closed, end, 180, tol, 50, 7);
            assertThat(b.meanMonths()).isEqualTo(a.meanMonths());
            assertThat(b.lowMonths())
                    .as("the bootstrap is reproducible by seed, whatever the input order")
                    .isEqualTo(a.lowMonths());
            assertThat(b.highMonths()).isEqualTo(a.highMonths());
            assertThat(a.lowMonths()).isLessThanOrEqualTo(a.highMonths());
        }
    }

    @Test
    void modelsReleasedTheSameDaySetOneRecordAndRemovedScoresLeaveNoTrace() {
        // Two closed models on Mar 1, both above Jan 1's record: one record that day, the higher one.
        List<CatchUpLag.Point> closed = List.of(p("2025-01-01", 100), p("2025-03-01", 110), p("2025-03-01", 120));
        List<CatchUpLag.Point> open = List.of(p("2025-02-01", 100), p("2025-05-01", 125));
        LocalDate end = LocalDate.parse("2025-06-29");
        CatchUpLag.Result r = CatchUpLag.compute(open, closed, end, 180, 0, 0, 1);
        assertThat(r.records()).isEqualTo(2);
        assertThat(r.meanMonths()).isCloseTo(bruteForceMean(open, closed, end, 180, 0), within(1e-12));

        // Scores added and removed again (corrections, deletions) give the same lag as never having been there.
        ScoresByDate o = ScoresByDate.of(open);
        ScoresByDate c = ScoresByDate.of(closed);
        c.add(LocalDate.parse("2025-02-15"), 500);
        c.add(LocalDate.parse("2025-03-01"), 130);
        o.add(LocalDate.parse("2025-03-01"), 130);
        // Computed in between, so the removals below go through the dates' cached arrays.
        assertThat(CatchUpLag.compute(o, c, end, 180, 0, 0, 1).records()).isEqualTo(2);
        c.remove(LocalDate.parse("2025-02-15"), 500);
        c.remove(LocalDate.parse("2025-03-01"), 130);
        o.remove(LocalDate.parse("2025-03-01"), 130);
        o.remove(LocalDate.parse("2025-03-01"), 999); // never added: nothing happens
        assertThat(c.size()).isEqualTo(3);
        assertThat(c.dates()).isEqualTo(2);
        assertThat(o.size()).isEqualTo(2);
        CatchUpLag.Result again = CatchUpLag.compute(o, c, end, 180, 0, 50, 3);
        CatchUpLag.Result fresh = CatchUpLag.compute(open, closed, end, 180, 0, 50, 3);
        assertThat(again.meanMonths()).isEqualTo(fresh.meanMonths());
        assertThat(again.lowMonths()).isEqualTo(fresh.lowMonths());
        assertThat(again.highMonths()).isEqualTo(fresh.highMonths());
        assertThat(again.records()).isEqualTo(fresh.records());
    }

    @Test
    void thePoissonBootstrapIntervalNarrowsAsModelsAccumulate() {
        // The same process observed with 5 and with 40 models a side: the interval shrinks with the data
        // and always holds the estimate's neighbourhood (lows at most highs, both non-negative).
        double[] widths = new double[2];
        int[] perSide = {5, 40};
        for (int k = 0; k < 2; k++) {
            Random r = new Random(5);
            List<CatchUpLag.Point> open = new ArrayList<>();
            List<CatchUpLag.Point> closed = new ArrayList<>();
            LocalDate start = LocalDate.of(2024, 1, 1);
            for (int i = 0; i < perSide[k]; i++) {
                LocalDate d1 = start.plusDays(r.nextInt(365));
                LocalDate d2 = start.plusDays(r.nextInt(365));
                closed.add(new CatchUpLag.Point(d1, 0.1 * ChronoUnit.DAYS.between(start, d1) + 5 * r.nextGaussian()));
                open.add(new CatchUpLag.Point(d2, 0.1 * ChronoUnit.DAYS.between(start, d2) - 6 + 5 * r.nextGaussian()));
            }
            CatchUpLag.Result res = CatchUpLag.compute(open, closed, start.plusDays(364), 180, 0, 400, 9);
            assertThat(res.lowMonths()).isLessThanOrEqualTo(res.highMonths()).isGreaterThanOrEqualTo(0);
            widths[k] = res.highMonths() - res.lowMonths();
        }
        assertThat(widths[1]).isLessThan(widths[0]);
    }

    @Test
    void aResampleDrawingOnlyTheDatesThatMatterEqualsOneDrawingEveryDate() {
        Random r = new Random(23);
        for (int c = 0; c < 40; c++) {
            ScoresByDate open = new ScoresByDate();
            ScoresByDate closed = new ScoresByDate();
            LocalDate start = LocalDate.of(2018, 1, 1);
            int models = 20 + r.nextInt(400);
            for (int i = 0; i < models; i++) {
                // Few distinct dates in some cases (many models a date), a rising trend with noise.
                LocalDate d = start.plusDays(r.nextInt(c % 3 == 0 ? 40 : 2000) * (c % 3 == 0 ? 50L : 1L));
                double score = 0.02 * ChronoUnit.DAYS.between(start, d) + 8 * r.nextGaussian();
                (r.nextInt(3) == 0 ? open : closed).add(d, Math.round(score * 4) / 4.0);
            }
            if (open.isEmpty() || closed.isEmpty()) {
                continue;
            }
            LocalDate end = start.plusDays(1000 + r.nextInt(1200));
            int window = 30 + r.nextInt(400);
            double tol = r.nextInt(4) * 0.5;
            ScoresByDate.Snapshot o = open.upTo(end);
            ScoresByDate.Snapshot k = closed.upTo(end);
            if (o.n() == 0 || k.n() == 0) {
                continue;
            }
            CatchUpLag.Resampler lazy =
                    new CatchUpLag.Resampler(o, k, end.toEpochDay() - (window - 1L), window, tol, 31L * c);
            for (int sample = 0; sample < 30; sample++) {
                assertThat(lazy.daily(sample))
                        .as("case %d, resample %d", c, sample)
                        .containsExactly(lazy.dailyDrawingEveryDate(sample));
            }
        }
    }

    @Test
    void aResampleDrawsEachModelWithTheProbabilityOfAPoissonOneDrawBeingNonZero() {
        ScoresByDate open = new ScoresByDate();
        ScoresByDate closed = new ScoresByDate();
        LocalDate day = LocalDate.of(2024, 1, 1);
        open.add(day, 1);
        closed.add(day, 1);
        closed.add(day, 2);
        CatchUpLag.Resampler r = new CatchUpLag.Resampler(open.upTo(day), closed.upTo(day), day.toEpochDay(), 1, 0, 3);
        int samples = 40_000;
        int openDrawn = 0;
        int topDrawn = 0;
        int onlyLowerDrawn = 0;
        for (int s = 0; s < samples; s++) {
            double[][] d = r.drawAll(s);
            openDrawn += d[0][0] == 1 ? 1 : 0;
            topDrawn += d[1][0] == 2 ? 1 : 0;
            onlyLowerDrawn += d[1][0] == 1 ? 1 : 0;
        }
        double p = 1 - Math.exp(-1);
        assertThat(openDrawn / (double) samples).isCloseTo(p, within(0.01));
        assertThat(topDrawn / (double) samples).isCloseTo(p, within(0.01));
        assertThat(onlyLowerDrawn / (double) samples).isCloseTo((1 - p) * p, within(0.01));
    }

    @Test
    void theMaxTreeFindsTheFirstAndTheLastValueAboveALevel() {
        Random r = new Random(3);
        for (int c = 0; c < 200; c++) {
            int n = 1 + r.nextInt(70);
            double[] v = new double[n + r.nextInt(5)];
            for (int i = 0; i < v.length; i++) {
                v[i] = r.nextInt(20);
            }
            CatchUpLag.MaxTree t = new CatchUpLag.MaxTree(v, n);
            for (int q = 0; q < 30; q++) {
                int from = r.nextInt(n + 2);
                double level = r.nextInt(22) - 1;
                int expected = -1;
                for (int i = from; i < n; i++) {
                    if (v[i] > level) {
                        expected = i;
                        break;
                    }
                }
                assertThat(t.firstAbove(from, level))
                        .as("case %d from %d above %s", c, from, level)
                        .isEqualTo(expected);
                int to = r.nextInt(n + 3) - 1;
                int last = -1;
                for (int i = Math.min(to, n - 1); i >= 0; i--) {
                    if (v[i] > level) {
                        last = i;
                        break;
                    }
                }
                assertThat(t.lastAbove(to, level))
                        .as("case %d up to %d above %s", c, to, level)
                        .isEqualTo(last);
            }
        }
    }
}
