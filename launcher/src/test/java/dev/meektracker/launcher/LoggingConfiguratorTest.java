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
