package dev.meektracker.producers.importer;

import dev.meektracker.core.event.Weights;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * Reads an RFC-4180 CSV file with a header row (Epoch's exports quote fields with embedded newlines)
 * and hands each record over with the line it starts on, so rejections point at the real line.
 */
final class CsvRows {

    /**
     * One record and where it starts, with the notes its cells gave: a value left out of an event
     * that is still published (see {@link #number}).
     */
    record Row(CSVRecord record, long line, Columns header, String file, List<Rejection> notes) {

        void note(String column, String reason) {
            notes.add(new Rejection(file, line, column, reason));
        }

        /**
         * The trimmed value of {@code column} (or of the column {@link Columns} reads as it), or null
         * when the column is absent or the cell blank.
         */
        String get(String column) {
            Integer i = header.index(column);
            if (i == null || i >= record.size()) {
                return null;
            }
            String v = record.get(i).trim();
            return v.isEmpty() ? null : v;
        }

        /** The first of {@code columns} that the file has, for columns Epoch renamed between exports. */
        String getAny(String... columns) {
            for (String c : columns) {
                if (header.has(c)) {
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
        try (CSVParser parser = open(file, new RecordLimit(file))) {
            return parser.getHeaderNames();
        }
    }

    static void forEach(Path file, RowHandler handler) throws IOException {
        forEach(file, null, handler);
    }

    /** {@link #forEach(Path, RowHandler)}, the rows' notes going to {@code result} (when not null). */
    static void forEach(Path file, ImportResult result, RowHandler handler) throws IOException {
        String name = file.getFileName().toString();
        RecordLimit limit = new RecordLimit(file);
        try (CSVParser parser = open(file, limit)) {
            Map<String, Integer> headerMap = parser.getHeaderMap();
            Columns header = new Columns(headerMap);
            Iterator<CSVRecord> it = parser.iterator();
            while (true) {
                long start = parser.getCurrentLineNumber() + 1;
                CSVRecord record;
                try {
                    if (!it.hasNext()) {
                        return;
                    }
                    record = it.next();
                } catch (UncheckedIOException e) {
                    throw unreadable(file, start, e.getCause());
                }
                limit.recordEnded();
                String ragged = ragged(record, headerMap.size());
                if (ragged != null) {
                    // Its cells cannot be told apart: which column a value belongs to is a guess. A
                    // pass over the file that only gathers (result null) leaves it to the reading pass.
                    if (result != null) {
                        result.countRow(name);
                        result.reject(new Rejection(name, start, "row", ragged));
                    }
                    continue;
                }
                Row row = new Row(record, start, header, name, new ArrayList<>(0));
                try {
                    handler.handle(row);
                } catch (CellException e) {
                    // A cell a pass over the file (the ECI's weights, a scale's detection) does not skip.
                    throw new IOException(name + ": line " + start + ": " + e.column() + ": " + e.getMessage(), e);
                } catch (RuntimeException e) {
                    // A cell an importer failed to foresee: one line with the file and line, not a stack trace.
                    throw new IOException(name + ": line " + start + " cannot be read: " + e, e);
                }
                if (result != null) {
                    row.notes().forEach(result::note);
                }
            }
        }
    }

    /**
     * Why a record's cells do not line up with the header's columns, or null when they do. More cells
     * with a value: a comma inside a cell was not quoted, which shifts every later value into the
     * wrong column (a compute figure read as parameters), so the row is rejected, as pandas refuses
     * it ("Expected 6 fields, saw 7"). Blank cells past the last column, as some spreadsheets write,
     * are harmless; fewer cells read as blanks, as pandas and Python's csv module read them (hand-
     * written files leave trailing empty cells out). Every row of every real file the tracker reads
     * has exactly its header's cells.
     */
    static String ragged(CSVRecord record, int columns) {
        int cells = record.size();
        for (int i = columns; i < cells; i++) {
            if (!record.get(i).isBlank()) {
                return "has " + cells + " cells where the header has " + columns
                        + " columns: a comma inside a cell is not quoted, which shifts the values after it"
                        + " (cell " + (i + 1) + ": '" + abbreviate(record.get(i).strip()) + "')";
            }
        }
        return null;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 39) + "…";
    }

    /**
     * A parser over the file's UTF-8 text, its header read, past a byte-order mark: Excel's "CSV UTF-8"
     * and many editors write one, and it would otherwise stick to the first column's name, so that a
     * file with a 'Model' column would be said to have none.
     */
    private static CSVParser open(Path file, RecordLimit limit) throws IOException {
        CSVParser parser;
        try {
            parser = format().parse(limit);
        } catch (IOException | IllegalArgumentException | UncheckedIOException e) {
            limit.close();
            throw unreadable(file, 1, e instanceof UncheckedIOException u ? u.getCause() : e);
        }
        limit.recordEnded();
        String separator = otherSeparator(parser.getHeaderNames());
        if (separator != null) {
            parser.close();
            throw new IllegalArgumentException(file.getFileName() + ": its header is one column separated by "
                    + separator + ", not by commas: save it as comma-separated CSV (Epoch AI's exports are)");
        }
        return parser;
    }

    /**
     * The separator a one-column header is split by instead of commas (a spreadsheet saved with the
     * locale's semicolons, or tab-separated text), or null: every file read here has several columns.
     */
    private static String otherSeparator(List<String> header) {
        if (header.size() != 1) {
            return null;
        }
        String only = header.get(0);
        if (only.indexOf(';') >= 0) {
            return "semicolons";
        }
        if (only.indexOf('\t') >= 0) {
            return "tabs";
        }
        return null;
    }

    private static final int BYTE_ORDER_MARK = 0xFEFF;

    /**
     * The most text one record may take: Epoch's largest export is 6.1 MB in all. A quote never
     * closed makes the rest of the file one field, which Commons CSV (it has no field limit) would
     * build in memory before it found the end of the file: a large file then took the heap.
     */
    static final long MAX_RECORD_CHARS = 16L << 20;

    /** The file's text past a byte-order mark, failing once a record runs past {@link #MAX_RECORD_CHARS}. */
    private static final class RecordLimit extends java.io.FilterReader {
        private long sinceRecord;

        private boolean started;

        RecordLimit(Path file) throws IOException {
            super(Files.newBufferedReader(file, StandardCharsets.UTF_8));
        }

        /** Skips a byte-order mark at the first read, inside the parser, whose errors say which file and line. */
        private void start() throws IOException {
            if (!started) {
                started = true;
                in.mark(1);
                if (in.read() != BYTE_ORDER_MARK) {
                    in.reset();
                }
            }
        }

        /** A record was handed over: the count starts again (it includes the parser's read-ahead). */
        void recordEnded() {
            sinceRecord = 0;
        }

        @Override
        public int read() throws IOException {
            start();
            int c = super.read();
            if (c >= 0) {
                count(1);
            }
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            start();
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws RecordTooLong {
            sinceRecord += n;
            if (sinceRecord > MAX_RECORD_CHARS) {
                throw new RecordTooLong();
            }
        }
    }

    /** A record longer than {@link #MAX_RECORD_CHARS}. */
    static final class RecordTooLong extends IOException {
        private static final long serialVersionUID = 1L;

        RecordTooLong() {
            super("record longer than " + MAX_RECORD_CHARS + " characters");
        }
    }

    /** Commons CSV's "(startline 4)", "(line 4)" or "at line: 4, position: 51": where a malformed record is. */
    private static final Pattern CSV_LINE =
            Pattern.compile("\\s*\\((?:start)?line (\\d+)\\)\\s*|\\s*at line: (\\d+), position: \\d+");

    /** Commons CSV's message on a header that names a column twice. */
    private static final Pattern DUPLICATE = Pattern.compile("duplicate name: \"(.*?)\" in");

    /**
     * Why a file cannot be read at all, in the user's words and with the line: the decoder's
     * "Input length = 1" and Commons CSV's "EOF reached before encapsulated token finished" say
     * neither what is wrong nor where.
     */
    static IOException unreadable(Path file, long line, Throwable cause) {
        String name = String.valueOf(file.getFileName());
        String message = String.valueOf(cause.getMessage());
        Matcher at = CSV_LINE.matcher(message);
        if (at.find()) {
            line = Long.parseLong(at.group(1) != null ? at.group(1) : at.group(2));
            message = at.replaceFirst("");
        }
        Matcher duplicate = DUPLICATE.matcher(message);
        String reason;
        if (cause instanceof RecordTooLong) {
            reason = "the record that starts on line " + line + " runs past " + (MAX_RECORD_CHARS >> 20)
                    + " MiB of text: a quoted field is probably never closed (a quote (\") is missing, or a quote"
                    + " inside a field is not doubled)";
        } else if (cause instanceof CharacterCodingException) {
            // The decoder reads ahead of the parser: the line comes from the bytes.
            line = firstMalformedLine(file, line);
            reason = "line " + line + " is not UTF-8 text (Epoch AI's exports are UTF-8: save the file as UTF-8)";
        } else if (message.contains("EOF reached before encapsulated token finished")) {
            reason = "the quoted field that starts on line " + line
                    + " is never closed: a quote (\") is missing, or a quote inside a field is not doubled";
        } else if (message.toLowerCase(Locale.ROOT).contains("between encapsulated token and delimiter")) {
            reason = "line " + line
                    + ": text follows a quoted field's closing quote (a quote inside a field must be doubled: \"\")";
        } else if (duplicate.find()) {
            reason = "the header names the column '" + duplicate.group(1)
                    + "' more than once, so which of them holds its values is ambiguous";
        } else if (cause instanceof IllegalArgumentException) {
            reason = "its header cannot be read: " + message;
        } else {
            reason = "line " + line + " is not valid CSV: " + message;
        }
        return new IOException(name + ": " + reason, cause);
    }

    private static CSVFormat format() {
        return CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .setAllowMissingColumnNames(true)
                // Unnamed columns may repeat; a name may not (which column would row.get read?).
                .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_EMPTY)
                .setIgnoreSurroundingSpaces(false)
                .build();
    }

    /** The line of the file's first byte that is not UTF-8, or {@code otherwise} if there is none or it cannot be read. */
    private static long firstMalformedLine(Path file, long otherwise) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        ByteBuffer in = ByteBuffer.allocate(1 << 16);
        // UTF-8 never decodes to more chars than it has bytes, so a decode never stops on a full buffer.
        CharBuffer out = CharBuffer.allocate(1 << 16);
        long line = 1;
        try (ReadableByteChannel channel = Files.newByteChannel(file)) {
            while (true) {
                boolean end = channel.read(in) < 0;
                in.flip();
                int from = in.position();
                CoderResult result = decoder.decode(in, out, end);
                for (int i = from; i < in.position(); i++) {
                    if (in.get(i) == '\n') {
                        line++;
                    }
                }
                if (result.isError()) {
                    return line;
                }
                if (end) {
                    return otherwise;
                }
                out.clear();
                in.compact();
            }
        } catch (IOException e) {
            return otherwise;
        }
    }

    /** A decimal number as people write one: no hexadecimal, no Java type suffix ("1e24d"), no NaN or Infinity. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    /** Thousands grouped by commas: "1,299" or "12,000,000.5"; only then is a comma a separator. */
    private static final Pattern GROUPED = Pattern.compile("[+-]?\\d{1,3}(,\\d{3})+(\\.\\d*)?([eE][+-]?\\d+)?");

    /**
     * Parses a number cell; throws with a reason naming the column. A comma is a thousands separator
     * only where it groups digits by three. Otherwise the cell is a list: Epoch's exports join two
     * source columns so ("929000,929000", "14180000,14180000" in Training dataset size), and
     * dropping the comma read those as 929,000,929,000 and 14,180,000,14,180,000. A list of one value
     * repeated is that value; a list of different values ("12000,800") names no single one, so the
     * field is left blank and the row noted (so is a decimal comma, "1,5", which is no list but no
     * number either: it used to read as 15).
     */
    static Double number(Row row, String column, String value) {
        Double v = parsed(row, column, value);
        if (v != null && v.isInfinite()) {
            // "1e999" is shaped like a number but no double holds it: read as it was, it became
            // Infinity, which a score's scale detection then took for the file's largest value.
            throw new CellException(
                    column, "'" + value + "' is beyond the largest number a double holds (about 1.8e308)");
        }
        return v;
    }

    private static Double parsed(Row row, String column, String value) {
        if (value == null) {
            return null;
        }
        if (GROUPED.matcher(value).matches()) {
            return Double.valueOf(value.replace(",", ""));
        }
        if (value.indexOf(',') >= 0) {
            String[] parts = value.split(",", -1);
            boolean numbers = parts.length > 1;
            for (String p : parts) {
                numbers &= DECIMAL.matcher(p.strip()).matches();
            }
            if (numbers) {
                double first = Double.parseDouble(parts[0].strip());
                for (String p : parts) {
                    if (Double.parseDouble(p.strip()) != first) {
                        row.note(
                                column,
                                "'" + value + "' lists different values: none is taken, the field is left blank");
                        return null;
                    }
                }
                return first;
            }
        }
        if (!DECIMAL.matcher(value).matches()) {
            throw new CellException(column, "'" + value + "' is not a number");
        }
        return Double.valueOf(value);
    }

    /**
     * A size or amount (parameters, dataset size, cost, compute) that must be positive to mean
     * anything. Epoch's exports write 0 where they have no figure: four models in the 2026 export
     * have a dataset size of 0, one of them (ESMIF-DDG) with a note giving 5.6e6 residues. So a zero
     * is read as no figure, the field left blank and the row noted, rather than the row rejected or
     * a zero published as a measurement; a negative value is still the validator's to reject.
     */
    static Double amount(Row row, String column, String value) {
        Double v = number(row, column, value);
        if (v != null && v == 0.0) {
            row.note(
                    column,
                    "'" + value + "' is no figure (the source writes zero for unknown): the field is left blank");
            return null;
        }
        return v;
    }

    /**
     * Open or closed from Epoch's {@code Model accessibility} cell; a value Epoch may add later (the
     * tracker knows the seven of 2026) is noted, since its models silently left out of every
     * open-versus-closed comparison would be a gap measured on less than the data. {@code otherwise}
     * is what another column or file says where this one says nothing known.
     */
    static Weights accessibility(Row row, Weights otherwise) {
        String value = row.get("Model accessibility");
        Weights w = Weights.fromEpochAccessibility(value);
        if (w != Weights.UNKNOWN || otherwise != Weights.UNKNOWN) {
            return w != Weights.UNKNOWN ? w : otherwise;
        }
        if (value != null) {
            row.note(
                    "Model accessibility",
                    "'" + value + "' is none of Epoch's known values: weights unknown, so the model takes no part"
                            + " in the open-versus-closed gaps");
        }
        return Weights.UNKNOWN;
    }

    /** Parses an ISO date cell (YYYY-MM-DD, or a timestamp whose first ten characters are one). */
    static LocalDate date(String column, String value) {
        if (value == null) {
            return null;
        }
        String day = value.length() > 10 ? value.substring(0, 10) : value;
        try {
            return LocalDate.parse(day);
        } catch (DateTimeParseException e) {
            String why = dev.meektracker.core.serde.Reasons.notInCalendar(day);
            throw new CellException(
                    column,
                    why == null
                            ? "'" + value + "' is not an ISO date (YYYY-MM-DD)"
                            : "'" + value + "' is not a date: " + why);
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
