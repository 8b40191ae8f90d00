package dev.meektracker.core.topic;

import java.util.Map;
import org.apache.kafka.common.serialization.Serde;

/**
 * A topic bound to its key and value serdes and to the settings it is created with.
 *
 * @param name       full name, prefix included
 * @param keySerde   serde of the key (always a string id in this tracker)
 * @param valueSerde serde of the value
 * @param partitions partitions when created
 * @param configs    topic configs when created (cleanup policy, retention)
 */
public record Topic<K, V>(
        String name, Serde<K> keySerde, Serde<V> valueSerde, int partitions, Map<String, String> configs) {}
