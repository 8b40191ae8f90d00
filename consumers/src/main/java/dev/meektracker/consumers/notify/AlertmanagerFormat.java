package dev.meektracker.consumers.notify;

import dev.meektracker.consumers.alerts.GapAlert;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Alertmanager's shapes of one alert: as its webhook sends it (payload version 4) and as its API takes it. */
final class AlertmanagerFormat {

    /** Alertmanager writes this for "no end time" in webhook payloads. */
    static final String NO_END = "0001-01-01T00:00:00Z";

    private AlertmanagerFormat() {}

    /** A link back to the gap in the tracker's query API. */
    static String generatorUrl(String queryBaseUrl, GapAlert a) {
        return queryBaseUrl + "/gaps/" + a.labels().get("gap");
    }

    /** Alertmanager's group key for one alert grouped by all its identifying labels. */
    static String groupKey(GapAlert a) {
        return "{}:{"
                + a.labels().entrySet().stream()
                        .filter(e -> !e.getKey().equals("severity"))
                        .map(e -> e.getKey() + "=\"" + e.getValue().replace("\"", "\\\"") + "\"")
                        .collect(Collectors.joining(", "))
                + "}";
    }

    /** One alert of a webhook payload (version 4). */
    static Map<String, Object> webhookAlert(GapAlert a, String queryBaseUrl) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", a.status());
        m.put("labels", a.labels());
        m.put("annotations", annotations(a));
        m.put("startsAt", a.startsAt() == null ? NO_END : a.startsAt().toString());
        m.put("endsAt", a.endsAt() == null ? NO_END : a.endsAt().toString());
        m.put("generatorURL", generatorUrl(queryBaseUrl, a));
        m.put("fingerprint", a.fingerprint());
        return m;
    }

    /** A webhook payload, version 4, carrying one transition. */
    static Map<String, Object> webhookPayload(GapAlert a, String receiver, String queryBaseUrl) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", "4");
        m.put("groupKey", groupKey(a));
        m.put("truncatedAlerts", 0);
        m.put("status", a.status());
        m.put("receiver", receiver);
        m.put("groupLabels", Map.of("alertname", a.labels().get("alertname")));
        m.put("commonLabels", a.labels());
        m.put("commonAnnotations", annotations(a));
        m.put("externalURL", queryBaseUrl);
        m.put("alerts", java.util.List.of(webhookAlert(a, queryBaseUrl)));
        return m;
    }

    /**
     * One element of {@code POST /api/v2/alerts}. A firing alert gets {@code endsAt} a few re-send
     * intervals ahead, as Prometheus does: Alertmanager resolves it by itself if the tracker stops re-sending.
     */
    static Map<String, Object> postableAlert(GapAlert a, String queryBaseUrl, Instant firingUntil) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("labels", a.labels());
        m.put("annotations", annotations(a));
        if (a.startsAt() != null) {
            m.put("startsAt", a.startsAt().toString());
        }
        m.put("endsAt", (a.endsAt() == null ? firingUntil : a.endsAt()).toString());
        m.put("generatorURL", generatorUrl(queryBaseUrl, a));
        return m;
    }

    /** The rule's annotations plus the compared value and the gap's as-of date, for receivers that show them. */
    private static Map<String, String> annotations(GapAlert a) {
        Map<String, String> m = new LinkedHashMap<>(a.annotations());
        if (a.value() != null) {
            m.put("value", String.valueOf(a.value()));
        }
        if (a.asOf() != null) {
            m.put("asOf", a.asOf().toString());
        }
        return m;
    }
}
