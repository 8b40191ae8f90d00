package dev.meektracker.core.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The scale a benchmark score is on. Bounded scales can be mapped to a sigmoid of compute;
 * unbounded ones (Elo-like ratings, indices, time horizons) only compare within their benchmark.
 */
public enum ScoreScale {
    /** Accuracy as a fraction, 0 to 1. */
    FRACTION(0.0, 1.0, true),
    /** Accuracy in percent, 0 to 100. */
    PERCENT(0.0, 100.0, true),
    /** Elo or Bradley-Terry style rating; only differences within one leaderboard mean anything. */
    ELO(0.0, 5000.0, false),
    /** A composite index such as the Epoch Capabilities Index. */
    INDEX(-1.0e6, 1.0e6, false),
    /** A task time horizon in minutes (METR). */
    MINUTES(0.0, 1.0e7, false);

    private final double min;
    private final double max;
    private final boolean bounded;

    ScoreScale(double min, double max, boolean bounded) {
        this.min = min;
        this.max = max;
        this.bounded = bounded;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    /** True when the scale has a natural floor and ceiling (accuracy), so a sigmoid fit makes sense. */
    public boolean bounded() {
        return bounded;
    }

    /** The score as a fraction of the scale's range, for bounded scales. */
    public double toFraction(double score) {
        return (score - min) / (max - min);
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ScoreScale fromWire(String value) {
        if (value == null) {
            return null;
        }
        for (ScoreScale s : values()) {
            if (s.wire().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException(
                "unknown score scale '" + value + "' (expected fraction, percent, elo, index or minutes)");
    }
}
