package dev.meektracker.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.slf4j.Marker;

/**
 * Keeps one broker error that is not an error out of the embedded broker's log at Kafka's default
 * level. With transactions v2 a producer's first batches of a transaction may reach a partition
 * while the first one is still being verified; the broker then refuses any sequence but 0 for a
 * producer it holds no state for and the producer retries the batch (KAFKA-18202 made this a
 * retriable {@link OutOfOrderSequenceException}). Kafka's ReplicaManager logs each refusal at ERROR
 * with its stack trace: a dozen in a busy exactly-once run of {@code bench}, with nothing lost.
 * With Kafka's level at INFO or finer ({@code MEEK_LOG_LEVEL_KAFKA}) they are shown as Kafka logs them.
 */
final class RetriedAppendFilter extends TurboFilter {

    static final String LOGGER = "kafka.server.ReplicaManager";
    static final String RETRIED = "for transactions v2 idempotent producer with no existing state";

    private final Level kafkaLevel;

    RetriedAppendFilter(Level kafkaLevel) {
        this.kafkaLevel = kafkaLevel;
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (kafkaLevel.isGreaterOrEqual(Level.WARN) && logger != null && LOGGER.equals(logger.getName())) {
            Throwable thrown = t != null
                    ? t
                    : params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last
                            ? last
                            : null;
            if (thrown instanceof OutOfOrderSequenceException
                    && thrown.getMessage() != null
                    && thrown.getMessage().contains(RETRIED)) {
                return FilterReply.DENY;
            }
        }
        return FilterReply.NEUTRAL;
    }
}
