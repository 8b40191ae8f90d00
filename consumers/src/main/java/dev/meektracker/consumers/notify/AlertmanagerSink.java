package dev.meektracker.consumers.notify;

import dev.meektracker.consumers.alerts.GapAlert;
import dev.meektracker.core.serde.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pushes alerts to Alertmanager's API ({@code POST /api/v2/alerts}) the way Prometheus does: each
 * transition at once, and every firing alert again each re-send interval with {@code endsAt} a few
 * intervals ahead. Alertmanager expects this: an alert it stops hearing about resolves by itself, so a
 * tracker that dies does not leave alerts firing for ever.
 */
public final class AlertmanagerSink implements Sink {

    /** endsAt of a firing alert is this many re-send intervals ahead (Prometheus uses 4). */
    static final int VALIDITY_INTERVALS = 4;

    private final HttpPoster poster;
    private final String queryBaseUrl;
    private final Duration resendInterval;
    /** Firing alerts by fingerprint: what the next re-send carries. Touched only on the runner's thread. */
    private final Map<String, GapAlert> firing = new LinkedHashMap<>();

    public AlertmanagerSink(String baseUrl, Duration timeout, Duration resendInterval, String queryBaseUrl) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.poster = new HttpPoster(base + "/api/v2/alerts", Map.of(), timeout);
        this.queryBaseUrl = queryBaseUrl;
        this.resendInterval = resendInterval;
    }

    @Override
    public String name() {
        return "alertmanager";
    }

    @Override
    public String type() {
        return "alertmanager";
    }

    @Override
    public void deliver(GapAlert a) throws DeliveryException {
        post(List.of(a), Instant.now());
        if ("firing".equals(a.status())) {
            firing.put(a.fingerprint(), a);
        } else {
            firing.remove(a.fingerprint());
        }
    }

    @Override
    public void restore(Collection<GapAlert> alerts) {
        alerts.forEach(a -> firing.put(a.fingerprint(), a));
    }

    @Override
    public Duration tickInterval() {
        return resendInterval;
    }

    @Override
    public void tick(Instant now) throws DeliveryException {
        if (!firing.isEmpty()) {
            post(new ArrayList<>(firing.values()), now);
        }
    }

    /** Fingerprints of the alerts this sink re-sends. */
    public List<String> firing() {
        return List.copyOf(firing.keySet());
    }

    private void post(List<GapAlert> alerts, Instant now) throws DeliveryException {
        Duration validity = resendInterval.multipliedBy(VALIDITY_INTERVALS);
        List<Map<String, Object>> body = new ArrayList<>();
        for (GapAlert a : alerts) {
            // Alertmanager refuses an endsAt before startsAt (400); startsAt is the evaluator's clock,
            // which may run ahead of this process's.
            Instant from = a.startsAt() != null && a.startsAt().isAfter(now) ? a.startsAt() : now;
            body.add(AlertmanagerFormat.postableAlert(a, queryBaseUrl, from.plus(validity)));
        }
        poster.post(Json.write(body));
    }

    @Override
    public String toString() {
        return "alertmanager (API at " + poster.safeAddress() + ")";
    }
}
