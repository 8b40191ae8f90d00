package dev.meektracker.producers.importer;

import java.text.Normalizer;
import java.util.Locale;

/** Stable ids from names: lower case, ASCII, runs of anything else turned into one hyphen. */
public final class Slugs {

    private Slugs() {}

    public static String of(String name) {
        if (name == null) {
            return "";
        }
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        return ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    }
}
