package dev.meektracker.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meektracker.core.serde.Json;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares outputs of two runs as JSON: every field equal and every number equal to 12 significant
 * digits. Two runs may add the same terms in another order (a restart replays a changelog, a
 * fuzzed run interleaves other records), which moves the last bits of a sum and nothing else.
 */
public final class JsonCompare {

    private JsonCompare() {}

    public static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            double x = a.asDouble();
            double y = b.asDouble();
            return x == y || Math.abs(x - y) <= 1e-12 * Math.max(Math.abs(x), Math.abs(y));
        }
        if (a.isContainerNode() && b.isContainerNode() && a.size() == b.size()) {
            if (a.isObject()) {
                for (var it = a.fieldNames(); it.hasNext(); ) {
                    String f = it.next();
                    if (!b.has(f) || !same(a.get(f), b.get(f))) {
                        return false;
                    }
                }
                return true;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /**
     * The ids whose JSON differs between two maps of outputs by id, each with both values; empty when
     * they hold the same ids with the same values. An id on one side only is a difference.
     */
    public static List<String> differences(Map<String, String> expected, Map<String, String> actual) {
        List<String> differ = new ArrayList<>();
        for (String k : expected.keySet()) {
            if (!actual.containsKey(k)) {
                differ.add(k + ": missing");
            } else if (!same(tree(expected.get(k)), tree(actual.get(k)))) {
                differ.add(k + "\n  expected: " + expected.get(k) + "\n  actual:   " + actual.get(k));
            }
        }
        for (String k : actual.keySet()) {
            if (!expected.containsKey(k)) {
                differ.add(k + ": not expected");
            }
        }
        return differ;
    }

    private static JsonNode tree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
