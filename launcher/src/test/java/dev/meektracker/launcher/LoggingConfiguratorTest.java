package dev.meektracker.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.core.ConsoleAppender;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoggingConfiguratorTest {

    private static LoggerContext configured(Map<String, String> env, ExecutionStatus expected) {
        LoggerContext context = new LoggerContext();
        LoggingConfigurator c = new LoggingConfigurator(env::get, () -> false);
        c.setContext(context);
        assertThat(c.configure(context)).isEqualTo(expected);
        return context;
    }

    @Test
    void logsWarningsToStandardErrorWithKafkaQuieter() {
        LoggerContext context = configured(Map.of(), ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        ch.qos.logback.classic.Logger root = context.getLogger("ROOT");
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        ConsoleAppender<?> stderr = (ConsoleAppender<?>) root.getAppender("STDERR");
        assertThat(stderr.getTarget()).isEqualTo("System.err");
        assertThat(stderr.isStarted()).isTrue();
        assertThat(((PatternLayoutEncoder) stderr.getEncoder()).getPattern()).isEqualTo(LoggingConfigurator.PATTERN);
        assertThat(context.getLogger("org.apache.kafka.streams.KafkaStreams").getEffectiveLevel())
                .isEqualTo(Level.ERROR);
        assertThat(context.getLogger("kafka.server.BrokerServer").getEffectiveLevel())
                .isEqualTo(Level.ERROR);
        assertThat(context.getLogger("org.apache.kafka.clients.NetworkClient").getEffectiveLevel())
                .isEqualTo(Level.OFF);
        assertThat(context.getLogger("dev.meektracker.streams.GapTrackerProcessor")
                        .getEffectiveLevel())
                .isEqualTo(Level.WARN);
    }

    @Test
    void theBrokersRetriedAppendRefusalIsKeptOutAtKafkasDefaultLevelAndOtherErrorsAreNot() {
        LoggerContext context = configured(Map.of(), ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> seen =
                new ch.qos.logback.core.read.ListAppender<>();
        seen.setContext(context);
        seen.start();
        context.getLogger("ROOT").addAppender(seen);
        org.slf4j.Logger replicas = context.getLogger(RetriedAppendFilter.LOGGER);
        // The message Kafka 4.x's ReplicaManager logs, as the bench's exactly-once runs showed it.
        var retried = new org.apache.kafka.common.errors.OutOfOrderSequenceException(
                "Invalid sequence number for producer 43 at offset 513 in partition t-0: 11 (incoming seq."
                        + " number). Expected sequence 0 for transactions v2 idempotent producer with no existing"
                        + " state.");
        replicas.error("Error processing append operation on partition t-0", retried);
        replicas.error("Error processing append operation on partition {}", "t-0", retried);
        var real = new org.apache.kafka.common.errors.OutOfOrderSequenceException(
                "Out of order sequence number for producer 7 at offset 9 in partition t-0: 51 (incoming seq."
                        + " number), 49 (current end sequence number)");
        replicas.error("Error processing append operation on partition t-0", real);
        context.getLogger("kafka.server.KafkaApis").error("elsewhere", retried);
        assertThat(seen.list)
                .extracting(
                        e -> e.getLoggerName() + ": " + e.getThrowableProxy().getMessage())
                .containsExactly(
                        RetriedAppendFilter.LOGGER + ": " + real.getMessage(),
                        "kafka.server.KafkaApis: " + retried.getMessage());

        LoggerContext detailed =
                configured(Map.of("MEEK_LOG_LEVEL_KAFKA", "INFO"), ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> all =
                new ch.qos.logback.core.read.ListAppender<>();
        all.setContext(detailed);
        all.start();
        detailed.getLogger("ROOT").addAppender(all);
        detailed.getLogger(RetriedAppendFilter.LOGGER).error("Error processing append operation", retried);
        assertThat(all.list).hasSize(1);
    }

    @Test
    void levelsComeFromTheEnvironmentAndAnUnknownOneFallsBack() {
        LoggerContext context = configured(
                Map.of("MEEK_LOG_LEVEL", " debug ", "MEEK_LOG_LEVEL_KAFKA", "INFO"),
                ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger("dev.meektracker.x").getEffectiveLevel()).isEqualTo(Level.DEBUG);
        assertThat(context.getLogger("org.apache.kafka.x").getEffectiveLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("kafka.x").getEffectiveLevel()).isEqualTo(Level.INFO);

        LoggerContext loud = configured(
                Map.of("MEEK_LOG_LEVEL", "LOUD", "MEEK_LOG_LEVEL_KAFKA", ""),
                ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        assertThat(loud.getLogger("dev.meektracker.x").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(loud.getLogger("org.apache.kafka.x").getEffectiveLevel()).isEqualTo(Level.ERROR);
    }

    @Test
    void aConfigurationOfTheUsersOwnWins() {
        LoggerContext context = new LoggerContext();
        LoggingConfigurator c = new LoggingConfigurator(k -> null, () -> true);
        c.setContext(context);
        assertThat(c.configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger("ROOT").iteratorForAppenders().hasNext()).isFalse();
    }
}
