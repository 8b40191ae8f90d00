package dev.meektracker.core.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Jackson serde for one event type. Records carry their logical type name in {@code _t}; the
 * deserializer fails with a {@link SerializationException} naming the problem; the topology reads
 * inputs as bytes and deserializes them in its validator, which turns that failure into a dead letter.
 */
public final class JsonSerde<T> implements Serde<T> {

    private final Class<T> type;
    private final ObjectReader reader;
    private final ObjectWriter writer;

    public JsonSerde(Class<T> type) {
        this.type = type;
        this.reader = Json.MAPPER.readerFor(type);
        this.writer = Json.MAPPER.writerFor(type);
    }

    public static <T> JsonSerde<T> of(Class<T> type) {
        return new JsonSerde<>(type);
    }

    public Class<T> type() {
        return type;
    }

    /**
     * The streams processor writes each output it publishes three times: to its history store, to the
     * fits or gaps store and to its topic, each through its own serde. Tracker events are immutable
     * records and every writer of one writes the same bytes (the type name comes from
     * {@link dev.meektracker.core.event.TrackerEvent}'s own type annotation, whatever the serde's
     * declared type; JsonSerdeTest checks it), so the last events written keep their bytes for the
     * next write of the same instance. Nobody writes into serialized bytes (Kafka's producer and
     * stores only read them).
     */
    private static final int RECENT = 64;

    private static final Object[] recentValues = new Object[RECENT];
    private static final byte[][] recentBytes = new byte[RECENT][];
    private static int next;

    private static byte[] recent(Object value) {
        synchronized (recentValues) {
            for (int i = 0; i < RECENT; i++) {
                if (recentValues[i] == value) {
                    return recentBytes[i];
                }
            }
            return null;
        }
    }

    private static void remember(Object value, byte[] bytes) {
        synchronized (recentValues) {
            recentValues[next] = value;
            recentBytes[next] = bytes;
            next = (next + 1) % RECENT;
        }
    }

    public byte[] toBytes(T value) {
        if (value == null) {
            return null;
        }
        // Outputs only: inputs are written once each, and a replay's thousands would crowd them out.
        boolean event = value instanceof dev.meektracker.core.event.TrackerEvent
                && !(value instanceof dev.meektracker.core.event.InputEvent);
        byte[] known = event ? recent(value) : null;
        if (known != null) {
            return known;
        }
        try {
            byte[] bytes = writer.writeValueAsBytes(value);
            if (event) {
                remember(value, bytes);
            }
            return bytes;
        } catch (JsonProcessingException e) {
            throw new SerializationException("cannot write " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    public T fromBytes(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        String notAnObject = Reasons.notAnObject(bytes);
        if (notAnObject != null) {
            throw new SerializationException("not a valid " + type.getSimpleName() + ": " + notAnObject);
        }
        try {
            return reader.readValue(bytes);
        } catch (IOException e) {
            throw new SerializationException("not a valid " + type.getSimpleName() + ": " + Reasons.of(e), e);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, data) -> toBytes(data);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, data) -> fromBytes(data);
    }
}
