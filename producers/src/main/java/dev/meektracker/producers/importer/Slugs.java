package dev.meektracker.producers.importer;

import com.ibm.icu.text.Transliterator;
import java.util.Locale;

/**
 * Stable ids from names: lower case ASCII letters and digits, runs of anything else turned into one
 * hyphen. Two things would otherwise make distinct models share an id, and the later row silently
 * replace the earlier one (Epoch's models file has both):
 * <ul>
 *   <li>a plus sign is a word: "Command R+" is {@code command-r-plus} (LMArena's own spelling),
 *       not Command R's {@code command-r};
 *   <li>letters of other scripts are transliterated, not dropped (ICU's Any-Latin, then Latin-ASCII):
 *       "PanGu-Σ" and "PanGu-α" are {@code pangu-s} and {@code pangu-a}, not both {@code pangu};
 *       "Infinity (无涯)" is {@code infinity-wu-ya}, not the other Infinity's {@code infinity}. Accented
 *       Latin letters lose their accents ("Tülu" is {@code tulu}), as before.
 * </ul>
 */
public final class Slugs {

    private Slugs() {}

    public static String of(String name) {
        if (name == null) {
            return "";
        }
        String latin = isAscii(name) ? name : Ascii.of(name);
        return latin.toLowerCase(Locale.ROOT)
                .replace("+", "-plus-")
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
    }

    /**
     * The id a CSV cell's name gives; a name with no letter or digit in any script ("???", an emoji)
     * gives none, which is said of the cell rather than left to the validator's "id: required",
     * a puzzle beside a name that is there. A blank cell gives the empty id, which the validator reports.
     */
    static String id(String column, String name) {
        String id = of(name);
        if (id.isEmpty() && name != null && !name.isBlank()) {
            throw new CsvRows.CellException(column, "'" + name.strip() + "' has no letter or digit to make an id from");
        }
        return id;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7F) {
                return false;
            }
        }
        return true;
    }

    /**
     * The transliterator, made on first use: loading its rules takes about half a second, which only
     * a file with a name outside ASCII pays. NFKD first turns compatibility forms into letters the
     * script rules know (the micro sign into the Greek mu, ligatures into their letters).
     */
    private static final class Ascii {
        private static final Transliterator TO_ASCII = Transliterator.getInstance("NFKD; Any-Latin; Latin-ASCII");

        /** A Transliterator keeps no state between calls but ICU does not promise it is thread-safe. */
        static synchronized String of(String s) {
            return TO_ASCII.transliterate(s);
        }
    }
}
