package dev.meektracker.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meektracker.core.config.Settings;
import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.core.event.DeadLetter;
import dev.meektracker.core.event.GapEstimate;
import dev.meektracker.core.event.InputEvent;
import dev.meektracker.core.event.InputType;
import dev.meektracker.core.event.ModelRelease;
import dev.meektracker.core.event.ScalingFit;
import dev.meektracker.core.event.TrackerEvent;
import dev.meektracker.core.event.Weights;
import dev.meektracker.core.topic.Topics;
import dev.meektracker.core.validate.EventValidator;
import dev.meektracker.producers.importer.ImportResult;
import dev.meektracker.producers.importer.Inputs;
import dev.meektracker.streams.engine.Dates;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/** Topology logic with TopologyTestDriver: upserts, duplicates, arrival order, dead letters, batch agreement. */
class TopologyTest {

    /** Published numbers carry nine significant digits: a value rounded to them is within this of the exact one. */
    private static final org.assertj.core.data.Percentage NINE_DIGITS =
            org.assertj.core.data.Percentage.withPercentage(1e-6);

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC);
    private final TrackerConfig config = TrackerConfig.defaults();
    private final Topics topics = Topics.defaults();

    private static List<InputEvent> sample() throws Exception {
        ImportResult r = new Inputs(new EventValidator(CLOCK, java.time.Duration.ofDays(2))).readSample();
        assertThat(r.rejections()).isEmpty();
        return new ArrayList<>(r.events());
    }

    /** Runs events through a fresh topology and returns the last value per output key. */
    private Run run(List<InputEvent> events) {
        return run(events, List.of());
    }

    private Run run(List<InputEvent> events, List<String[]> rawModelRecords) {
        return run(config, events, rawModelRecords);
    }

    private static Run run(TrackerConfig config, List<InputEvent> events, List<String[]> rawModelRecords) {
        Topology topology = TrackerTopology.build(config, new TrackerMetrics(), CLOCK);
        Topics topics = Topics.of(config);
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true); // as the applications do
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, p)) {
            Map<InputType, TestInputTopic<String, byte[]>> inputs = new java.util.EnumMap<>(InputType.class);
            for (InputType t : InputType.values()) {
                inputs.put(
                        t,
                        driver.createInputTopic(
                                topics.input(t).name(), new StringSerializer(), new ByteArraySerializer()));
            }
            for (InputEvent e : events) {
                inputs.get(e.inputType()).pipeInput(e.key(), InputType.toBytes(e));
            }
            for (String[] raw : rawModelRecords) {
                inputs.get(InputType.MODEL_RELEASE)
                        .pipeInput(raw[0], raw[1] == null ? null : raw[1].getBytes(StandardCharsets.UTF_8));
            }
            // Deferred outputs (projections, sigmoids) come on the wall-clock punctuation.
            driver.advanceWallClockTime(java.time.Duration.ofSeconds(5));
            Run run = new Run();
            try (var it = driver.<String, TrackerEvent>getKeyValueStore(TrackerStores.HISTORY)
                    .all()) {
                it.forEachRemaining(kv -> run.historyKeys.add(kv.key));
            }
            run.itemsOnDisk =
                    driver.getAllStateStores().get(TrackerStores.ITEMS).persistent();
            try (var it =
                    driver.<String, byte[]>getKeyValueStore(TrackerStores.ITEMS).all()) {
                it.forEachRemaining(kv -> run.items.put(kv.key, kv.value));
            }
            TestOutputTopic<String, ScalingFit> fits = driver.createOutputTopic(
                    topics.scalingFits().name(),
                    new StringDeserializer(),
                    topics.scalingFits().valueSerde().deserializer());
            TestOutputTopic<String, GapEstimate> gaps = driver.createOutputTopic(
                    topics.gapEstimates().name(),
                    new StringDeserializer(),
                    topics.gapEstimates().valueSerde().deserializer());
            TestOutputTopic<String, DeadLetter> dlq = driver.createOutputTopic(
                    topics.deadLetters().name(),
                    new StringDeserializer(),
                    topics.deadLetters().valueSerde().deserializer());
            fits.readKeyValuesToList().forEach(kv -> {
                run.fitRecords++;
                run.fits.put(kv.key, kv.value);
            });
            gaps.readKeyValuesToList().forEach(kv -> {
                run.gapRecords++;
                run.gaps.put(kv.key, kv.value);
                run.gapHistory.add(kv.value);
            });
            run.deadLetters.addAll(dlq.readValuesToList());
            return run;
        }
    }

    static final class Run {
        final Map<String, ScalingFit> fits = new LinkedHashMap<>();
        final Map<String, GapEstimate> gaps = new LinkedHashMap<>();
        final List<DeadLetter> deadLetters = new ArrayList<>();
        /** Every gap estimate in the order published. */
        final List<GapEstimate> gapHistory = new ArrayList<>();
        /** The keys of the output-history store: id NUL asOf. */
        final List<String> historyKeys = new ArrayList<>();
        /** The latest-items store at the end: item key to its stored bytes. */
        final Map<String, byte[]> items = new LinkedHashMap<>();

        int fitRecords;
        int gapRecords;
        /** Whether the latest-items store was RocksDB's (persistent) rather than the heap's. */
        boolean itemsOnDisk;
    }

    @Test
    void latestItemsOnTheHeapGiveTheSameOutputsAsInRocksDb() throws Exception {
        List<InputEvent> events = sample();
        Run onDisk = run(events);
        Run onHeap = run(config.with(Settings.ITEMS_STORE, "memory"), events, List.of());
        assertThat(onDisk.itemsOnDisk).isTrue();
        assertThat(onHeap.itemsOnDisk).isFalse();
        assertThat(onHeap.fits).isEqualTo(onDisk.fits).isNotEmpty();
        assertThat(onHeap.gapHistory).isEqualTo(onDisk.gapHistory).isNotEmpty();
        assertThat(onHeap.historyKeys).isEqualTo(onDisk.historyKeys);
        assertThat(onHeap.items.keySet()).isEqualTo(onDisk.items.keySet()).hasSize(events.size());
        onDisk.items.forEach((k, v) -> assertThat(onHeap.items.get(k)).as(k).isEqualTo(v));
    }

    @Test
    void everyNodeAndStoreIsNamed() {
        TopologyDescription d =
                TrackerTopology.build(config, new TrackerMetrics(), CLOCK).describe();
        String text = d.toString();
        assertThat(text).doesNotContain("KSTREAM-").doesNotContain("KTABLE-");
        assertThat(text)
                .contains(
                        "validate-model-releases",
                        "track-gaps",
                        "validated-events-repartition",
                        "write-fits",
                        TrackerStores.ITEMS);
    }

    @Test
    void aReplayPublishesTheStateAtTheEndOfEveryMonthWhateverItsSpeed() throws Exception {
        // The driver's wall clock stands still while the whole sample is piped: the fastest replay
        // possible, where the 50 ms coalescing alone would publish one compute estimate in all.
        List<InputEvent> events = Inputs.inReleaseOrder(sample());
        Run run = run(config, events, List.of());
        assertEveryModelMonthEndPublished(events, run);

        // The input topics are read side by side and one may run ahead: hardware prices and benchmark
        // scores all first, then the models (each topic still in date order). The model months still end.
        List<InputEvent> othersFirst = new ArrayList<>(
                events.stream().filter(e -> !(e instanceof ModelRelease)).toList());
        othersFirst.addAll(
                events.stream().filter(e -> e instanceof ModelRelease).toList());
        assertEveryModelMonthEndPublished(events, run(config, othersFirst, List.of()));

        // Without checkpoints the same replay publishes the compute gap once: what the checks rely on.
        Run coalesced = run(config.with(Settings.EMIT_CHECKPOINT, "none"), events, List.of());
        assertThat(coalesced.gapHistory.stream()
                        .filter(g -> g.id().equals("compute/open-vs-closed"))
                        .count())
                .isEqualTo(1);
        assertThat(coalesced.gaps).isEqualTo(run.gaps);
    }

    @Test
    void aReplayDeclaredCompletePublishesItsEndStateWithoutWaitingForTheIdleTime() throws Exception {
        TrackerMetrics metrics = new TrackerMetrics();
        Topics topics = Topics.of(config);
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try (TopologyTestDriver driver = new TopologyTestDriver(TrackerTopology.build(config, metrics, CLOCK), p)) {
            Map<InputType, TestInputTopic<String, byte[]>> inputs = new java.util.EnumMap<>(InputType.class);
            for (InputType t : InputType.values()) {
                inputs.put(
                        t,
                        driver.createInputTopic(
                                topics.input(t).name(), new StringSerializer(), new ByteArraySerializer()));
            }
            List<InputEvent> events = Inputs.inReleaseOrder(sample());
            for (InputEvent e : events) {
                inputs.get(e.inputType()).pipeInput(e.key(), InputType.toBytes(e));
            }
            TestOutputTopic<String, ScalingFit> fits = driver.createOutputTopic(
                    topics.scalingFits().name(),
                    new StringDeserializer(),
                    topics.scalingFits().valueSerde().deserializer());
            // Half the idle time of quiet: a replay of history still holds its sigmoids back.
            driver.advanceWallClockTime(java.time.Duration.ofMillis(1000));
            assertThat(fits.readKeyValuesToMap()).doesNotContainKey("benchmark/mmlu");
            assertThat(metrics.deferredPending()).isTrue();

            metrics.endOfInput();
            driver.advanceWallClockTime(java.time.Duration.ofMillis(100));
            assertThat(fits.readKeyValuesToMap()).containsKey("benchmark/mmlu");
            assertThat(metrics.deferredPending()).isFalse();

            // A later event reopens the input: the signal covered only what had been processed.
            assertThat(metrics.inputEnded()).isTrue();
            InputEvent last = events.get(events.size() - 1);
            inputs.get(last.inputType()).pipeInput(last.key(), InputType.toBytes(last));
            assertThat(metrics.inputEnded()).isFalse();
        }
    }

    @Test
    void theHistoryStoreKeepsEachOutputsMonthEndStates() throws Exception {
        List<InputEvent> events = Inputs.inReleaseOrder(sample());
        Run run = run(config, events, List.of());
        List<String> compute = run.historyKeys.stream()
                .filter(k -> k.startsWith("compute/open-vs-closed\u0000"))
                .toList();
        // One entry for each month-end at which the compute gap had changed, in date order.
        long published = run.gapHistory.stream()
                .filter(g -> g.id().equals("compute/open-vs-closed"))
                .map(GapEstimate::asOf)
                .distinct()
                .count();
        assertThat(compute).hasSizeGreaterThan(15).hasSizeLessThanOrEqualTo((int) published);
        assertThat(compute).isSorted();
        assertThat(run.historyKeys.stream()
                        .map(k -> k.substring(0, k.indexOf('\u0000')))
                        .distinct())
                .contains("frontier-compute", "hardware-price-performance", "benchmark/mmlu/open-vs-closed");
    }

    /**
     * Each month with a release, and a later release to close it, ends in a published compute gap
     * equal to a batch computation over every event up to that month's end.
     */
    private void assertEveryModelMonthEndPublished(List<InputEvent> events, Run run) {
        Map<LocalDate, GapEstimate> published = new LinkedHashMap<>();
        run.gapHistory.stream()
                .filter(g -> g.id().equals("compute/open-vs-closed"))
                .forEach(g -> published.put(g.asOf(), g));
        List<LocalDate> releases = events.stream()
                .filter(e -> e instanceof ModelRelease)
                .map(TrackerEvent::eventDate)
                .sorted()
                .toList();
        LocalDate lastMonth = releases.get(releases.size() - 1).withDayOfMonth(1);
        List<LocalDate> monthEnds = releases.stream()
                .map(d -> d.withDayOfMonth(d.lengthOfMonth()))
                .distinct()
                .filter(end -> end.isBefore(lastMonth))
                .toList();
        assertThat(monthEnds).hasSizeGreaterThan(15);
        for (LocalDate end : monthEnds) {
            dev.meektracker.streams.engine.GapEngine batch = new dev.meektracker.streams.engine.GapEngine(
                    dev.meektracker.streams.engine.EngineSettings.from(config));
            events.stream().filter(e -> !e.eventDate().isAfter(end)).forEach(batch::upsert);
            batch.flushChanged();
            GapEstimate expected = batch.gaps().stream()
                    .filter(g -> g.id().equals("compute/open-vs-closed"))
                    .findFirst()
                    .orElse(null);
            if (expected == null) {
                continue; // no open and closed model yet
            }
            assertThat(published).as("month ending %s", end).containsKey(expected.asOf());
            GapEstimate got = published.get(expected.asOf());
            assertThat(got.value()).as("month ending %s", end).isCloseTo(expected.value(), NINE_DIGITS);
            assertThat(got.lagMonths()).as("month ending %s", end).isCloseTo(expected.lagMonths(), NINE_DIGITS);
            assertThat(got.details().get("closedLeaderComputeFlop"))
                    .isEqualTo(expected.details().get("closedLeaderComputeFlop"));
        }
    }

    @Test
    void sampleGivesEveryFitAndGap() throws Exception {
        Run r = run(sample());
        assertThat(r.deadLetters).isEmpty();
        assertThat(r.fits)
                .containsKeys(
                        "frontier-compute",
                        "open-compute",
                        "hardware-price-performance",
                        "algorithmic-progress",
                        "benchmark/mmlu");
        assertThat(r.gaps)
                .containsKeys(
                        "compute/open-vs-closed",
                        "benchmark/mmlu/open-vs-closed",
                        "projection/budget-1000-usd",
                        "projection/budget-100000-usd",
                        "projection/budget-10000000-usd",
                        "projection/best-open");
        GapEstimate compute = r.gaps.get("compute/open-vs-closed");
        // Sample: Grok 4 (5e26, closed) over Llama 3.1 405B (3.8e25, open); Grok 3 (4.6e26, 2025-02-17) first reached
        // 3.8e25
        // after it: GPT-4 (2.1e25) did not, Gemini 1.0 Ultra (5e25, 2023-12-06) did.
        assertThat(compute.value()).isCloseTo(Math.log10(5e26 / 3.8e25), NINE_DIGITS);
        assertThat(compute.asOf()).isEqualTo(LocalDate.of(2025, 8, 7));
        assertThat(compute.lagMonths())
                .isCloseTo(Dates.monthsBetween(LocalDate.of(2023, 12, 6), LocalDate.of(2025, 8, 7)), NINE_DIGITS);
        assertThat(r.fits.get("algorithmic-progress").method()).isEqualTo("configured");
        GapEstimate p = r.gaps.get("projection/budget-100000-usd");
        assertThat(p.unit()).isEqualTo("nats/token");
        assertThat(p.value()).isPositive();
        assertThat(p.low()).isLessThanOrEqualTo(p.value());
        assertThat(p.high()).isGreaterThanOrEqualTo(p.value());
        assertThat(p.details()).containsKeys("peakDate", "convergenceDate", "mmluGapPoints");
    }

    @Test
    void frontierFitEqualsABatchFitOfTheFrontierModels() throws Exception {
        List<InputEvent> events = sample();
        Run r = run(events);
        List<ModelRelease> models = events.stream()
                .filter(e -> e instanceof ModelRelease)
                .map(e -> (ModelRelease) e)
                .filter(ModelRelease::hasCompute)
                .sorted(java.util.Comparator.comparing(ModelRelease::releaseDate))
                .toList();
        SimpleRegression batch = new SimpleRegression();
        for (ModelRelease m : models) {
            long larger = models.stream()
                    .filter(o -> !o.releaseDate().isAfter(m.releaseDate()))
                    .filter(o -> o.trainingComputeFlop() > m.trainingComputeFlop())
                    .count();
            if (larger < 10 && !m.releaseDate().isBefore(LocalDate.of(2010, 1, 1))) {
                batch.addData(Dates.decimalYear(m.releaseDate()), Math.log10(m.trainingComputeFlop()));
            }
        }
        ScalingFit fit = r.fits.get("frontier-compute");
        assertThat(fit.n()).isEqualTo(batch.getN());
        assertRelative(fit.parameters().get("slope").value(), batch.getSlope());
        assertRelative(fit.parameters().get("intercept").value(), batch.getIntercept());
        assertRelative(fit.parameters().get("slope").stdErr(), batch.getSlopeStdErr());
        assertRelative(fit.rSquared(), batch.getRSquare());
        assertRelative(fit.growthPerYear().value(), Math.pow(10, batch.getSlope()));
    }

    private static void assertRelative(double actual, double expected) {
        assertThat(Math.abs(actual - expected)).isLessThanOrEqualTo(1e-9 * Math.abs(expected));
    }

    @Test
    void shuffledInputGivesTheSameFinalOutputs() throws Exception {
        List<InputEvent> ordered = sample();
        Run a = run(ordered);
        for (long seed = 1; seed <= 3; seed++) {
            List<InputEvent> shuffled = new ArrayList<>(ordered);
            Collections.shuffle(shuffled, new Random(seed));
            Run b = run(shuffled);
            assertThat(b.gaps.keySet()).isEqualTo(a.gaps.keySet());
            assertThat(b.fits.keySet()).isEqualTo(a.fits.keySet());
            for (String id : a.fits.keySet()) {
                assertFitsAgree(b.fits.get(id), a.fits.get(id));
            }
            for (String id : a.gaps.keySet()) {
                GapEstimate x = a.gaps.get(id);
                GapEstimate y = b.gaps.get(id);
                assertThat(y.asOf()).isEqualTo(x.asOf());
                assertThat(y.value())
                        .isCloseTo(
                                x.value(),
                                org.assertj.core.api.Assertions.within(1e-9 * Math.max(1, Math.abs(x.value()))));
                assertThat(y.details().keySet()).isEqualTo(x.details().keySet());
                assertThat(y.details().get("convergenceDate"))
                        .isEqualTo(x.details().get("convergenceDate"));
            }
        }
    }

    /**
     * Linear fits must agree to 1e-9 relative. A sigmoid on a dozen points has a flat valley along which
     * Levenberg–Marquardt stops at slightly different parameters depending on its warm start, so for it
     * the same fit means the same curve: R² within 1e-6 and the curve within 1e-3 (fraction of the
     * scale) across the compute range.
     */
    private static void assertFitsAgree(ScalingFit actual, ScalingFit expected) {
        assertThat(actual.n()).isEqualTo(expected.n());
        assertThat(actual.asOf()).isEqualTo(expected.asOf());
        assertThat(actual.parameters().keySet()).isEqualTo(expected.parameters().keySet());
        if (actual.method().equals("levenberg-marquardt")) {
            assertThat(actual.rSquared()).isCloseTo(expected.rSquared(), org.assertj.core.api.Assertions.within(1e-6));
            for (double x = 20; x <= 27; x += 0.5) {
                assertThat(sigmoid(actual, x))
                        .isCloseTo(sigmoid(expected, x), org.assertj.core.api.Assertions.within(1e-3));
            }
            return;
        }
        expected.parameters()
                .forEach((k, v) -> assertThat(actual.parameters().get(k).value())
                        .isCloseTo(
                                v.value(),
                                org.assertj.core.api.Assertions.within(1e-9 * Math.max(1, Math.abs(v.value())))));
    }

    private static double sigmoid(ScalingFit f, double x) {
        Map<String, dev.meektracker.core.event.Estimate> p = f.parameters();
        return p.get("lm").value()
                        / (1 + Math.exp(-p.get("k").value() * (x - p.get("x0").value())))
                + p.get("b").value();
    }

    @Test
    void anUpsertReplacesTheOldContribution() throws Exception {
        List<InputEvent> events = sample();
        ModelRelease grok4 = (ModelRelease) events.stream()
                .filter(e -> e.key().equals("grok-4"))
                .findFirst()
                .orElseThrow();
        ModelRelease corrected = new ModelRelease(
                grok4.id(),
                grok4.name(),
                grok4.organization(),
                grok4.releaseDate(),
                grok4.accessibility(),
                grok4.weights(),
                3e26,
                grok4.parameters(),
                grok4.trainingTokens(),
                grok4.trainingCostUsd(),
                grok4.computeConfidence(),
                grok4.source(),
                "correction");
        List<InputEvent> withCorrection = new ArrayList<>(events);
        withCorrection.add(corrected);
        List<InputEvent> correctedOnly = events.stream()
                .map(e -> e.key().equals("grok-4") ? corrected : e)
                .collect(Collectors.toList());
        Run a = run(withCorrection);
        Run b = run(correctedOnly);
        assertFitsAgree(a.fits.get("frontier-compute"), b.fits.get("frontier-compute"));
        assertThat(a.gaps.get("compute/open-vs-closed").value()).isCloseTo(Math.log10(4.6e26 / 3.8e25), NINE_DIGITS);
        assertThat(a.gaps.get("compute/open-vs-closed").details()).containsEntry("closedLeader", "grok-3");
    }

    @Test
    void aDuplicateChangesNothing() throws Exception {
        List<InputEvent> events = sample();
        Run once = run(events);
        List<InputEvent> twice = new ArrayList<>(events);
        twice.addAll(events);
        Run again = run(twice);
        assertThat(again.fitRecords).isEqualTo(once.fitRecords);
        assertThat(again.gapRecords).isEqualTo(once.gapRecords);
        assertThat(again.fits).isEqualTo(once.fits);
        assertThat(again.gaps).isEqualTo(once.gaps);
    }

    @Test
    void aCorrectionNoOutputReadsChangesNoOutputButIsStored() throws Exception {
        List<InputEvent> events = sample();
        Run once = run(events);
        ModelRelease m = events.stream()
                .filter(e -> e instanceof ModelRelease)
                .map(e -> (ModelRelease) e)
                .findFirst()
                .orElseThrow();
        ModelRelease renamed = new ModelRelease(
                m.id(),
                m.name() + " (renamed)",
                m.organization(),
                m.releaseDate(),
                m.accessibility(),
                m.weights(),
                m.trainingComputeFlop(),
                m.parameters(),
                m.trainingTokens(),
                m.trainingCostUsd(),
                m.computeConfidence(),
                m.source(),
                m.provenance());
        List<InputEvent> corrected = new ArrayList<>(events);
        corrected.add(renamed);
        Run r = run(corrected);
        assertThat(r.fitRecords).isEqualTo(once.fitRecords);
        assertThat(r.gapRecords).isEqualTo(once.gapRecords);
        String key = Envelope.itemKey(InputType.MODEL_RELEASE, m.id());
        assertThat(r.items).containsKey(key);
        assertThat(InputType.MODEL_RELEASE.serde().fromBytes(r.items.get(key)))
                .as("the store keeps the latest version even though the engine's view of it did not change")
                .isEqualTo(renamed);
    }

    @Test
    void aTombstoneDeletesTheItem() throws Exception {
        List<InputEvent> events = sample();
        Run r = run(events, List.<String[]>of(new String[] {"grok-4", null}, new String[] {"grok-3", null}));
        assertThat(r.deadLetters).isEmpty();
        assertThat(r.gaps.get("compute/open-vs-closed").details()).containsEntry("closedLeader", "gpt-5");
    }

    @Test
    void badRecordsAreDeadLetteredWithTheirReasonAndDoNotDisturbTheRest() throws Exception {
        List<InputEvent> events = sample();
        Run clean = run(events);
        List<String[]> bad = List.of(
                new String[] {"broken", "{\"id\": \"x\", \"name\": "},
                new String[] {"missing", "{\"id\":\"missing\",\"releaseDate\":\"2024-01-01\",\"weights\":\"open\"}"},
                new String[] {
                    "nan",
                    "{\"id\":\"nan\",\"name\":\"N\",\"releaseDate\":\"2024-01-01\",\"weights\":\"open\",\"trainingComputeFlop\":\"NaN\"}"
                },
                new String[] {
                    "negative",
                    "{\"id\":\"negative\",\"name\":\"N\",\"releaseDate\":\"2024-01-01\",\"weights\":\"open\",\"trainingComputeFlop\":-1e24}"
                },
                new String[] {
                    "absurd",
                    "{\"id\":\"absurd\",\"name\":\"N\",\"releaseDate\":\"2024-01-01\",\"weights\":\"closed\",\"trainingComputeFlop\":1e40}"
                },
                new String[] {
                    "future",
                    "{\"id\":\"future\",\"name\":\"N\",\"releaseDate\":\"2031-01-01\",\"weights\":\"open\",\"trainingComputeFlop\":1e24}"
                },
                new String[] {
                    "weights", "{\"id\":\"weights\",\"name\":\"N\",\"releaseDate\":\"2024-01-01\",\"weights\":\"ajar\"}"
                });
        Run r = run(events, bad);
        assertThat(r.deadLetters).hasSize(bad.size());
        Map<String, String> reasons = new HashMap<>();
        r.deadLetters.forEach(d -> reasons.put(d.recordKey(), d.reason()));
        assertThat(reasons.get("broken")).contains("not a valid ModelRelease");
        assertThat(reasons.get("missing")).contains("name: required");
        assertThat(reasons.get("nan")).contains("trainingComputeFlop: must be a finite number");
        assertThat(reasons.get("negative")).contains("trainingComputeFlop").contains("plausible range");
        assertThat(reasons.get("absurd")).contains("plausible range");
        assertThat(reasons.get("future")).contains("releaseDate").contains("in the future");
        assertThat(reasons.get("weights")).contains("weights");
        assertThat(r.deadLetters).allSatisfy(d -> {
            assertThat(d.sourceTopic()).isEqualTo("model-releases");
            assertThat(d.offset()).isGreaterThanOrEqualTo(0);
            assertThat(d.payload()).isNotBlank();
        });
        assertThat(r.fits).isEqualTo(clean.fits);
        assertThat(r.gaps).isEqualTo(clean.gaps);
    }

    @Test
    void aModelWithUnknownWeightsCountsForTheFrontierButNotForTheOpenClosedGap() throws Exception {
        List<InputEvent> events = sample();
        events.add(new ModelRelease(
                "mystery",
                "Mystery",
                "Lab",
                LocalDate.of(2025, 9, 1),
                null,
                Weights.UNKNOWN,
                9e26,
                null,
                null,
                null,
                null,
                "test",
                "test"));
        Run r = run(events);
        assertThat(r.gaps.get("compute/open-vs-closed").details()).containsEntry("closedLeader", "grok-4");
        assertThat(r.fits.get("frontier-compute").asOf()).isEqualTo(LocalDate.of(2025, 9, 1));
    }
}
