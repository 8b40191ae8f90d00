package dev.meektracker.core.topic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the catalogue's topics that are missing, with their partitions and configs; leaves existing ones alone. */
public final class TopicInstaller {

    private static final Logger LOG = LoggerFactory.getLogger(TopicInstaller.class);

    private TopicInstaller() {}

    /** Creates the topics a configuration names (prefix, partitions, replication factor) where missing; returns them. */
    public static Topics install(dev.meektracker.core.config.TrackerConfig config)
            throws ExecutionException, InterruptedException, TimeoutException {
        Topics topics = Topics.of(config);
        try (Admin admin = Admin.create(config.clientProperties())) {
            ensure(admin, topics, config.replicationFactor());
        }
        return topics;
    }

    /**
     * @param replicationFactor replicas per partition; 1 on the embedded broker, typically 3 on a cluster
     * @return the names created now
     */
    public static List<String> ensure(Admin admin, Topics topics, short replicationFactor)
            throws ExecutionException, InterruptedException, TimeoutException {
        Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        List<NewTopic> missing = new ArrayList<>();
        for (Topic<String, ?> t : topics.all()) {
            if (!existing.contains(t.name())) {
                missing.add(new NewTopic(t.name(), t.partitions(), replicationFactor).configs(t.configs()));
            }
        }
        List<String> created = new ArrayList<>();
        if (missing.isEmpty()) {
            return created;
        }
        List<String> notAllowed = new ArrayList<>();
        admin.createTopics(missing).values().forEach((name, future) -> {
            try {
                future.get(30, TimeUnit.SECONDS);
                created.add(name);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof org.apache.kafka.common.errors.AuthorizationException) {
                    // On a cluster with ACLs a role sees only its own topics, and only the admin
                    // principal may create them: the others are someone else's to make.
                    notAllowed.add(name);
                } else if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException(
                            "cannot create topic " + name + ": " + e.getCause().getMessage(), e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (TimeoutException e) {
                throw new IllegalStateException("timed out creating topic " + name, e);
            }
        });
        awaitLeaders(admin, created);
        if (!created.isEmpty()) {
            LOG.info("created topics {}", created);
        }
        if (!notAllowed.isEmpty()) {
            LOG.info(
                    "not visible to this principal or missing, and it may not create them (the admin role's "
                            + "`meek-tracker topics` does): {}",
                    notAllowed);
        }
        return created;
    }

    /**
     * Waits until every partition of the new topics has a leader that answers for its log. Creation
     * returns once the controller has recorded the topic, a moment before the leader can append: an
     * idempotent producer whose first batch to a partition hits that moment, while later batches
     * land, retries its first sequence number into an OutOfOrderSequenceException until it times out.
     */
    /** {@link #awaitLeaders(Admin, List)} with an admin client of its own. */
    public static void awaitLeaders(java.util.Properties clientProperties, List<String> topics)
            throws InterruptedException, TimeoutException {
        try (Admin admin = Admin.create(clientProperties)) {
            awaitLeaders(admin, topics);
        }
    }

    static void awaitLeaders(Admin admin, List<String> topics) throws InterruptedException, TimeoutException {
        if (topics.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                Map<TopicPartition, OffsetSpec> query = new HashMap<>();
                for (TopicDescription d : admin.describeTopics(topics)
                        .allTopicNames()
                        .get(10, TimeUnit.SECONDS)
                        .values()) {
                    for (TopicPartitionInfo p : d.partitions()) {
                        if (p.leader() == null) {
                            throw new IllegalStateException("no leader yet for " + d.name() + "-" + p.partition());
                        }
                        query.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest());
                    }
                }
                admin.listOffsets(query).all().get(10, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | IllegalStateException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException(
                            "the new topics' leaders were not ready within 60 s: " + notYet.getMessage());
                }
                Thread.sleep(50);
            }
        }
    }
}
