package dev.meektracker.producers;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/** The same publish contract on Kafka in a container, the official image at the same version; skipped without Docker. */
@Testcontainers(disabledWithoutDocker = true)
class ContainerPublishIT extends PublishContract {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.4.0");

    @Override
    String bootstrapServers() {
        return KAFKA.getBootstrapServers();
    }
}
