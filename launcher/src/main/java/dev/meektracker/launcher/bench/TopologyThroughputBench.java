package dev.meektracker.launcher.bench;

import dev.meektracker.core.config.Settings;
import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.core.event.InputEvent;
import dev.meektracker.core.topic.TopicInstaller;
import dev.meektracker.core.topic.Topics;
import dev.meektracker.producers.EventPublisher;
import dev.meektracker.streams.TrackerStreamsApp;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.KafkaStreams;

/** Pre-loads a history, then times the exactly-once topology until every event is processed and the deferred outputs flushed. */
public final class TopologyThroughputBench {

    /**
     * @param fromStart      events per second from the application's start (rebalance, first fetch) to idle
     * @param fromFirstEvent events per second from the first event processed to idle
     */
    public record Rates(double fromStart, double fromFirstEvent) {}

    private TopologyThroughputBench() {}

    public static Rates run(TrackerConfig base, List<InputEvent> history) throws Exception {
        String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        TrackerConfig c = base.with(Settings.TOPIC_PREFIX, prefix).with(Settings.APPLICATION_ID, prefix + "tracker");
        Topics topics = TopicInstaller.install(c);
        try (EventPublisher publisher = new EventPublisher(c.clientProperties(), topics)) {
            publisher.publish(history, null, n -> {});
        }
        long t0 = System.nanoTime();
        long first = 0;
        try (TrackerStreamsApp app = new TrackerStreamsApp(c).start()) {
            long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
            while (app.metrics().processedCount() < history.size()
                    || app.metrics().deferredPending()) {
                if (first == 0 && app.metrics().processedCount() > 0) {
                    first = System.nanoTime();
                }
                if (app.metrics().processedCount() >= history.size()) {
                    // The whole replay is in: its end state is published now, not after the idle time
                    // a live tracker waits for (a fixed 2 s that is no part of the processing rate).
                    app.metrics().endOfInput();
                }
                if (System.nanoTime() > deadline || app.state() == KafkaStreams.State.ERROR) {
                    throw new IllegalStateException(
                            "the topology did not finish: " + app.metrics().processedCount() + " of " + history.size());
                }
                Thread.sleep(5);
            }
            long t1 = System.nanoTime();
            return new Rates(history.size() / ((t1 - t0) / 1e9), history.size() / ((t1 - first) / 1e9));
        }
    }
}
