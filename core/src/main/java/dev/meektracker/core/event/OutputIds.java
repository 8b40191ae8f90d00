package dev.meektracker.core.event;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** The ids of the engine's outputs, as they appear as keys on scaling-fits and gap-estimates and in the query API. */
public final class OutputIds {

    public static final String FRONTIER_COMPUTE = "frontier-compute";
    public static final String OPEN_COMPUTE = "open-compute";
    public static final String HARDWARE = "hardware-price-performance";
    public static final String HARDWARE_CONSTANT_PRECISION = "hardware-price-performance/constant-precision";
    public static final String ALGORITHMIC = "algorithmic-progress";
    public static final String COMPUTE_GAP = "compute/open-vs-closed";
    public static final String BEST_OPEN_PROJECTION = "projection/best-open";
    public static final String COMPUTE_LAG = "compute/catch-up-lag";

    /**
     * Every family of gap id the tracker publishes, as a pattern of path segments: a literal segment,
     * or a regular expression for the part that varies. Alert rules are checked against these, so a
     * rule that could never match anything is an error when it is loaded, not silence forever.
     */
    public static final List<List<Pattern>> GAP_FAMILIES = List.of(
            segments("compute", "open-vs-closed"),
            segments("compute", "catch-up-lag"),
            segments("benchmark", "[a-z0-9][a-z0-9._-]*", "open-vs-closed"),
            segments("benchmark", "[a-z0-9][a-z0-9._-]*", "catch-up-lag"),
            segments("projection", "budget-[0-9]+-usd"),
            segments("projection", "best-open"));

    private OutputIds() {}

    private static List<Pattern> segments(String... regexes) {
        return java.util.Arrays.stream(regexes).map(Pattern::compile).toList();
    }

    /** The families, written as a reader would: compute/open-vs-closed, benchmark/<id>/open-vs-closed, ... */
    public static List<String> gapFamilyNames() {
        return List.of(
                COMPUTE_GAP,
                COMPUTE_LAG,
                "benchmark/<id>/open-vs-closed",
                "benchmark/<id>/catch-up-lag",
                "projection/budget-<usd>-usd",
                BEST_OPEN_PROJECTION);
    }

    /**
     * Whether some published gap id could match a rule's pattern ({@code *} stands for any run of
     * characters within one path segment): every segment must be able to meet its family's segment.
     */
    public static boolean gapPatternCanMatch(String pattern) {
        String[] parts = pattern.split("/", -1);
        for (List<Pattern> family : GAP_FAMILIES) {
            if (family.size() != parts.length) {
                continue;
            }
            boolean all = true;
            for (int i = 0; i < parts.length && all; i++) {
                String part = parts[i];
                Pattern segment = family.get(i);
                if (part.contains("*")) {
                    // A wildcard segment meets a varying segment, or a literal one it matches.
                    String regex = Pattern.quote(part).replace("*", "\\E[^/]+\\Q");
                    all = !isLiteral(segment) || segment.pattern().matches(regex);
                } else {
                    all = segment.matcher(part).matches();
                }
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLiteral(Pattern p) {
        return p.pattern().matches("[a-z0-9-]+");
    }

    /** The sigmoid fit of one benchmark's scores against compute. */
    public static String benchmarkFit(String benchmark) {
        return "benchmark/" + benchmark;
    }

    public static String benchmarkGap(String benchmark) {
        return "benchmark/" + benchmark + "/open-vs-closed";
    }

    /** The catch-up lag of one benchmark (Epoch AI's definition). */
    public static String benchmarkLag(String benchmark) {
        return "benchmark/" + benchmark + "/catch-up-lag";
    }

    public static String tierProjection(double usd) {
        // Asked for at every projection of every checkpoint, for the few configured tiers: the
        // formatter's parse of the pattern each time was a tenth of the projections' profile.
        return TIER_IDS.computeIfAbsent(
                usd, u -> "projection/budget-" + String.format(Locale.ROOT, "%.0f", u) + "-usd");
    }

    private static final Map<Double, String> TIER_IDS = new ConcurrentHashMap<>();

    /**
     * The input type whose events date an output (its as-of date): models for the compute gap, lag,
     * trends and the projections, hardware for the price-performance trends, benchmark results for
     * the benchmarks' fits, gaps and lags and for algorithmic progress. An output's state at the end
     * of a period is that type's checkpoint's to publish.
     */
    public static InputType datedBy(String id) {
        if (id.startsWith(HARDWARE)) {
            return InputType.HARDWARE_PRICE;
        }
        if (id.startsWith("benchmark/") || id.equals(ALGORITHMIC)) {
            return InputType.BENCHMARK_RESULT;
        }
        return InputType.MODEL_RELEASE;
    }
}
