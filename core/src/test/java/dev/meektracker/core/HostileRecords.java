package dev.meektracker.core;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meektracker.core.event.InputEvent;
import dev.meektracker.core.event.InputType;
import dev.meektracker.core.serde.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded generator of hostile input records made from valid events: wrong types, missing fields,
 * out-of-range and non-finite numbers, huge strings, deep nesting, invalid UTF-8, duplicate keys,
 * JSON null, empty values, tombstones with malformed keys, a wrong {@code _t}, events on the wrong
 * topic. Each record says whether the tracker must refuse it ({@code bad}) or may take it without
 * any change to its outputs ({@code harmless}: an unknown extra field, a BOM, a delete of nothing).
 */
public final class HostileRecords {

    /** One record as bytes on an input topic; {@code value} null is a tombstone. */
    public record Hostile(InputType topic, String key, byte[] value, String kind, boolean bad) {}

    private HostileRecords() {}

    public static List<Hostile> generate(List<InputEvent> valid, int count, long seed) {
        Random r = new Random(seed);
        List<Hostile> out = new ArrayList<>(count);
        while (out.size() < count) {
            InputEvent e = valid.get(r.nextInt(valid.size()));
            out.add(mutate(e, r));
        }
        return out;
    }

    private static ObjectNode json(InputEvent e) {
        return (ObjectNode) Json.MAPPER.valueToTree(e);
    }

    private static byte[] bytes(Object node) {
        return Json.write(node).getBytes(StandardCharsets.UTF_8);
    }

    private static Hostile mutate(InputEvent e, Random r) {
        InputType t = e.inputType();
        ObjectNode n = json(e);
        n.put("_t", t.wire());
        String numberField = switch (t) {
            case MODEL_RELEASE -> "trainingComputeFlop";
            case HARDWARE_PRICE -> "purchasePriceUsd";
            case BENCHMARK_RESULT -> "score";
        };
        String requiredField = switch (t) {
            case MODEL_RELEASE -> r.nextBoolean() ? "releaseDate" : "weights";
            case HARDWARE_PRICE -> "date";
            case BENCHMARK_RESULT -> r.nextBoolean() ? "scale" : "date";
        };
        switch (r.nextInt(19)) {
            case 0 -> {
                n.put(numberField, "lots");
                return new Hostile(t, e.key(), bytes(n), "wrong type: text for a number", true);
            }
            case 1 -> {
                n.remove(requiredField);
                return new Hostile(t, e.key(), bytes(n), "missing " + requiredField, true);
            }
            case 2 -> {
                n.put(numberField, r.nextBoolean() ? -1e25 : 1e40);
                return new Hostile(t, e.key(), bytes(n), "out of range", true);
            }
            case 3 -> {
                n.put(numberField, r.nextBoolean() ? "NaN" : "-Infinity");
                return new Hostile(t, e.key(), bytes(n), "non-finite", true);
            }
            case 4 -> {
                n.put(t == InputType.BENCHMARK_RESULT ? "modelId" : "name", "x".repeat(100_000 + r.nextInt(1000)));
                return new Hostile(t, e.key(), bytes(n), "huge string", true);
            }
            case 5 -> {
                String deep = "[".repeat(3000) + "]".repeat(3000);
                return new Hostile(
                        t,
                        e.key(),
                        ("{\"_t\":\"" + t.wire() + "\",\"x\":" + deep + "}").getBytes(StandardCharsets.UTF_8),
                        "deep nesting",
                        true);
            }
            case 6 -> {
                byte[] v = bytes(n);
                byte[] broken = new byte[v.length + 2];
                System.arraycopy(v, 0, broken, 0, 2);
                broken[2] = (byte) 0xC3;
                broken[3] = (byte) 0x28;
                System.arraycopy(v, 2, broken, 4, v.length - 2);
                return new Hostile(t, e.key(), broken, "invalid UTF-8", true);
            }
            case 7 -> {
                String s = Json.write(n);
                String idField = t == InputType.BENCHMARK_RESULT ? "modelId" : "id";
                return new Hostile(
                        t,
                        e.key(),
                        s.replaceFirst("\\{", "{\"" + idField + "\":\"other-item\",")
                                .getBytes(StandardCharsets.UTF_8),
                        "duplicate key",
                        true);
            }
            case 8 -> {
                return new Hostile(t, e.key(), "null".getBytes(StandardCharsets.UTF_8), "JSON null", true);
            }
            case 9 -> {
                return new Hostile(t, e.key(), new byte[0], "empty value", true);
            }
            case 10 -> {
                return new Hostile(
                        InputType.BENCHMARK_RESULT,
                        r.nextBoolean() ? "no-slash" : "/x",
                        null,
                        "tombstone with a malformed key",
                        true);
            }
            case 11 -> {
                n.put("_t", r.nextBoolean() ? "scaling-fit" : "no-such-type");
                return new Hostile(t, e.key(), bytes(n), "wrong _t", true);
            }
            case 12 -> {
                InputType other = InputType.values()[(t.ordinal() + 1 + r.nextInt(2)) % 3];
                return new Hostile(other, e.key(), bytes(n), "event on the wrong topic", true);
            }
            case 13 -> {
                ArrayNode arr = Json.MAPPER.createArrayNode();
                arr.add(n);
                return new Hostile(t, e.key(), bytes(arr), "an array, not an object", true);
            }
            case 14 -> {
                n.put("anUnknownField", "ignored");
                return new Hostile(t, e.key(), bytes(n), "unknown extra field", false);
            }
            case 15 -> {
                byte[] v = bytes(n);
                byte[] bom = new byte[v.length + 3];
                bom[0] = (byte) 0xEF;
                bom[1] = (byte) 0xBB;
                bom[2] = (byte) 0xBF;
                System.arraycopy(v, 0, bom, 3, v.length);
                return new Hostile(t, e.key(), bom, "UTF-8 byte order mark", false);
            }
            case 16 -> {
                // JavaTimeModule would read it as days since 1970 (19000: 2022-01-08), silently.
                n.put(t == InputType.MODEL_RELEASE ? "releaseDate" : "date", 19_000 + r.nextInt(1000));
                return new Hostile(t, e.key(), bytes(n), "a date written as a number", true);
            }
            case 17 -> {
                n.putObject(t == InputType.BENCHMARK_RESULT ? "modelName" : "name")
                        .put("text", "x");
                return new Hostile(t, e.key(), bytes(n), "an object for a text", true);
            }
            default -> {
                String key = t == InputType.BENCHMARK_RESULT
                        ? "no-such-benchmark/no-such-model"
                        : "no-such-item-" + r.nextInt(1000);
                return new Hostile(t, key, null, "delete of nothing", false);
            }
        }
    }
}
