package dev.meektracker.producers.importer;

import java.util.ArrayList;
import java.util.List;

/**
 * An Epoch {@code Organization} cell: a comma-separated list of organizations, spelt differently from
 * row to row ("IBM" and "IBM Research", "Google" and "Google DeepMind" for one model).
 */
final class Organizations {

    private Organizations() {}

    /**
     * True when both cells name organizations and no organization of one is an organization of the
     * other, or the same one spelt longer ({@code ibm} and {@code ibm-research}): two rows whose
     * models come from different makers. A blank cell says nothing, so it is never distinct.
     */
    static boolean distinct(String a, String b) {
        List<String> left = slugs(a);
        List<String> right = slugs(b);
        if (left.isEmpty() || right.isEmpty()) {
            return false;
        }
        for (String l : left) {
            for (String r : right) {
                if (l.equals(r) || l.startsWith(r + "-") || r.startsWith(l + "-")) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The first organization's slug ("Amazon Web Services (AWS),…" gives {@code amazon-web-services-aws}). */
    static String firstSlug(String cell) {
        List<String> s = slugs(cell);
        return s.isEmpty() ? "" : s.get(0);
    }

    private static List<String> slugs(String cell) {
        List<String> out = new ArrayList<>();
        if (cell == null) {
            return out;
        }
        for (String part : cell.split(",")) {
            String slug = Slugs.of(part);
            if (!slug.isEmpty()) {
                out.add(slug);
            }
        }
        return out;
    }
}
