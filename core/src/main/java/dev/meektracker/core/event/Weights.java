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

    /**
     * Maps an Epoch AI {@code Model accessibility} value; blank or unrecognised values are UNKNOWN.
     * Case and runs of white space do not matter: "open weights (Unrestricted)" from a hand-edited
     * copy states the same thing as Epoch's spelling, and losing it would drop the model from every
     * open-versus-closed gap.
     */
    public static Weights fromEpochAccessibility(String accessibility) {
        if (accessibility == null) {
            return UNKNOWN;
        }
        String a = normalised(accessibility);
        if (EPOCH_OPEN_NORMALISED.contains(a)) {
            return OPEN;
        }
        if (EPOCH_CLOSED_NORMALISED.contains(a)) {
            return CLOSED;
        }
        return UNKNOWN;
    }

    private static final Set<String> EPOCH_OPEN_NORMALISED = normalised(EPOCH_OPEN);
    private static final Set<String> EPOCH_CLOSED_NORMALISED = normalised(EPOCH_CLOSED);

    private static String normalised(String value) {
        return value.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static Set<String> normalised(Set<String> values) {
        return values.stream().map(Weights::normalised).collect(java.util.stream.Collectors.toUnmodifiableSet());
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
