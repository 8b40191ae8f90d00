package dev.meektracker.launcher;

import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.core.topic.Topics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether the alert evaluator has evaluated every committed gap estimate: its exactly-once commits put
 * its consumed offsets in the same transaction as its alerts, so committed offsets at the end of
 * gap-estimates mean every alert it will write for them is written.
 */
final class AlertProgress implements AutoCloseable {

    private final TrackerConfig config;
    private final Topics topics;
    /** One client for the whole wait: the check runs every 150 ms. */
    private final Admin admin;

    AlertProgress(TrackerConfig config, Topics topics) {
        this.config = config;
        this.topics = topics;
        this.admin = Admin.create(config.clientProperties());
    }

    @Override
    public void close() {
        admin.close();
    }

    boolean caughtUp() throws Exception {
        String group = config.applicationId() + "-alerts";
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS);
        for (var e : stableEnds(List.of(topics.gapEstimates().name())).entrySet()) {
            long end = e.getValue();
            OffsetAndMetadata done = committed.get(e.getKey());
            if (end > 0 && (done == null || done.offset() < end)) {
                return false;
            }
        }
        return true;
    }

    /** The last stable offset of every partition of these topics: what a read_committed consumer can read up to now. */
    Map<TopicPartition, Long> stableEnds(List<String> names) throws Exception {
        Map<TopicPartition, OffsetSpec> query = new HashMap<>();
        admin.describeTopics(names)
                .allTopicNames()
                .get(10, TimeUnit.SECONDS)
                .forEach((name, d) -> d.partitions()
                        .forEach(p -> query.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(query, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all()
                .get(10, TimeUnit.SECONDS)
                .forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }
}
