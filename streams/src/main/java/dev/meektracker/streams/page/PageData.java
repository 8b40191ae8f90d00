package dev.meektracker.streams.page;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meektracker.core.event.Estimate;
import dev.meektracker.core.event.GapEstimate;
import dev.meektracker.core.event.HardwarePrice;
import dev.meektracker.core.event.InputEvent;
import dev.meektracker.core.event.ModelRelease;
import dev.meektracker.core.event.OutputIds;
import dev.meektracker.core.event.ScalingFit;
import dev.meektracker.core.event.TrackerEvent;
import dev.meektracker.core.stats.OnlineRegression;
import dev.meektracker.streams.engine.Dates;
import dev.meektracker.streams.engine.EngineSettings;
import dev.meektracker.streams.engine.FrontierMembership;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything the page draws, as one JSON document: the items behind the charts (models with their
 * compute and weights, chips with their FLOP/s per USD), the trend lines with their 90 % bands, the
 * history of every gap by event time, the projections' trajectories, the alert transitions, and the
 * current fits and gaps for the tables and definitions. The live page polls it; the HTML report
 * inlines it. Built from a {@link Snapshot}, so the same code serves a running tracker and a report.
 */
public final class PageData {

    /** Points of a drawn trend line: a straight line in log space needs few, its curved band a few more. */
    private static final int TREND_POINTS = 41;

    private static final double CONFIDENCE = 0.9;

    /**
     * What the page is built from.
     *
     * @param generatedAt when the snapshot was taken (wall-clock)
     * @param fits        the current fits
     * @param gaps        the current gaps
     * @param history     each output's states by event time (month ends, then the latest), by id
     * @param items       the current input items
     * @param alerts      alert transitions as published on gap-alerts, oldest first
     * @param revisions   the latest revision of each watched source, as published on source-revisions
     * @param settings    the engine's settings (frontier definition, precision, amortisation)
     */
    public record Snapshot(
            Instant generatedAt,
            List<ScalingFit> fits,
            List<GapEstimate> gaps,
            Map<String, List<TrackerEvent>> history,
            List<InputEvent> items,
            List<JsonNode> alerts,
            List<JsonNode> revisions,
            EngineSettings settings) {}

    private PageData() {}

    public static Map<String, Object> build(Snapshot s) {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("generatedAt", s.generatedAt().toString());
        page.put(
                "asOf",
                s.gaps().stream()
                        .map(GapEstimate::asOf)
                        .max(Comparator.naturalOrder())
                        .map(Object::toString)
                        .orElse(null));
        page.put("settings", settings(s.settings()));
        List<ModelRelease> models = new ArrayList<>();
        List<HardwarePrice> chips = new ArrayList<>();
        for (InputEvent e : s.items()) {
            if (e instanceof ModelRelease m) {
                models.add(m);
            } else if (e instanceof HardwarePrice h) {
                chips.add(h);
            }
        }
        page.put("models", models(models, s.settings().frontierTopN()));
        page.put("hardware", hardware(chips, s.settings()));
        Map<String, Object> trends = new LinkedHashMap<>();
        for (ScalingFit f : s.fits()) {
            if (f.id().equals(OutputIds.FRONTIER_COMPUTE)
                    || f.id().equals(OutputIds.OPEN_COMPUTE)
                    || f.id().equals(OutputIds.HARDWARE)) {
                Map<String, Object> line = trendLine(f);
                if (line != null) {
                    trends.put(f.id(), line);
                }
            }
        }
        page.put("trends", trends);
        page.put("series", series(s.history()));
        page.put("benchmarks", benchmarks(s.gaps()));
        page.put("projections", projections(s.gaps()));
        page.put("alerts", alerts(s.alerts()));
        page.put("sources", sources(s.items()));
        page.put("revisions", s.revisions());
        page.put(
                "fits",
                s.fits().stream().sorted(Comparator.comparing(ScalingFit::id)).toList());
        page.put(
                "gaps",
                s.gaps().stream().sorted(Comparator.comparing(GapEstimate::id)).toList());
        return page;
    }

    private static Map<String, Object> settings(EngineSettings e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("frontierTopN", e.frontierTopN());
        m.put("fitStart", e.fitStart().toString());
        m.put(
                "precision",
                e.precision() == null
                        ? "best ML format of each chip"
                        : e.precision().wire());
        m.put("amortisationYears", e.amortisationYears());
        m.put("thresholdNats", e.thresholdNats());
        m.put("budgetTiersUsd", e.budgetTiersUsd());
        return m;
    }

    /** Models with known compute as rows (date, log10 FLOP, weights, frontier, id, name, organization, source). */
    private static Map<String, Object> models(List<ModelRelease> models, int topN) {
        Set<String> frontier = FrontierMembership.of(models, topN);
        List<List<Object>> rows = new ArrayList<>();
        int withoutCompute = 0;
        for (ModelRelease m : models.stream()
                .sorted(Comparator.comparing(ModelRelease::releaseDate).thenComparing(ModelRelease::id))
                .toList()) {
            if (!m.hasCompute()) {
                withoutCompute++;
                continue;
            }
            List<Object> row = new ArrayList<>(8);
            row.add(m.releaseDate().toString());
            row.add(round(Math.log10(m.trainingComputeFlop())));
            row.add(m.weights().name().toLowerCase(java.util.Locale.ROOT));
            row.add(frontier.contains(m.id()));
            row.add(m.id());
            row.add(m.name());
            row.add(m.organization());
            row.add(m.source());
            rows.add(row);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("fields", List.of("date", "log10Flop", "weights", "frontier", "id", "name", "organization", "source"));
        out.put("unit", "FLOP (training compute)");
        out.put("rows", rows);
        out.put("withoutCompute", withoutCompute);
        return out;
    }

    /** Chips with a price and the configured format, as rows (date, log10 FLOP/s per USD, id, name, manufacturer, source). */
    private static Map<String, Object> hardware(List<HardwarePrice> chips, EngineSettings e) {
        List<List<Object>> rows = new ArrayList<>();
        int unpriced = 0;
        for (HardwarePrice h : chips.stream()
                .sorted(Comparator.comparing(HardwarePrice::date).thenComparing(HardwarePrice::id))
                .toList()) {
            Double perUsd =
                    h.flopPerSecondPerUsd(e.precision(), e.amortisationYears()).orElse(null);
            if (perUsd == null || !(perUsd > 0)) {
                unpriced++;
                continue;
            }
            rows.add(java.util.Arrays.asList(
                    h.date().toString(), round(Math.log10(perUsd)), h.id(), h.name(), h.manufacturer(), h.source()));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("fields", List.of("date", "log10FlopPerSecondPerUsd", "id", "name", "manufacturer", "source"));
        out.put("unit", "FLOP/s per USD");
        out.put("rows", rows);
        out.put("withoutPriceOrFormat", unpriced);
        return out;
    }

    /**
     * A log-linear trend drawn over its window to its as-of date, with the 90 % band of the fitted
     * level: half-width t(n − 2) · sqrt(se_centre² + (x − centre)² · se_slope²). Null for a fit
     * without the centre parameters (one published by an older build).
     */
    static Map<String, Object> trendLine(ScalingFit f) {
        Estimate slope = f.parameters().get("slope");
        Estimate center = f.parameters().get("centerYear");
        Estimate level = f.parameters().get("levelAtCenter");
        if (slope == null || center == null || level == null || f.windowStart() == null || f.n() < 3) {
            return null;
        }
        double t = OnlineRegression.studentQuantile(CONFIDENCE, f.n() - 2);
        double seSlope = slope.stdErr() == null ? 0 : slope.stdErr();
        double seLevel = level.stdErr() == null ? 0 : level.stdErr();
        double x0 = Dates.decimalYear(f.windowStart());
        double x1 = Dates.decimalYear(f.asOf());
        List<String> dates = new ArrayList<>();
        List<Double> mid = new ArrayList<>();
        List<Double> low = new ArrayList<>();
        List<Double> high = new ArrayList<>();
        for (int i = 0; i < TREND_POINTS; i++) {
            double years = (x1 - x0) * i / (TREND_POINTS - 1);
            LocalDate d = Dates.plusYears(f.windowStart(), years);
            double x = x0 + years;
            double y = level.value() + slope.value() * (x - center.value());
            double dx = x - center.value();
            double half = t * Math.sqrt(seLevel * seLevel + dx * dx * seSlope * seSlope);
            dates.add(d.toString());
            mid.add(round(y));
            low.add(round(y - half));
            high.add(round(y + half));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", f.id());
        m.put("unit", level.unit());
        m.put("growthPerYear", f.growthPerYear());
        m.put("doublingTimeYears", f.doublingTimeYears());
        m.put("n", f.n());
        m.put("note", f.note());
        m.put("dates", dates);
        m.put("log10", mid);
        m.put("log10Low", low);
        m.put("log10High", high);
        return m;
    }

    /** Every gap's history as columns: dates, value, low, high, lag (months), in ascending as-of date. */
    private static Map<String, Object> series(Map<String, List<TrackerEvent>> history) {
        Map<String, Object> out = new TreeMap<>();
        for (Map.Entry<String, List<TrackerEvent>> e : history.entrySet()) {
            List<String> dates = new ArrayList<>();
            List<Double> value = new ArrayList<>();
            List<Double> low = new ArrayList<>();
            List<Double> high = new ArrayList<>();
            List<Double> lag = new ArrayList<>();
            String unit = null;
            String kind = null;
            String basis = null;
            for (TrackerEvent ev : e.getValue()) {
                if (!(ev instanceof GapEstimate g)) {
                    continue;
                }
                unit = g.unit();
                kind = g.kind();
                basis = g.basis();
                dates.add(g.asOf().toString());
                value.add(g.value());
                low.add(g.low());
                high.add(g.high());
                lag.add(g.lagMonths());
            }
            if (dates.isEmpty()) {
                continue;
            }
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("kind", kind);
            s.put("unit", unit);
            s.put("basis", basis);
            s.put("dates", dates);
            s.put("value", value);
            s.put("low", low);
            s.put("high", high);
            s.put("lagMonths", lag);
            out.put(e.getKey(), s);
        }
        return out;
    }

    /** The benchmarks with a published gap or lag, sorted. */
    private static List<String> benchmarks(List<GapEstimate> gaps) {
        TreeSet<String> ids = new TreeSet<>();
        for (GapEstimate g : gaps) {
            String[] parts = g.id().split("/");
            if (parts.length == 3 && parts[0].equals("benchmark")) {
                ids.add(parts[1]);
            }
        }
        return List.copyOf(ids);
    }

    /** The projections in tier order (by budget), then the best open model's. */
    private static List<Map<String, Object>> projections(List<GapEstimate> gaps) {
        List<Map<String, Object>> out = new ArrayList<>();
        gaps.stream()
                .filter(g -> g.kind().equals("projection"))
                .sorted(Comparator.comparing((GapEstimate g) -> g.id().equals(OutputIds.BEST_OPEN_PROJECTION))
                        .thenComparing(g -> number(g.details().get("meekBudgetUsd"))))
                .forEach(g -> {
                    Map<String, Object> p = new LinkedHashMap<>();
                    p.put("id", g.id());
                    p.put("asOf", g.asOf().toString());
                    p.put("lossGapNats", g.value());
                    p.put("low", g.low());
                    p.put("high", g.high());
                    for (String k : List.of(
                            "meek",
                            "meekBudgetUsd",
                            "mmluGapPoints",
                            "status",
                            "peakDate",
                            "peakLossGapNats",
                            "peakPassed",
                            "thresholdNats",
                            "convergenceDate",
                            "convergenceDateLow",
                            "convergenceDateHigh",
                            "algorithmicSource",
                            "trajectory")) {
                        if (g.details().containsKey(k)) {
                            p.put(k, g.details().get(k));
                        }
                    }
                    p.put("basis", g.basis());
                    out.add(p);
                });
        return out;
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.MAX_VALUE;
    }

    /** Alert transitions as the timeline needs them: as-of date, status, rule, severity, summary, value, fingerprint. */
    private static List<Map<String, Object>> alerts(List<JsonNode> alerts) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (JsonNode a : alerts) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("asOf", a.path("asOf").asText(null));
            m.put("status", a.path("status").asText(null));
            m.put("rule", a.path("labels").path("rule").asText(null));
            m.put("gap", a.path("labels").path("gap").asText(null));
            m.put("severity", a.path("labels").path("severity").asText(null));
            m.put("summary", a.path("annotations").path("summary").asText(null));
            m.put("value", a.path("value").isNumber() ? a.path("value").asDouble() : null);
            m.put("fingerprint", a.path("fingerprint").asText(null));
            out.add(m);
        }
        return out;
    }

    /**
     * Where the items came from: per input type and origin (the provenance without its line number,
     * e.g. a CSV file's name), the number of items, the latest date, and the source they cite (or how
     * many, where each row cites its own, as the curated sample does).
     */
    private static List<Map<String, Object>> sources(List<InputEvent> items) {
        Map<String, Map<String, Object>> byOrigin = new TreeMap<>();
        Map<String, Set<String>> cited = new TreeMap<>();
        for (InputEvent e : items) {
            String provenance = e.provenance();
            String origin = provenance == null ? "(not stated)" : provenance.replaceFirst(":[0-9]+$", "");
            String key = e.inputType().wire() + "\u0000" + origin;
            Map<String, Object> m = byOrigin.computeIfAbsent(key, k -> {
                Map<String, Object> n = new LinkedHashMap<>();
                n.put("type", e.inputType().wire());
                n.put("origin", origin);
                n.put("items", 0);
                n.put("latestDate", null);
                return n;
            });
            m.put("items", (Integer) m.get("items") + 1);
            String date = e.eventDate() == null ? null : e.eventDate().toString();
            if (date != null && (m.get("latestDate") == null || date.compareTo((String) m.get("latestDate")) > 0)) {
                m.put("latestDate", date);
            }
            String source = e.source();
            cited.computeIfAbsent(key, k -> new TreeSet<>()).add(source == null ? "(not stated)" : source);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> e : byOrigin.entrySet()) {
            Set<String> sources = cited.get(e.getKey());
            e.getValue()
                    .put(
                            "source",
                            sources.size() == 1
                                    ? sources.iterator().next()
                                    : sources.size() + " sources, cited per item");
            out.add(e.getValue());
        }
        return out;
    }

    /** Four decimals of a log10 value: a hundredth of a percent, finer than any chart shows. */
    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
