package dev.meektracker.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meektracker.core.config.Settings;
import dev.meektracker.core.config.TrackerConfig;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The pass-through baseline writes with the topology's producer settings, or with lz4 as first built. */
class PassThroughBenchTest {

    private static final TrackerConfig BROKER =
            TrackerConfig.defaults().with(Settings.BOOTSTRAP_SERVERS, "127.0.0.1:9092");

    @Test
    void likeTheTopologyTakesKafkaStreamsProducerSettingsAndTheUsersOwn() {
        Properties plain = PassThroughBench.producerSettings(BROKER, PassThroughBench.Writes.LIKE_TOPOLOGY, "b");
        // Kafka Streams' own producer defaults (no compression, its 100 ms linger), not the loop's lz4.
        assertThat(plain.get("compression.type")).isNull();
        assertThat(plain.get("linger.ms")).hasToString("100");
        assertThat(plain.get("transactional.id")).isEqualTo("b-tx");

        Properties tuned = PassThroughBench.producerSettings(
                BROKER.with("producer.compression.type", "zstd"), PassThroughBench.Writes.LIKE_TOPOLOGY, "b");
        assertThat(tuned.get("compression.type")).isEqualTo("zstd");
    }

    @Test
    void zerosAreCompressedWithLz4() {
        Properties zeros = PassThroughBench.producerSettings(BROKER, PassThroughBench.Writes.ZEROS_LZ4, "b");
        assertThat(zeros.get("compression.type")).isEqualTo("lz4");
        assertThat(zeros.get("transactional.id")).isEqualTo("b-tx");
    }
}
