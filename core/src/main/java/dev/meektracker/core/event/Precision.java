package dev.meektracker.core.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Numeric formats whose peak FLOP/s a hardware event may state. */
public enum Precision {
    FP64,
    FP32,
    TF32,
    FP16,
    BF16_FP16_TENSOR,
    FP8,
    FP4;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static Precision fromWire(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Precision p : values()) {
            if (p.wire().equals(v)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown precision '" + value + "'");
    }

    /** True for the formats ML training uses in practice (tensor-core and 8-bit or narrower). */
    public boolean mlFormat() {
        return this == BF16_FP16_TENSOR || this == FP8 || this == FP4 || this == TF32 || this == FP16;
    }
}
