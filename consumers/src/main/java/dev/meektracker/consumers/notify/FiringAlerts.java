package dev.meektracker.consumers.notify;

import dev.meektracker.consumers.alerts.GapAlert;
import dev.meektracker.core.serde.JsonSerde;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The alerts still firing after a stretch of {@code gap-alerts}: the latest transition per
 * fingerprint, kept when it is a firing one. Records that are not alerts are counted, not dropped
 * silently.
 */
final class FiringAlerts {

    private static final JsonSerde<GapAlert> ALERTS = JsonSerde.of(GapAlert.class);

    private final Map<String, GapAlert> latest = new LinkedHashMap<>();
    private int unreadable;

    /** Takes one record's value, in topic order; null values (tombstones) are ignored. */
    void add(byte[] value) {
        if (value == null) {
            return;
        }
        try {
            GapAlert a = ALERTS.fromBytes(value);
            latest.put(a.fingerprint(), a);
        } catch (RuntimeException e) {
            unreadable++;
        }
    }

    List<GapAlert> firing() {
        return latest.values().stream().filter(a -> "firing".equals(a.status())).toList();
    }

    int unreadable() {
        return unreadable;
    }
}
