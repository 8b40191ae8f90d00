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
 * gap-estimates mean every alert it will write for them is written. The ends compared are settled
 * ones (no transaction still being completed on the topic), and the caller takes the outputs' ends
 * after this check, settled too: the alerts of the evaluator's last transaction were written before
 * its offsets could read as committed, so settled ends taken after cover them.
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
        // Settled ends: taken while the tracker's last commit is still reaching gap-estimates, the
        // stable ones would leave its last estimates out, and the evaluator would look caught up.
        Map<TopicPartition, Long> estimates =
                settledEnds(List.of(topics.gapEstimates().name()));
        if (estimates == null) {
            return false;
        }
        for (var e : estimates.entrySet()) {
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
        return ends(names, IsolationLevel.READ_COMMITTED);
    }

    /**
     * {@link #stableEnds}, or null while a transaction on these topics is open or still being
     * completed (a partition's last stable offset short of its high watermark). A transaction's
     * commit reaches each of its partitions in turn: the evaluator's consumed offsets can read as
     * committed while the marker that makes its alerts readable is not yet written, and ends taken
     * then left the last transaction's alerts out of a report (6 of 19 transitions, once, in a cold
     * first run).
     */
    Map<TopicPartition, Long> settledEnds(List<String> names) throws Exception {
        Map<TopicPartition, Long> stable = stableEnds(names);
        Map<TopicPartition, Long> written = ends(names, IsolationLevel.READ_UNCOMMITTED);
        return stable.equals(written) ? stable : null;
    }

    private Map<TopicPartition, Long> ends(List<String> names, IsolationLevel isolation) throws Exception {
        Map<TopicPartition, OffsetSpec> query = new HashMap<>();
        admin.describeTopics(names)
                .allTopicNames()
                .get(10, TimeUnit.SECONDS)
                .forEach((name, d) -> d.partitions()
                        .forEach(p -> query.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(query, new ListOffsetsOptions(isolation))
                .all()
                .get(10, TimeUnit.SECONDS)
                .forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }
}
