package dev.meektracker.consumers.notify;

import dev.meektracker.consumers.alerts.GapAlert;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * Somewhere alert transitions go. Each sink is driven by its own {@link SinkRunner}: its own consumer
 * group on {@code gap-alerts}, its own retries and rate limit, so one failing sink never holds up another.
 */
public interface Sink {

    /** Name in logs and metric tags; never the URL, which may carry a token. */
    String name();

    /** Kind of sink: log, webhook, alertmanager, slack. */
    String type();

    /**
     * Delivers one transition, or throws. A {@link DeliveryException#permanent() permanent} failure (the
     * receiver refused this alert) is counted and skipped; any other is retried with backoff.
     */
    void deliver(GapAlert alert) throws DeliveryException;

    /** The alerts still firing when the sink starts (read from the topic's history), for sinks that re-send them. */
    default void restore(Collection<GapAlert> firing) {}

    /** How often {@link #tick} wants to run; null for never. */
    default Duration tickInterval() {
        return null;
    }

    /** Periodic work between deliveries, such as re-sending firing alerts to Alertmanager. */
    default void tick(Instant now) throws DeliveryException {}
}
