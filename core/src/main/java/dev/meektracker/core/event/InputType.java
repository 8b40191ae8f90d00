package dev.meektracker.core.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.meektracker.core.serde.JsonSerde;
import java.util.Arrays;
import java.util.Locale;

/**
 * The three kinds of input, each with its wire name (the {@code _t} of its JSON and the type in the
 * latest-items store), its class, the base name of its topic and the shape of its key. Code that
 * must treat the kinds differently switches on this enum, so the compiler finds every place a new
 * kind would have to be handled.
 */
public enum InputType {
    MODEL_RELEASE("model-release", ModelRelease.class, "model-releases", "the model's id"),
    HARDWARE_PRICE("hardware-price", HardwarePrice.class, "hardware-prices", "the hardware item's id"),
    BENCHMARK_RESULT("benchmark-result", BenchmarkResult.class, "benchmark-results", "<benchmark>/<model>");

    private final String wire;
    private final Class<? extends InputEvent> eventClass;
    private final String topicBase;
    private final String keyShape;
    private final JsonSerde<InputEvent> serde;

    InputType(String wire, Class<? extends InputEvent> eventClass, String topicBase, String keyShape) {
        this.wire = wire;
        this.eventClass = eventClass;
        this.topicBase = topicBase;
        this.keyShape = keyShape;
        @SuppressWarnings("unchecked")
        JsonSerde<InputEvent> s = (JsonSerde<InputEvent>) (JsonSerde<?>) JsonSerde.of(eventClass);
        this.serde = s;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public Class<? extends InputEvent> eventClass() {
        return eventClass;
    }

    /** The topic's name without the configured prefix. */
    public String topicBase() {
        return topicBase;
    }

    /** Reads and writes events of this kind; reading rejects a JSON object of another kind. */
    public JsonSerde<InputEvent> serde() {
        return serde;
    }

    @JsonCreator
    public static InputType fromWire(String wire) {
        String w = wire == null ? "" : wire.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(t -> t.wire.equals(w))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown input type '" + wire + "' (known: "
                        + Arrays.stream(values()).map(InputType::wire).toList() + ")"));
    }

    /** The JSON of an input event, with its {@code _t}. */
    public static byte[] toBytes(InputEvent event) {
        return event.inputType().serde.toBytes(event);
    }

    /**
     * Why {@code key} cannot be the key of an item of this kind, or null when it can. A tombstone
     * carries only its key, so this is all that can be checked of a delete.
     */
    public String keyProblem(String key) {
        if (key == null || key.isBlank()) {
            return "a " + wire + " key must be " + keyShape + ", not empty";
        }
        if (this == BENCHMARK_RESULT) {
            int slash = key.indexOf('/');
            if (slash <= 0 || slash == key.length() - 1) {
                return "a " + wire + " key must be " + keyShape + ", not '" + cut(key) + "'";
            }
        }
        return null;
    }

    private static String cut(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
