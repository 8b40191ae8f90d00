package dev.meektracker.consumers.notify;

import dev.meektracker.consumers.alerts.GapAlert;
import dev.meektracker.core.serde.Json;
import java.time.Duration;
import java.util.Map;

/**
 * Posts Alertmanager's webhook payload (version 4), one transition per request, so any receiver built
 * for Alertmanager works unchanged. The fingerprint rides along: delivery is at least once, and a
 * receiver de-duplicates on (fingerprint, status, startsAt).
 */
public final class WebhookSink implements Sink {

    private final String name;
    private final HttpPoster poster;
    private final String queryBaseUrl;

    public WebhookSink(String name, String url, Map<String, String> headers, Duration timeout, String queryBaseUrl) {
        this.name = name;
        this.poster = new HttpPoster(url, headers, timeout);
        this.queryBaseUrl = queryBaseUrl;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return "webhook";
    }

    @Override
    public void deliver(GapAlert alert) throws DeliveryException {
        poster.post(Json.write(AlertmanagerFormat.webhookPayload(alert, name, queryBaseUrl)));
    }

    @Override
    public String toString() {
        return name + " (webhook to " + poster.safeAddress() + ")";
    }
}
