package dev.meektracker.core.serde;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.meektracker.core.event.InputEvent;
import dev.meektracker.core.event.InputType;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns Jackson's exceptions into one-line reasons a user can act on: the field at fault, what was
 * expected and what came (cut to 80 characters), never a Java class name, never the whole input.
 */
public final class Reasons {

    /** The longest reason: a huge or hostile input never makes a huge message. */
    static final int MAX = 240;

    private Reasons() {}

    public static String of(Throwable e) {
        return of(e, "JSON");
    }

    /** {@link #of(Throwable)} for a document in {@code format} ("JSON", "YAML"), which Jackson reads alike. */
    public static String of(Throwable e, String format) {
        String reason;
        if (notUtf8(e)) {
            // Jackson says "java.io.CharConversionException: Invalid UTF-8 start byte 0x80 (at char #129, byte #-1)".
            reason = "not UTF-8 text: save the file as UTF-8";
        } else if (e instanceof InvalidTypeIdException t) {
            reason = "_t: expected " + expected(t.getBaseType()) + ", got '" + cut(t.getTypeId()) + "'";
        } else if (e instanceof InvalidFormatException f) {
            String why = f.getTargetType() == LocalDate.class ? notInCalendar(String.valueOf(f.getValue())) : null;
            reason = field(f) + "expected " + word(f.getTargetType()) + ", got '" + cut(String.valueOf(f.getValue()))
                    + "'" + (why == null ? "" : ": " + why);
        } else if (e instanceof MismatchedInputException m
                && m.getTargetType() != null
                && !m.getPath().isEmpty()) {
            String came = came(m.getOriginalMessage());
            reason = field(m) + "expected " + word(m.getTargetType())
                    + (came != null ? ", got " + came : ": " + plain(firstLine(m.getOriginalMessage())));
        } else if (e instanceof JsonParseException p) {
            JsonLocation at = p.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            boolean yaml = "YAML".equals(format);
            // SnakeYAML's own mark is where the problem is; Jackson's location is where its parser stood.
            Matcher mark = p.getOriginalMessage() == null ? null : YAML_MARK.matcher(p.getOriginalMessage());
            while (yaml && mark != null && mark.find()) {
                // The last mark is the problem's; an earlier one is where the construct it was in began.
                where = " at line " + mark.group(1) + ", column " + mark.group(2);
            }
            reason = "not valid " + format + where + ": "
                    + plain(yaml ? yamlProblem(p.getOriginalMessage()) : firstLine(p.getOriginalMessage()));
        } else if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            Throwable cause = m.getCause() != null && m.getCause().getMessage() != null ? m.getCause() : m;
            reason = field(m)
                    + plain(firstLine(
                            cause instanceof JsonProcessingException j ? j.getOriginalMessage() : cause.getMessage()));
        } else if (e instanceof JsonProcessingException j) {
            reason = plain(firstLine(j.getOriginalMessage()));
        } else {
            reason = plain(firstLine(String.valueOf(e.getMessage())));
        }
        reason = printable(reason);
        return reason.length() <= MAX ? reason : reason.substring(0, MAX - 3) + "...";
    }

    /**
     * Why a value written as YYYY-MM-DD is still no date ("there is no month 13", "February 2023 has 28
     * days"), or null when it is one or is not written so. A reader told only "not a date" looks for a
     * format error in {@code 2024-02-30}, where there is none.
     */
    public static String notInCalendar(String value) {
        if (value == null || !value.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return null;
        }
        int year = Integer.parseInt(value.substring(0, 4));
        int month = Integer.parseInt(value.substring(5, 7));
        int day = Integer.parseInt(value.substring(8, 10));
        if (month < 1 || month > 12) {
            return "there is no month " + month;
        }
        java.time.YearMonth ym = java.time.YearMonth.of(year, month);
        if (day < 1 || day > ym.lengthOfMonth()) {
            return ym.getMonth().getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH) + " " + year + " has "
                    + ym.lengthOfMonth() + " days";
        }
        return null;
    }

    /**
     * What a JSON text holds at its top level when that is not an object (an array, a number, text,
     * true or false), or null for an object, JSON null, or anything else, which the reader then judges.
     * Every event is an object: Jackson would otherwise read an array as a type id and its first element
     * ({@code [1,2]}: "_t: expected 'model-release', got '1'") and a number as a constructor argument.
     */
    public static String notAnObject(byte[] json) {
        for (byte b : json) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return kind((char) (b & 0xFF));
            }
        }
        return null;
    }

    /** {@link #notAnObject(byte[])} of a JSON text already decoded. */
    public static String notAnObject(CharSequence json) {
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\uFEFF') {
                return kind(c);
            }
        }
        return null;
    }

    private static String kind(char first) {
        if (first == '[') {
            return "expected a JSON object, got an array";
        }
        if (first == '"') {
            return "expected a JSON object, got text";
        }
        if (first == '-' || (first >= '0' && first <= '9')) {
            return "expected a JSON object, got a number";
        }
        if (first == 't' || first == 'f') {
            return "expected a JSON object, got true or false";
        }
        return null;
    }

    /** Where SnakeYAML's message places the problem: " in 'reader', line 2, column 1:". */
    private static final Pattern YAML_MARK = Pattern.compile("\\n in '[^']*', line (\\d+), column (\\d+)");

    /** Jackson's words for what a mismatched input held: "from Object value", "got Array value", "from String value ('x')". */
    private static final Pattern CAME = Pattern.compile(
            "(?:from|got) (Object|Array|Boolean|Floating-point|Integer|String|Null) [vV]alue(?: \\('(.*)'\\))?");

    /** What a mismatched input held, in a user's words ("an object", "a list", "text 'x'"), or null when Jackson does not say. */
    static String came(String message) {
        Matcher m = message == null ? null : CAME.matcher(message);
        if (m == null || !m.find()) {
            return null;
        }
        return switch (m.group(1)) {
            case "Object" -> "an object";
            case "Array" -> "a list";
            case "Boolean" -> "true or false";
            case "Floating-point", "Integer" -> "a number";
            case "Null" -> "null";
            default -> m.group(2) == null ? "text" : "'" + cut(m.group(2)) + "'";
        };
    }

    /**
     * The text with every control character other than those three written as {@code \\uXXXX}: a
     * reason quotes what a hostile file or record held, and is printed on a terminal, where an ESC
     * would recolour or clear the screen and a NUL or a backspace would hide what is written.
     */
    public static String printable(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F);
            if (control && out == null) {
                out = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (out != null) {
                if (control) {
                    out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? s : out.toString();
    }

    /** A value as a reason may quote it: at most 80 characters, so a huge input never makes a huge message. */
    public static String cut(String s) {
        if (s == null) {
            return "null";
        }
        String oneLine = printable(s.replaceAll("[\\r\\n\\t]+", " "));
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
    }

    private static String field(JsonMappingException m) {
        if (m.getPath().isEmpty()) {
            return "";
        }
        return "field '"
                + m.getPath().stream()
                        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                        .collect(Collectors.joining("."))
                + "': ";
    }

    /** The input kind a type id had to name. */
    private static String expected(JavaType base) {
        Class<?> raw = base == null ? null : base.getRawClass();
        for (InputType t : InputType.values()) {
            if (t.eventClass() == raw) {
                return "'" + t.wire() + "'";
            }
        }
        if (raw == InputEvent.class) {
            return "an input type ("
                    + Arrays.stream(InputType.values()).map(InputType::wire).collect(Collectors.joining(", ")) + ")";
        }
        return "a known type";
    }

    /** A Java type in a user's words. */
    private static String word(Class<?> type) {
        if (type == null) {
            return "a value";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            return "a number";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "text";
        }
        if (type == LocalDate.class) {
            return "a date (YYYY-MM-DD)";
        }
        if (type.isEnum()) {
            return "one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(c -> ((Enum<?>) c)
                                    .name()
                                    .toLowerCase(Locale.ROOT)
                                    .replace('_', '-'))
                            .collect(Collectors.joining(", "));
        }
        if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "a value";
    }

    /** Jackson's text without Java class names or its advice on annotations. */
    private static String plain(String s) {
        if (s == null) {
            return "unreadable";
        }
        // A package name starts a word: "JsonReadFeature.ALLOW_NAN" is no package, and was cut to "JsonReadFALLOW_NAN".
        String t = s.replaceAll("`?(?<![A-Za-z0-9_$])(?:[a-z][a-z0-9_]*\\.)+([A-Z][A-Za-z0-9_$]*)`?", "$1")
                // Advice to enable one of Jackson's features: the tracker's input is strict JSON on purpose.
                .replaceAll(":? ?\\(?(?:enable|set) `?[A-Za-z]+Feature\\.[A-Z_]+`?[^)]*?to allow\\)?.*$", "")
                // The limit's source in Jackson's API: "(1000, from `StreamReadConstraints.getMaxNestingDepth()`)".
                .replaceAll(",? from `StreamReadConstraints\\.[A-Za-z]+\\(\\)`", "")
                // Where Jackson's parser was: the reason already says the line and column it matters at.
                .replaceAll("\\s*\\(start marker at \\[Source:.*\\]\\)", "")
                .replaceAll("\\(for Object starting at \\[Source:[^)]*\\)\\)?", "")
                .replaceAll(" ?\\(through reference chain:[^)]*\\)", "")
                .replaceAll("; nested exception.*$", "")
                // Jackson's strict duplicate check, in the file's own words.
                .replaceAll("^Duplicate field '(.*)'$", "'$1' is given twice in one object");
        return cut(t.trim()).length() < t.trim().length() && t.length() > MAX ? t.substring(0, MAX) : t.trim();
    }

    /**
     * A YAML parser's message without its position: SnakeYAML's run over lines (what it was reading,
     * what it found, then " in 'reader', line 2, column 1:" and the line itself), and the first alone
     * ("while scanning for the next token") leaves out what was wrong ("found character '\t(TAB)'
     * that cannot start any token").
     */
    private static String yamlProblem(String s) {
        if (s == null) {
            return "unreadable";
        }
        java.util.List<String> parts = new java.util.ArrayList<>();
        String[] lines = s.split("\n");
        boolean inMark = false;
        for (String line : lines) {
            if (line.startsWith(" in '")) {
                // A mark, then the line it points into and a caret under the column, both indented.
                inMark = true;
            } else if (inMark && (line.startsWith("    ") || line.isBlank())) {
                continue;
            } else if (!line.isBlank()) {
                inMark = false;
                parts.add(line.trim());
            }
        }
        return parts.isEmpty() ? firstLine(s) : String.join(": ", parts);
    }

    /** Whether the failure is bytes that are no UTF-8 (Jackson's reader, or the JDK's decoder under it). */
    private static boolean notUtf8(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.io.CharConversionException
                    || t instanceof java.nio.charset.CharacterCodingException) {
                return true;
            }
            String m = t.getMessage();
            if (m != null && m.startsWith("java.io.CharConversionException")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
