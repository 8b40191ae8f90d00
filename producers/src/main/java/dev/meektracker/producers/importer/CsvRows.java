package dev.meektracker.producers.importer;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads an RFC-4180 CSV file with a header row (Epoch's exports quote fields with embedded newlines)
 * and hands each record over with the line it starts on, so rejections point at the real line.
 */
final class CsvRows {

    /** One record and where it starts. */
    record Row(CSVRecord record, long line, Map<String, Integer> header) {

        /** The trimmed value of {@code column}, or null when the column is absent or the cell blank. */
        String get(String column) {
            Integer i = header.get(column);
            if (i == null || i >= record.size()) {
                return null;
            }
            String v = record.get(i).trim();
            return v.isEmpty() ? null : v;
        }

        /** The first of {@code columns} that the file has, for columns Epoch renamed between exports. */
        String getAny(String... columns) {
            for (String c : columns) {
                if (header.containsKey(c)) {
                    return get(c);
                }
            }
            return null;
        }
    }

    interface RowHandler {
        void handle(Row row);
    }

    private CsvRows() {}

    static List<String> header(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = format().parse(reader)) {
            return parser.getHeaderNames();
        }
    }

    static void forEach(Path file, RowHandler handler) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = format().parse(reader)) {
            Map<String, Integer> header = parser.getHeaderMap();
            Iterator<CSVRecord> it = parser.iterator();
            while (true) {
                long start = parser.getCurrentLineNumber() + 1;
                if (!it.hasNext()) {
                    return;
                }
                handler.handle(new Row(it.next(), start, header));
            }
        }
    }

    private static CSVFormat format() {
        return CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .setAllowMissingColumnNames(true)
                .setIgnoreSurroundingSpaces(false)
                .build();
    }

    /** Parses a number cell; throws with a reason naming the column. */
    static Double number(Row row, String column, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Double.valueOf(value.replace(",", ""));
        } catch (NumberFormatException e) {
            throw new CellException(column, "'" + value + "' is not a number");
        }
    }

    /** Parses an ISO date cell (YYYY-MM-DD, or a timestamp whose first ten characters are one). */
    static LocalDate date(String column, String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
        } catch (DateTimeParseException e) {
            throw new CellException(column, "'" + value + "' is not an ISO date (YYYY-MM-DD)");
        }
    }

    /** A cell that cannot be read, with its column. */
    static final class CellException extends RuntimeException {
        private final String column;

        CellException(String column, String reason) {
            super(reason);
            this.column = column;
        }

        String column() {
            return column;
        }
    }
}
