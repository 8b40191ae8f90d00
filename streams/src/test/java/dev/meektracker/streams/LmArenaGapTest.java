package dev.meektracker.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.meektracker.core.SharedData;
import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.core.event.GapEstimate;
import dev.meektracker.core.event.InputEvent;
import dev.meektracker.core.validate.EventValidator;
import dev.meektracker.producers.importer.Inputs;
import dev.meektracker.streams.engine.EngineSettings;
import dev.meektracker.streams.engine.GapEngine;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LMArena's stacked text-leaderboard snapshots replayed one snapshot at a time: after each, the
 * tracker's open-versus-closed gap in Elo equals an independent reading of that snapshot alone (the
 * best proprietary rating minus the best open one, a repeated name counted once with its most-voted
 * row). Skipped without ../shared/data.
 */
class LmArenaGapTest {

    @TempDir
    Path tmp;

    @Test
    void theGapAfterEachSnapshotIsTheBestClosedMinusTheBestOpenRatingOfThatSnapshot() throws Exception {
        Path file = SharedData.file("lmarena/lmarena_text_snapshots_2024-06_2025-08.csv");
        List<CSVRecord> rows = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file)) {
            CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .build()
                    .parse(r)
                    .forEach(rows::add);
        }
        List<String> header;
        try (Reader r = Files.newBufferedReader(file)) {
            header = CSVFormat.DEFAULT.builder().setHeader().build().parse(r).getHeaderNames();
        }
        TreeSet<String> snapshots = new TreeSet<>();
        rows.forEach(r -> snapshots.add(r.get("snapshot_date")));
        // Every 15th snapshot and the last: the early, middle and latest leaderboards.
        List<String> picked = new ArrayList<>();
        int i = 0;
        for (String s : snapshots) {
            if (i++ % 15 == 0 || s.equals(snapshots.last())) {
                picked.add(s);
            }
        }
        assertThat(picked).hasSizeGreaterThanOrEqualTo(5);
        for (String snapshot : picked) {
            Path upTo = tmp.resolve("lmarena-up-to-" + snapshot + ".csv");
            try (var out = Files.newBufferedWriter(upTo);
                    var printer = CSVFormat.DEFAULT
                            .builder()
                            .setHeader(header.toArray(String[]::new))
                            .build()
                            .print(out)) {
                for (CSVRecord r : rows) {
                    if (r.get("snapshot_date").compareTo(snapshot) <= 0) {
                        printer.printRecord(r.toList());
                    }
                }
            }
            List<InputEvent> events = new Inputs(EventValidator.systemDefault())
                    .read(List.of(), List.of(), List.of(upTo))
                    .events();
            GapEngine engine = new GapEngine(EngineSettings.from(TrackerConfig.defaults()));
            Inputs.inReleaseOrder(events).forEach(engine::upsert);
            engine.flush();
            GapEstimate gap = engine.gaps().stream()
                    .filter(g -> g.id().equals("benchmark/lmarena-text/open-vs-closed"))
                    .findFirst()
                    .orElseThrow();
            assertThat(gap.value())
                    .as("gap after the snapshot of %s", snapshot)
                    .isCloseTo(expected(rows, snapshot), within(1e-9));
            assertThat(gap.unit()).containsIgnoringCase("elo");
            // The gap stands as of the snapshot, not as of the newest model's first listing.
            assertThat(gap.asOf()).isEqualTo(java.time.LocalDate.parse(snapshot));
        }
    }

    /** Straight from the snapshot's rows: most-voted row per name, then best closed minus best open. */
    private static double expected(List<CSVRecord> rows, String snapshot) {
        Map<String, CSVRecord> byName = new HashMap<>();
        for (CSVRecord r : rows) {
            if (!r.get("snapshot_date").equals(snapshot) || r.get("arena_score").isBlank()) {
                continue;
            }
            byName.merge(r.get("model"), r, (a, b) -> votes(b) > votes(a) ? b : a);
        }
        double closed = Double.NEGATIVE_INFINITY;
        double open = Double.NEGATIVE_INFINITY;
        for (CSVRecord r : byName.values()) {
            String license = r.get("license").trim().toLowerCase();
            double score = Double.parseDouble(r.get("arena_score"));
            if (license.equals("proprietary") || license.equals("propretary")) {
                closed = Math.max(closed, score);
            } else if (!license.equals("other") && !license.isBlank()) {
                open = Math.max(open, score);
            }
        }
        return closed - open;
    }

    private static long votes(CSVRecord r) {
        String v = r.get("votes").trim();
        return v.isEmpty() ? 0 : (long) Double.parseDouble(v);
    }
}
