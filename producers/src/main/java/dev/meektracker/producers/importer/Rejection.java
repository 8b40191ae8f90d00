package dev.meektracker.producers.importer;

import dev.meektracker.core.serde.Reasons;

/**
 * A row that did not become an event.
 *
 * @param file   the input file's name
 * @param line   the line the row starts on (1-based)
 * @param field  the field at fault, or "row" when the row as a whole is unreadable
 * @param reason what is wrong
 */
public record Rejection(String file, long line, String field, String reason) {

    public Rejection {
        // Reasons quote cells, and are printed on a terminal: control characters are shown, not obeyed.
        file = Reasons.printable(file);
        field = Reasons.printable(field);
        reason = Reasons.printable(reason);
    }

    /** The reason class used to count rejections: the field and the reason without its specific values. */
    public String category() {
        // A number inside a word stays: "UTF-8" is a name, not a value (it was grouped as "UTFN").
        String r = reason.replaceAll("'[^']*'", "'…'").replaceAll("(?<![\\w-])-?[0-9][0-9.eE+-]*", "N");
        return field + ": " + r;
    }

    @Override
    public String toString() {
        return file + ":" + line + ": " + field + ": " + reason;
    }
}
