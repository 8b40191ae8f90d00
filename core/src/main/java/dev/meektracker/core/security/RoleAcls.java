package dev.meektracker.core.security;

import dev.meektracker.core.config.TrackerConfig;
import dev.meektracker.core.event.InputType;
import dev.meektracker.core.topic.Topic;
import dev.meektracker.core.topic.Topics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The ACLs each role of the tracker needs on a cluster with an authorizer, and nothing more: one
 * principal per role, topics named literally from the configuration (prefix included), groups and
 * transactional ids from the application id. The Kafka Streams roles own the internal topics and
 * transactional ids under their application id; since the alert evaluator's application id
 * ({@code <id>-alerts}) starts with the topology's, the topology's principal is denied that prefix.
 */
public final class RoleAcls {

    /** The tracker's processes, each run under a principal of its own. */
    public enum Role {
        /** {@code topics}: creates the topics and sets their configs. */
        ADMIN("topics"),
        /** {@code produce}: writes input events. */
        PRODUCER("produce"),
        /** {@code watch}: writes input events, revisions and its own state, in transactions. */
        WATCH("watch"),
        /** {@code streams}: the exactly-once topology, its query API and page. */
        STREAMS("streams"),
        /** {@code consumers}: the alert evaluator (exactly-once), the notifiers and the metrics. */
        CONSUMERS("consumers");

        private final String command;

        Role(String command) {
            this.command = command;
        }

        /** The command that runs as this role. */
        public String command() {
            return command;
        }

        /** The principal's user name by default: meek-&lt;command&gt;. */
        public String defaultUser() {
            return "meek-" + command;
        }
    }

    private RoleAcls() {}

    /** Every role's bindings for the principal {@code User:<user>} of each role. */
    public static Map<Role, List<AclBinding>> all(TrackerConfig config, Map<Role, String> users) {
        Map<Role, List<AclBinding>> out = new LinkedHashMap<>();
        for (Role r : Role.values()) {
            out.put(r, of(r, config, "User:" + users.getOrDefault(r, r.defaultUser())));
        }
        return out;
    }

    /** The bindings {@code role} needs, for {@code principal} (e.g. User:meek-streams). */
    public static List<AclBinding> of(Role role, TrackerConfig config, String principal) {
        Topics t = Topics.of(config);
        String app = config.applicationId();
        String alerts = app + "-alerts";
        Acls a = new Acls(principal);
        switch (role) {
            case ADMIN -> {
                for (Topic<String, ?> topic : t.all()) {
                    a.topic(
                            topic.name(),
                            AclOperation.CREATE,
                            AclOperation.DESCRIBE,
                            AclOperation.DESCRIBE_CONFIGS,
                            AclOperation.ALTER_CONFIGS);
                }
            }
            case PRODUCER -> inputs(a, t, AclOperation.WRITE, AclOperation.DESCRIBE);
            case WATCH -> {
                inputs(a, t, AclOperation.WRITE, AclOperation.DESCRIBE);
                a.topic(t.sourceRevisions().name(), AclOperation.WRITE, AclOperation.DESCRIBE);
                a.topic(t.sourceState().name(), AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE);
                a.add(ResourceType.TRANSACTIONAL_ID, app + "-watch", PatternType.LITERAL, AclOperation.WRITE);
                a.add(ResourceType.TRANSACTIONAL_ID, app + "-watch", PatternType.LITERAL, AclOperation.DESCRIBE);
            }
            case STREAMS -> {
                inputs(a, t, AclOperation.READ, AclOperation.DESCRIBE);
                for (Topic<String, ?> out : List.of(t.scalingFits(), t.gapEstimates(), t.deadLetters())) {
                    a.topic(out.name(), AclOperation.WRITE, AclOperation.DESCRIBE);
                }
                // The page shows the alerts and the sources' revisions, read without a group.
                a.topic(t.gapAlerts().name(), AclOperation.READ, AclOperation.DESCRIBE);
                a.topic(t.sourceRevisions().name(), AclOperation.READ, AclOperation.DESCRIBE);
                streamsApplication(a, app);
                // The prefixes above also match the alert evaluator's topics and transactions and the
                // watcher's transactional id: not this principal's. (Its group is literal: no deny needed.)
                a.deny(ResourceType.TOPIC, alerts, PatternType.PREFIXED);
                a.deny(ResourceType.TRANSACTIONAL_ID, alerts, PatternType.PREFIXED);
                a.deny(ResourceType.TRANSACTIONAL_ID, app + "-watch", PatternType.LITERAL);
            }
            case CONSUMERS -> {
                a.topic(t.gapEstimates().name(), AclOperation.READ, AclOperation.DESCRIBE);
                a.topic(t.scalingFits().name(), AclOperation.READ, AclOperation.DESCRIBE);
                a.topic(t.gapAlerts().name(), AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE);
                streamsApplication(a, alerts);
                a.add(ResourceType.GROUP, app + "-notify-", PatternType.PREFIXED, AclOperation.READ);
                a.add(ResourceType.GROUP, app + "-notify-", PatternType.PREFIXED, AclOperation.DESCRIBE);
            }
            default -> throw new IllegalArgumentException("unknown role " + role);
        }
        return a.bindings;
    }

    /**
     * A Kafka Streams application's own resources: its group, its internal topics (changelogs,
     * repartition topics) and its transactional ids ({@code <application.id>-<process>-<thread>}).
     */
    private static void streamsApplication(Acls a, String applicationId) {
        a.add(ResourceType.GROUP, applicationId, PatternType.LITERAL, AclOperation.READ);
        a.add(ResourceType.GROUP, applicationId, PatternType.LITERAL, AclOperation.DESCRIBE);
        a.add(ResourceType.TOPIC, applicationId + "-", PatternType.PREFIXED, AclOperation.ALL);
        a.add(ResourceType.TRANSACTIONAL_ID, applicationId + "-", PatternType.PREFIXED, AclOperation.WRITE);
        a.add(ResourceType.TRANSACTIONAL_ID, applicationId + "-", PatternType.PREFIXED, AclOperation.DESCRIBE);
    }

    private static void inputs(Acls a, Topics t, AclOperation... ops) {
        for (InputType type : InputType.values()) {
            a.topic(t.input(type).name(), ops);
        }
    }

    /** Collects bindings for one principal, from any host. */
    private static final class Acls {
        private final String principal;
        private final List<AclBinding> bindings = new ArrayList<>();

        Acls(String principal) {
            this.principal = principal;
        }

        void topic(String name, AclOperation... ops) {
            for (AclOperation op : ops) {
                add(ResourceType.TOPIC, name, PatternType.LITERAL, op);
            }
        }

        void add(ResourceType type, String name, PatternType pattern, AclOperation op) {
            bindings.add(new AclBinding(
                    new ResourcePattern(type, name, pattern),
                    new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW)));
        }

        void deny(ResourceType type, String name, PatternType pattern) {
            bindings.add(new AclBinding(
                    new ResourcePattern(type, name, pattern),
                    new AccessControlEntry(principal, "*", AclOperation.ALL, AclPermissionType.DENY)));
        }
    }
}
