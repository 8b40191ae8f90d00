package dev.meektracker.consumers.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meektracker.consumers.alerts.GapAlert;
import dev.meektracker.consumers.metrics.MetricNames;
import dev.meektracker.core.serde.JsonSerde;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The delivery policy without a broker: retries, refusals, unreadable records, the rate limit, stopping, the meters. */
class DeliveryPolicyTest {

    /** A sink that answers from a script: null delivers, otherwise the exception is thrown. */
    private static final class ScriptedSink implements Sink {
        final Deque<Exception> script = new ArrayDeque<>();
        final List<GapAlert> delivered = new ArrayList<>();
        int attempts;

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public String type() {
            return "test";
        }

        @Override
        public void deliver(GapAlert alert) throws DeliveryException {
            attempts++;
            Exception next = script.poll();
            if (next instanceof DeliveryException d) {
                throw d;
            }
            if (next instanceof RuntimeException r) {
                throw r;
            }
            delivered.add(alert);
        }
    }

    private static final NotifySettings FAST = new NotifySettings(
            3,
            Duration.ofMillis(1),
            Duration.ofMillis(2),
            Duration.ofMillis(10),
            1000,
            Duration.ofSeconds(1),
            Duration.ofSeconds(60),
            Duration.ofMinutes(1));

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private static byte[] alert(String fingerprint, String status) {
        return alertOn(fingerprint, status, "2025-01-01");
    }

    private double failed(String reason) {
        return registry.get(MetricNames.ALERTS_FAILED)
                .tag("reason", reason)
                .counter()
                .count();
    }

    private static byte[] alertOn(String fingerprint, String status, String asOf) {
        return JsonSerde.of(GapAlert.class)
                .toBytes(new GapAlert(
                        fingerprint,
                        status,
                        Map.of("rule", "r", "gap", "g"),
                        Map.of("summary", "s"),
                        1.0,
                        LocalDate.parse(asOf),
                        Instant.parse("2025-01-01T00:00:00Z"),
                        null));
    }

    @Test
    void aSecondRunSendsOnlyWhatIsNewerThanWhatTheFirstDelivered(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("webhook.json");
        ScriptedSink first = new ScriptedSink();
        DeliveryPolicy p1 = new DeliveryPolicy(first, FAST, registry, DeliveredLog.open(file, false));
        for (String[] a : new String[][] {
            {"a", "firing", "2024-03-31"}, {"a", "resolved", "2024-06-30"}, {"b", "firing", "2025-01-31"}
        }) {
            assertThat(p1.deliver(alertOn(a[0], a[1], a[2]), "t-0@0", 0, () -> true))
                    .isEqualTo(DeliveryPolicy.Outcome.DELIVERED);
        }
        assertThat(first.delivered).hasSize(3);

        // The next run (a fresh broker, the same history and one newer transition): only the newer one goes.
        ScriptedSink second = new ScriptedSink();
        DeliveryPolicy p2 = new DeliveryPolicy(second, FAST, registry, DeliveredLog.open(file, false));
        assertThat(p2.deliver(alertOn("a", "firing", "2024-03-31"), "t-0@0", 0, () -> true))
                .isEqualTo(DeliveryPolicy.Outcome.SKIPPED);
        // History the first run covered, though never sent (say, a rule added since): not sent unless asked.
        assertThat(p2.deliver(alertOn("c", "firing", "2024-12-31"), "t-0@1", 0, () -> true))
                .isEqualTo(DeliveryPolicy.Outcome.SKIPPED);
        assertThat(p2.deliver(alertOn("b", "resolved", "2025-02-28"), "t-0@2", 0, () -> true))
                .isEqualTo(DeliveryPolicy.Outcome.DELIVERED);
        assertThat(second.delivered).extracting(GapAlert::fingerprint).containsExactly("b");
        assertThat(registry.get("meektracker.alerts.skipped")
                        .tag("reason", "already-delivered")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("meektracker.alerts.skipped")
                        .tag("reason", "history")
                        .counter()
                        .count())
                .isEqualTo(1);

        // Asked for history: what was covered but never sent goes; what was sent still does not.
        ScriptedSink third = new ScriptedSink();
        DeliveryPolicy p3 = new DeliveryPolicy(third, FAST, registry, DeliveredLog.open(file, true));
        p3.deliver(alertOn("c", "firing", "2024-12-31"), "t-0@1", 0, () -> true);
        p3.deliver(alertOn("a", "firing", "2024-03-31"), "t-0@0", 0, () -> true);
        assertThat(third.delivered).extracting(GapAlert::fingerprint).containsExactly("c");

        // A damaged memory does not stop alerts.
        java.nio.file.Files.writeString(file, "{not json");
        ScriptedSink fourth = new ScriptedSink();
        new DeliveryPolicy(fourth, FAST, registry, DeliveredLog.open(file, false))
                .deliver(alertOn("a", "firing", "2024-03-31"), "t-0@0", 0, () -> true);
        assertThat(fourth.delivered).hasSize(1);
    }

    @Test
    void transientFailuresAreRetriedUntilDelivered() {
        ScriptedSink sink = new ScriptedSink();
        sink.script.add(new DeliveryException("503", false));
        sink.script.add(new DeliveryException("timeout", false));
        DeliveryPolicy p = new DeliveryPolicy(sink, FAST, registry, () -> 5_000);
        assertThat(p.deliver(alert("a", "firing"), "t-0@0", 4_000, () -> true))
                .isEqualTo(DeliveryPolicy.Outcome.DELIVERED);
        assertThat(sink.attempts).isEqualTo(3);
        assertThat(registry.get(MetricNames.ALERTS_RETRIES).counter().count()).isEqualTo(2);
        assertThat(registry.get(MetricNames.ALERTS_SENT).counter().count()).isEqualTo(1);
        assertThat(registry.get(MetricNames.ALERTS_DELIVERY)
                        .timer()
                        .totalTime(java.util.concurrent.TimeUnit.MILLISECONDS))
                .isEqualTo(1000);
    }

    @Test
    void exhaustedAttemptsLeaveTheAlertForLaterAndARefusalSkipsIt() {
        ScriptedSink sink = new ScriptedSink();
        for (int i = 0; i < 3; i++) {
            sink.script.add(new DeliveryException("503", false));
        }
        sink.script.add(new DeliveryException("400 bad payload", true));
        DeliveryPolicy p = new DeliveryPolicy(sink, FAST, registry);
        assertThat(p.deliver(alert("a", "firing"), "t-0@0", 0, () -> true))
                .isEqualTo(DeliveryPolicy.Outcome.RETRY_LATER);
        assertThat(sink.attempts).isEqualTo(3);
        assertThat(failed("unavailable")).isEqualTo(1);
        assertThat(p.deliver(alert("a", "firing"), "t-0@0", 0, () -> true)).isEqualTo(DeliveryPolicy.Outcome.SKIPPED);
        assertThat(sink.attempts).as("a refusal is not retried").isEqualTo(4);
        assertThat(failed("rejected")).isEqualTo(1);
        assertThat(sink.delivered).isEmpty();
    }

    @Test
    void aDefectInTheSinkKeepsTheAlertAndUnreadableRecordsAreCountedAndSkipped() {
        ScriptedSink sink = new ScriptedSink();
        sink.script.add(new IllegalStateException("bug"));
        DeliveryPolicy p = new DeliveryPolicy(sink, FAST, registry);
        assertThat(p.deliver(alert("a", "firing"), "t-0@0", 0, () -> true))
                .isEqualTo(DeliveryPolicy.Outcome.RETRY_LATER);
        assertThat(p.deliver("not json".getBytes(StandardCharsets.UTF_8), "t-0@1", 0, () -> true))
                .isEqualTo(DeliveryPolicy.Outcome.SKIPPED);
        assertThat(failed("unreadable")).isEqualTo(1);
        assertThat(failed("unavailable")).isEqualTo(1);
    }

    @Test
    void theRateLimitHoldsDeliveriesBackAndAStopEndsTheWait() {
        ScriptedSink sink = new ScriptedSink();
        NotifySettings twoPerHour = FAST.withRate(2, Duration.ofHours(1));
        DeliveryPolicy p = new DeliveryPolicy(sink, twoPerHour, registry);
        assertThat(p.deliver(alert("a", "firing"), "", 0, () -> true)).isEqualTo(DeliveryPolicy.Outcome.DELIVERED);
        assertThat(p.deliver(alert("b", "firing"), "", 0, () -> true)).isEqualTo(DeliveryPolicy.Outcome.DELIVERED);
        AtomicBoolean running = new AtomicBoolean(true);
        int[] polls = {0};
        // The third waits for the next period; the runner stops while it waits.
        DeliveryPolicy.Outcome third = p.deliver(alert("c", "firing"), "", 0, () -> {
            if (++polls[0] == 3) {
                running.set(false);
            }
            return running.get();
        });
        assertThat(third).isEqualTo(DeliveryPolicy.Outcome.STOPPED);
        assertThat(sink.delivered).hasSize(2);
    }

    @Test
    void firingAlertsAreTheLatestFiringTransitionPerFingerprint() {
        FiringAlerts history = new FiringAlerts();
        history.add(alert("a", "firing"));
        history.add(alert("b", "firing"));
        history.add(alert("a", "resolved"));
        history.add(null);
        history.add("{".getBytes(StandardCharsets.UTF_8));
        history.add(alert("c", "resolved"));
        history.add(alert("c", "firing"));
        assertThat(history.firing()).extracting(GapAlert::fingerprint).containsExactly("b", "c");
        assertThat(history.unreadable()).isEqualTo(1);
    }
}
