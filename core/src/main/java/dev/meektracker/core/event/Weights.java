package dev.meektracker.core.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a model's weights are published. Always explicit: the gap between open and closed models is
 * the tracker's subject, so "we do not know" is a value of its own rather than a missing field.
 */
public enum Weights {
    OPEN,
    CLOSED,
    UNKNOWN;

    /** Epoch AI's accessibility values that count as open weights (the mapping Epoch uses itself). */
    public static final Set<String> EPOCH_OPEN =
            Set.of("Open weights (unrestricted)", "Open weights (restricted use)", "Open weights (non-commercial)");
    /** Epoch AI's accessibility values that count as closed weights. */
    public static final Set<String> EPOCH_CLOSED = Set.of("API access", "Hosted access (no API)", "Unreleased");

    /** Maps an Epoch AI {@code Model accessibility} value; blank or unrecognised values are UNKNOWN. */
    public static Weights fromEpochAccessibility(String accessibility) {
        if (accessibility == null) {
            return UNKNOWN;
        }
        String a = accessibility.trim();
        if (EPOCH_OPEN.contains(a)) {
            return OPEN;
        }
        if (EPOCH_CLOSED.contains(a)) {
            return CLOSED;
        }
        return UNKNOWN;
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Weights fromWire(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "open" -> OPEN;
            case "closed" -> CLOSED;
            case "unknown" -> UNKNOWN;
            default ->
                throw new IllegalArgumentException("weights must be open, closed or unknown, not '" + value + "'");
        };
    }
}
