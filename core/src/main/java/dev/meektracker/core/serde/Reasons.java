package dev.meektracker.core.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.stream.Collectors;

/** Turns Jackson's exceptions into one-line reasons that name the field at fault. */
public final class Reasons {

    private Reasons() {}

    public static String of(Throwable e) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String path = m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            Throwable cause = m.getCause() != null && m.getCause().getMessage() != null ? m.getCause() : m;
            return "field '" + path + "': "
                    + firstLine(
                            cause instanceof JsonProcessingException j ? j.getOriginalMessage() : cause.getMessage());
        }
        if (e instanceof JsonProcessingException j) {
            return firstLine(j.getOriginalMessage());
        }
        return firstLine(String.valueOf(e.getMessage()));
    }

    /** A value as a reason may quote it: at most 80 characters, so a huge input never makes a huge message. */
    public static String cut(String s) {
        if (s == null) {
            return "null";
        }
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
