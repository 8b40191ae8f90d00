package dev.meektracker.streams;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.meektracker.core.event.BenchmarkResult;
import dev.meektracker.core.event.HardwarePrice;
import dev.meektracker.core.event.ModelRelease;
import dev.meektracker.core.event.TrackerEvent;

/**
 * A validated input on its way to the gap engine: the event (null for a tombstone, which deletes
 * the item), its type and key, and where it came from, so a failure further on can still name the
 * original topic, partition and offset in its dead letter.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Envelope(String type, String key, TrackerEvent event, String sourceTopic, int partition, long offset,
                       @JsonIgnore byte[] raw) {

    /**
     * @param raw the validated input exactly as it arrived, kept so the latest-items store can hold it
     *            without serializing the event again; not carried through a repartition topic
     */
    public Envelope {
    }

    public Envelope(String type, String key, TrackerEvent event, String sourceTopic, int partition, long offset) {
        this(type, key, event, sourceTopic, partition, offset, null);
    }

    public static final String MODEL = "model-release";
    public static final String HARDWARE = "hardware-price";
    public static final String BENCHMARK = "benchmark-result";

    /** The key of this item in the latest-items store: type and stable id. */
    @JsonIgnore
    public String itemKey() {
        return type + ":" + key;
    }

    public static String typeOf(Class<? extends TrackerEvent> c) {
        if (c == ModelRelease.class) {
            return MODEL;
        }
        if (c == HardwarePrice.class) {
            return HARDWARE;
        }
        if (c == BenchmarkResult.class) {
            return BENCHMARK;
        }
        throw new IllegalArgumentException("not an input type: " + c.getSimpleName());
    }

    public static Class<? extends TrackerEvent> classOf(String type) {
        return switch (type) {
            case MODEL -> ModelRelease.class;
            case HARDWARE -> HardwarePrice.class;
            case BENCHMARK -> BenchmarkResult.class;
            default -> throw new IllegalArgumentException("unknown input type '" + type + "'");
        };
    }
}
