package dev.meektracker.consumers.notify;

import dev.meektracker.consumers.alerts.GapAlert;
import dev.meektracker.consumers.metrics.MetricNames;
import dev.meektracker.core.serde.JsonSerde;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How one alert reaches one sink, apart from where alerts come from: decode, wait for the sink's rate
 * limit, deliver with exponential backoff on transient failures, count every outcome. The consume
 * loop ({@link SinkRunner}) decides from the {@link Outcome} whether to commit the alert's offset.
 */
public final class DeliveryPolicy {

    /** What became of one record. */
    public enum Outcome {
        /** Delivered: commit it. */
        DELIVERED,
        /** Refused for good by the receiver, or not readable as an alert: counted, logged and skipped (commit it). */
        SKIPPED,
        /** Not delivered after every attempt: pause and try the same alert again (do not commit). */
        RETRY_LATER,
        /** The runner is stopping: leave it for the next start (do not commit). */
        STOPPED
    }

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryPolicy.class);
    private static final JsonSerde<GapAlert> ALERTS = JsonSerde.of(GapAlert.class);

    private final Sink sink;
    private final NotifySettings settings;
    private final Retry retry;
    private final RateLimiter rateLimiter;
    private final LongSupplier clockMillis;
    private final Counter sent;
    private final Counter rejected;
    private final Counter unavailable;
    private final Counter unreadable;
    private final Timer latency;
    private final DeliveredLog memory;
    private final MeterRegistry registry;

    public DeliveryPolicy(Sink sink, NotifySettings settings, MeterRegistry registry) {
        this(sink, settings, registry, System::currentTimeMillis, DeliveredLog.none());
    }

    public DeliveryPolicy(Sink sink, NotifySettings settings, MeterRegistry registry, DeliveredLog memory) {
        this(sink, settings, registry, System::currentTimeMillis, memory);
    }

    DeliveryPolicy(Sink sink, NotifySettings settings, MeterRegistry registry, LongSupplier clockMillis) {
        this(sink, settings, registry, clockMillis, DeliveredLog.none());
    }

    DeliveryPolicy(
            Sink sink, NotifySettings settings, MeterRegistry registry, LongSupplier clockMillis, DeliveredLog memory) {
        this.memory = memory;
        this.registry = registry;
        this.sink = sink;
        this.settings = settings;
        this.clockMillis = clockMillis;
        String failedHelp =
                "alert deliveries that failed: rejected (the receiver refused it, skipped), unavailable (retries used up, "
                        + "tried again) or unreadable (not an alert, skipped)";
        this.sent = Counter.builder(MetricNames.ALERTS_SENT)
                .tag("sink", sink.name())
                .description("alert transitions delivered to the sink")
                .register(registry);
        this.rejected = Counter.builder(MetricNames.ALERTS_FAILED)
                .tag("sink", sink.name())
                .tag("reason", "rejected")
                .description(failedHelp)
                .register(registry);
        this.unavailable = Counter.builder(MetricNames.ALERTS_FAILED)
                .tag("sink", sink.name())
                .tag("reason", "unavailable")
                .description(failedHelp)
                .register(registry);
        this.unreadable = Counter.builder(MetricNames.ALERTS_FAILED)
                .tag("sink", sink.name())
                .tag("reason", "unreadable")
                .description(failedHelp)
                .register(registry);
        Counter retries = Counter.builder(MetricNames.ALERTS_RETRIES)
                .tag("sink", sink.name())
                .description("delivery attempts retried after a transient failure")
                .register(registry);
        this.latency = Timer.builder(MetricNames.ALERTS_DELIVERY)
                .tag("sink", sink.name())
                .description("time from an alert's record to its delivery")
                .register(registry);
        this.retry = Retry.of(
                sink.name(),
                RetryConfig.<Void>custom()
                        .maxAttempts(settings.attempts())
                        .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(
                                settings.initialBackoff(), 2.0, 0.2, settings.maxBackoff()))
                        .retryOnException(e -> e instanceof DeliveryException d && !d.permanent())
                        .failAfterMaxAttempts(false)
                        .build());
        retry.getEventPublisher().onRetry(e -> {
            retries.increment();
            LOG.warn(
                    "sink {}: attempt {} failed ({}), retrying in {} ms",
                    sink.name(),
                    e.getNumberOfRetryAttempts(),
                    e.getLastThrowable() == null ? "?" : e.getLastThrowable().getMessage(),
                    e.getWaitInterval().toMillis());
        });
        this.rateLimiter = RateLimiter.of(
                sink.name(),
                RateLimiterConfig.custom()
                        .limitForPeriod(settings.ratePerMinute())
                        .limitRefreshPeriod(settings.ratePeriod())
                        .timeoutDuration(Duration.ofMinutes(2))
                        .build());
    }

    /**
     * Waits for the rate limit's next free delivery in short slices, so a stop is noticed within a
     * tenth of a second; false when the runner stopped first.
     */
    private boolean awaitPermit(BooleanSupplier running) {
        try {
            while (true) {
                long waitNanos = rateLimiter.reservePermission();
                if (waitNanos >= 0) {
                    long until = System.nanoTime() + waitNanos;
                    for (long left = waitNanos; left > 0; left = until - System.nanoTime()) {
                        if (!running.getAsBoolean()) {
                            return false;
                        }
                        Thread.sleep(Math.max(1, Math.min(100, left / 1_000_000)));
                    }
                    return true;
                }
                // More deliveries are waiting than the limiter reserves ahead: ask again shortly.
                if (!running.getAsBoolean()) {
                    return false;
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Delivers one record's value.
     *
     * @param value     the record's bytes (an alert as JSON)
     * @param where     where the record is, for logs (topic-partition@offset)
     * @param timestamp the record's timestamp, for the delivery latency
     * @param running   false once the runner is stopping: a wait for the rate limit then gives up
     */
    public Outcome deliver(byte[] value, String where, long timestamp, BooleanSupplier running) {
        GapAlert alert;
        try {
            alert = ALERTS.fromBytes(value);
        } catch (RuntimeException e) {
            unreadable.increment();
            LOG.warn("sink {}: skipping unreadable alert at {}: {}", sink.name(), where, e.getMessage());
            return Outcome.SKIPPED;
        }
        DeliveredLog.Decision decision = memory.check(alert);
        if (decision != DeliveredLog.Decision.SEND) {
            // Sent in an earlier run, or history an earlier run already covered: nothing new for the receiver.
            registry.counter(
                            "meektracker.alerts.skipped",
                            "sink",
                            sink.name(),
                            "reason",
                            decision == DeliveredLog.Decision.HISTORY ? "history" : "already-delivered")
                    .increment();
            return Outcome.SKIPPED;
        }
        if (!awaitPermit(running)) {
            return Outcome.STOPPED;
        }
        try {
            retry.executeCallable(() -> {
                sink.deliver(alert);
                return null;
            });
            sent.increment();
            memory.record(alert);
            latency.record(Math.max(0, clockMillis.getAsLong() - timestamp), TimeUnit.MILLISECONDS);
            return Outcome.DELIVERED;
        } catch (DeliveryException e) {
            if (e.permanent()) {
                rejected.increment();
                LOG.error(
                        "sink {}: alert {} ({} {}) refused: {}; skipped",
                        sink.name(),
                        alert.fingerprint(),
                        alert.labels().get("rule"),
                        alert.status(),
                        e.getMessage());
                return Outcome.SKIPPED;
            }
            unavailable.increment();
            LOG.error(
                    "sink {}: alert {} not delivered after {} attempts ({}); trying again in {} ms",
                    sink.name(),
                    alert.fingerprint(),
                    settings.attempts(),
                    e.getMessage(),
                    settings.pause().toMillis());
            return Outcome.RETRY_LATER;
        } catch (Exception e) {
            // A defect in a sink (not a delivery failure it reports): keep the alert and try it again later.
            unavailable.increment();
            LOG.error(
                    "sink {}: alert {} failed unexpectedly; trying again in {} ms",
                    sink.name(),
                    alert.fingerprint(),
                    settings.pause().toMillis(),
                    e);
            return Outcome.RETRY_LATER;
        }
    }
}
