package dev.meektracker.consumers.notify;

import dev.meektracker.consumers.alerts.GapAlert;
import dev.meektracker.core.serde.Json;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Posts to a Slack incoming webhook: a short message per transition, with the fingerprint for de-duplication. */
public final class SlackSink implements Sink {

    private final HttpPoster poster;
    private final String queryBaseUrl;

    public SlackSink(String url, Duration timeout, String queryBaseUrl) {
        this.poster = new HttpPoster(url, Map.of(), timeout);
        this.queryBaseUrl = queryBaseUrl;
    }

    @Override
    public String name() {
        return "slack";
    }

    @Override
    public String type() {
        return "slack";
    }

    @Override
    public void deliver(GapAlert a) throws DeliveryException {
        poster.post(Json.write(message(a, queryBaseUrl)));
    }

    static Map<String, Object> message(GapAlert a, String queryBaseUrl) {
        String status = "firing".equals(a.status()) ? "FIRING" : "RESOLVED";
        StringBuilder text = new StringBuilder()
                .append('[')
                .append(status)
                .append("] *")
                .append(a.labels().get("rule"))
                .append("* (")
                .append(a.labels().get("severity"))
                .append(")\n")
                .append(a.annotations().get("summary"));
        String description = a.annotations().get("description");
        if (description != null && !description.isBlank()) {
            text.append('\n').append(description);
        }
        text.append("\n<")
                .append(AlertmanagerFormat.generatorUrl(queryBaseUrl, a))
                .append('|')
                .append(a.labels().get("gap"))
                .append(">  fingerprint ")
                .append(a.fingerprint());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", text.toString());
        return m;
    }

    @Override
    public String toString() {
        return "slack (incoming webhook at " + poster.safeAddress() + ")";
    }
}
