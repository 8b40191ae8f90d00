package dev.meektracker.producers.importer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * A file's header as the importers read it: each column by its name, or by the same name written
 * with other capitals, spaces, underscores or hyphens ("training_compute_(FLOP)" is "Training compute
 * (FLOP)"), which changes nothing a value means. Anything more (a plural, another unit, another word)
 * is not guessed at: "Training compute (PFLOP)" would read every figure 10^15 times too small. Where
 * a column an importer reads is missing, {@link #missing} says so once for the file, with what every
 * row loses and the file's columns that look alike, instead of leaving the field blank in every row
 * without a word (a renamed compute column would leave no model on the compute frontier).
 */
final class Columns {

    /**
     * A field an importer fills from a column: the names it goes by (the first the file has is read,
     * for columns Epoch renamed between exports) and what every row loses when the file has none of them.
     */
    record Expected(String loses, List<String> names) {

        Expected(String loses, String... names) {
            this(loses, List.of(names));
        }
    }

    /** How many look-alike columns a note names. */
    private static final int SHOWN = 3;

    /** The column names in the file's order. */
    private final List<String> names;

    private final Map<String, Integer> exact;
    /** Each column by its loose key, when no other column has the same one (then neither is taken). */
    private final Map<String, Integer> loose = new HashMap<>();

    Columns(Map<String, Integer> header) {
        this.exact = header;
        this.names = header.entrySet().stream()
                .sorted(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .toList();
        Set<String> ambiguous = new HashSet<>();
        header.forEach((name, i) -> {
            String k = key(name);
            if (loose.putIfAbsent(k, i) != null) {
                ambiguous.add(k);
            }
        });
        ambiguous.forEach(loose::remove);
    }

    Columns(List<String> header) {
        this(indexOf(header));
    }

    private static Map<String, Integer> indexOf(List<String> header) {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            m.putIfAbsent(header.get(i), i);
        }
        return m;
    }

    /** The index of the column {@code name}, or null when the file has none. */
    Integer index(String name) {
        Integer i = exact.get(name);
        return i != null ? i : loose.get(key(name));
    }

    boolean has(String name) {
        return index(name) != null;
    }

    /**
     * One note a column of {@code expected} the file has under none of its names: on line 1 (the
     * header), in the field of its first name, saying what every row loses and naming the file's
     * columns that look alike, if any do.
     */
    List<Rejection> missing(String file, List<Expected> expected) {
        // A column the importer reads for another field is no rename of this one.
        Set<Integer> read = new HashSet<>();
        for (Expected e : expected) {
            e.names().stream().map(this::index).filter(i -> i != null).forEach(read::add);
        }
        List<Rejection> notes = new ArrayList<>();
        for (Expected e : expected) {
            if (e.names().stream().anyMatch(this::has)) {
                continue;
            }
            // The closest first (then in the file's order), at most three: a header of many alike
            // columns (FLOP0, FLOP1, ...) is named by its nearest, not listed whole.
            List<Map.Entry<String, Integer>> alike = new ArrayList<>();
            for (String n : names) {
                if (!read.contains(exact.get(n))) {
                    int d = e.names().stream()
                            .mapToInt(x -> distance(x, n))
                            .filter(x -> x >= 0)
                            .min()
                            .orElse(-1);
                    if (d >= 0) {
                        alike.add(Map.entry(n, d));
                    }
                }
            }
            alike.sort(Map.Entry.comparingByValue());
            List<String> shown =
                    alike.stream().limit(SHOWN).map(Map.Entry::getKey).toList();
            String called = e.names().size() == 1
                    ? "no column '" + e.names().get(0) + "'"
                    : "none of the columns '" + String.join("', '", e.names()) + "'";
            String hint = shown.isEmpty()
                    ? ""
                    : " (the file has '" + String.join("', '", shown) + "'"
                            + (alike.size() > SHOWN ? " and " + (alike.size() - SHOWN) + " more" : "")
                            + ", which " + (alike.size() == 1 ? "looks" : "look") + " alike: if "
                            + (alike.size() == 1 ? "it holds" : "one holds") + " the same figures in the same"
                            + " unit, rename it to read it)";
            notes.add(new Rejection(file, 1, e.names().get(0), called + " in the header: " + e.loses() + hint));
        }
        return notes;
    }

    /**
     * Whether a column of the file may be a renamed {@code wanted}: a few letters apart (a plural, a
     * typo, a unit's spelling), at most one edit in six characters. Names a word apart ("Parameters"
     * and "Parameters notes", "Training compute (FLOP)" and "Finetune compute (FLOP)") are not, nor
     * short names a letter apart ("votes" and "notes").
     */
    static boolean alike(String wanted, String column) {
        return distance(wanted, column) >= 0;
    }

    /** The edit distance between the two names' keys when they are {@link #alike}, else -1. */
    private static int distance(String wanted, String column) {
        String a = key(wanted);
        String b = key(column);
        int limit = Math.min(a.length(), b.length()) / 6;
        if (limit == 0) {
            return -1;
        }
        // Bounded: names of lengths further apart than the limit are refused without a comparison.
        return new LevenshteinDistance(limit).apply(a, b);
    }

    /** The name with capitals, white space, underscores and hyphens left out. */
    static String key(String name) {
        StringBuilder b = new StringBuilder(name.length());
        name.toLowerCase(Locale.ROOT)
                .codePoints()
                .filter(c -> !Character.isWhitespace(c) && c != '_' && c != '-')
                .forEach(b::appendCodePoint);
        return b.toString();
    }
}
