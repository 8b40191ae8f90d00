package dev.meektracker.consumers.notify;

import dev.meektracker.core.config.TrackerConfig;
import java.time.Duration;

/** Delivery settings shared by every sink (meek.notify.*). */
public record NotifySettings(int attempts, Duration initialBackoff, Duration maxBackoff, Duration pause, int ratePerMinute, Duration timeout,
                             Duration alertmanagerResend, Duration ratePeriod) {

    /** The rate limit counts {@code ratePerMinute} deliveries per {@code ratePeriod}: a minute, except in tests. */
    public NotifySettings withRate(int deliveries, Duration period) {
        return new NotifySettings(attempts, initialBackoff, maxBackoff, pause, deliveries, timeout, alertmanagerResend, period);
    }

    public static NotifySettings from(TrackerConfig c) {
        return new NotifySettings(c.integer("meek.notify.retry.attempts", 1),
                Duration.ofMillis(c.integer("meek.notify.retry.initial.ms", 1)),
                Duration.ofMillis(c.integer("meek.notify.retry.max.ms", 1)),
                Duration.ofMillis(c.integer("meek.notify.retry.pause.ms", 1)),
                c.integer("meek.notify.rate.per.minute", 1),
                Duration.ofMillis(c.integer("meek.notify.timeout.ms", 1)),
                Duration.ofMillis(c.integer("meek.notify.alertmanager.resend.interval.ms", 100)),
                Duration.ofMinutes(1));
    }
}
