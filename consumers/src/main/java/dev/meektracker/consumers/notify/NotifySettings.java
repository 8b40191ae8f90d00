package dev.meektracker.consumers.notify;

import dev.meektracker.core.config.Settings;
import dev.meektracker.core.config.TrackerConfig;
import java.time.Duration;

/** Delivery settings shared by every sink (meek.notify.*). */
public record NotifySettings(
        int attempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration pause,
        int ratePerMinute,
        Duration timeout,
        Duration alertmanagerResend,
        Duration ratePeriod) {

    /** The rate limit counts {@code ratePerMinute} deliveries per {@code ratePeriod}: a minute, except in tests. */
    public NotifySettings withRate(int deliveries, Duration period) {
        return new NotifySettings(
                attempts, initialBackoff, maxBackoff, pause, deliveries, timeout, alertmanagerResend, period);
    }

    public static NotifySettings from(TrackerConfig c) {
        return new NotifySettings(
                c.integer(Settings.NOTIFY_RETRY_ATTEMPTS),
                c.millis(Settings.NOTIFY_RETRY_INITIAL_MS),
                c.millis(Settings.NOTIFY_RETRY_MAX_MS),
                c.millis(Settings.NOTIFY_RETRY_PAUSE_MS),
                c.integer(Settings.NOTIFY_RATE_PER_MINUTE),
                c.millis(Settings.NOTIFY_TIMEOUT_MS),
                c.millis(Settings.NOTIFY_ALERTMANAGER_RESEND_MS),
                Duration.ofMinutes(1));
    }
}
