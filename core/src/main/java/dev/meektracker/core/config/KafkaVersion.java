package dev.meektracker.core.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * The version of the Kafka client library on the class path, as it states it in its own jar
 * ({@code kafka/kafka-version.properties}). Kafka's AppInfoParser reads the same file, but moved to
 * an internal package in 4.4: the file is the stable part.
 */
public final class KafkaVersion {

    private static final String VERSION = read();

    private KafkaVersion() {}

    /** The clients' version, such as {@code 4.4.0}; "unknown" when their jar does not state one. */
    public static String get() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = KafkaProducer.class.getResourceAsStream("/kafka/kafka-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown").trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
