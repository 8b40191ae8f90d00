package dev.meektracker.launcher;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The names a Kafka client property may have in the tracker's configuration: any producer, consumer,
 * admin or Kafka Streams property, or one of them behind a Kafka Streams client prefix
 * ({@code producer.}, {@code main.consumer.}, ...), or a topic config behind {@code topic.}.
 */
final class KafkaProperties {

    private static final Set<String> PRODUCER = ProducerConfig.configNames();
    private static final Set<String> CONSUMER = ConsumerConfig.configNames();
    private static final Set<String> ADMIN = AdminClientConfig.configNames();
    private static final Set<String> ANY = new HashSet<>();
    private static final Map<String, Set<String>> PREFIXED = Map.of(
            StreamsConfig.PRODUCER_PREFIX, PRODUCER,
            StreamsConfig.CONSUMER_PREFIX, CONSUMER,
            StreamsConfig.MAIN_CONSUMER_PREFIX, CONSUMER,
            StreamsConfig.RESTORE_CONSUMER_PREFIX, CONSUMER,
            StreamsConfig.GLOBAL_CONSUMER_PREFIX, CONSUMER,
            StreamsConfig.ADMIN_CLIENT_PREFIX, ADMIN);

    static {
        ANY.addAll(PRODUCER);
        ANY.addAll(CONSUMER);
        ANY.addAll(ADMIN);
        ANY.addAll(StreamsConfig.configDef().names());
    }

    private KafkaProperties() {}

    static boolean isKnown(String name) {
        if (ANY.contains(name) || name.startsWith(StreamsConfig.TOPIC_PREFIX)) {
            return true;
        }
        for (Map.Entry<String, Set<String>> p : PREFIXED.entrySet()) {
            if (name.startsWith(p.getKey())
                    && p.getValue().contains(name.substring(p.getKey().length()))) {
                return true;
            }
        }
        return false;
    }
}
