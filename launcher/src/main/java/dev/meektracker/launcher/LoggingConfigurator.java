package dev.meektracker.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The tracker's logging, set up in code rather than from a {@code logback.xml}: Logback's XML
 * configurator took 190 ms of every command's start (110 ms more than this, with the class-data
 * archive), on the main thread before anything else runs. Logs go to standard error, so that
 * standard output carries only results (tables, CSV, JSON reports); {@code MEEK_LOG_LEVEL} sets the
 * tracker's level (WARN), {@code MEEK_LOG_LEVEL_KAFKA} Kafka's (ERROR).
 *
 * <p>A configuration of the user's own ({@code -Dlogback.configurationFile=FILE}) or a test's
 * {@code logback-test.xml} wins: this configurator then leaves the work to Logback's own.
 */
public final class LoggingConfigurator extends ContextAwareBase implements Configurator {

    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n";

    private final Function<String, String> env;
    private final BooleanSupplier otherConfiguration;

    public LoggingConfigurator() {
        this(
                System::getenv,
                () -> System.getProperty("logback.configurationFile") != null
                        || LoggingConfigurator.class.getClassLoader().getResource("logback-test.xml") != null);
    }

    LoggingConfigurator(Function<String, String> env, BooleanSupplier otherConfiguration) {
        this.env = env;
        this.otherConfiguration = otherConfiguration;
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (otherConfiguration.getAsBoolean()) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        levels().forEach((name, level) -> context.getLogger(name).setLevel(level));
        RetriedAppendFilter retried = new RetriedAppendFilter(kafkaLevel());
        retried.setContext(context);
        retried.start();
        context.addTurboFilter(retried);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** The levels below the root's: Kafka's and the tracker's from the environment, two noisy loggers muted. */
    Map<String, Level> levels() {
        Level kafka = kafkaLevel();
        return Map.of(
                "org.apache.kafka",
                kafka,
                "kafka",
                kafka,
                // Every partition's leadership change at INFO, even on one node.
                "state.change.logger",
                Level.ERROR,
                // Connection attempts to a broker that is still starting or already gone.
                "org.apache.kafka.clients.NetworkClient",
                Level.OFF,
                "dev.meektracker",
                level("MEEK_LOG_LEVEL", Level.WARN));
    }

    private Level kafkaLevel() {
        return level("MEEK_LOG_LEVEL_KAFKA", Level.ERROR);
    }

    /** A level from the environment; a value Logback does not know falls back to the default. */
    private Level level(String variable, Level fallback) {
        String value = env.apply(variable);
        return value == null || value.isBlank() ? fallback : Level.toLevel(value.trim(), fallback);
    }
}
