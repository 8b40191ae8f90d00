package dev.meektracker.streams;

import dev.meektracker.core.event.DeadLetter;
import dev.meektracker.core.event.InputEvent;
import dev.meektracker.core.event.InputType;
import dev.meektracker.core.validate.EventValidator;
import dev.meektracker.core.validate.Violation;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one input topic's raw bytes and forwards either a validated {@link Envelope} or a
 * {@link DeadLetter} naming the field and reason. Deserialization happens here, not in the source,
 * so that broken JSON is a dead letter like any other invalid record and never stops the topology.
 */
final class InputValidator implements Processor<String, byte[], String, Object> {

    private static final Logger LOG = LoggerFactory.getLogger(InputValidator.class);

    private final InputType type;
    private final EventValidator validator;
    private final TrackerMetrics metrics;
    private ProcessorContext<String, Object> context;

    InputValidator(InputType type, EventValidator validator, TrackerMetrics metrics) {
        this.type = type;
        this.validator = validator;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        RecordMetadata meta = context.recordMetadata().orElseThrow();
        String typeName = type.wire();
        if (record.value() == null) {
            if (record.key() == null) {
                deadLetter(
                        record,
                        meta,
                        TrackerMetrics.DESERIALIZATION,
                        "a tombstone needs a key: the id of the item to delete");
                return;
            }
            String keyProblem = type.keyProblem(record.key());
            if (keyProblem != null) {
                deadLetter(record, meta, TrackerMetrics.VALIDATION, "tombstone key: " + keyProblem);
                return;
            }
            metrics.accepted(typeName);
            context.forward(record.withValue(
                    new Envelope(type, record.key(), null, meta.topic(), meta.partition(), meta.offset())));
            return;
        }
        InputEvent event;
        try {
            event = type.serde().fromBytes(record.value());
        } catch (RuntimeException e) {
            deadLetter(record, meta, TrackerMetrics.DESERIALIZATION, e.getMessage());
            return;
        }
        if (event == null) {
            deadLetter(record, meta, TrackerMetrics.DESERIALIZATION, "the value is JSON null");
            return;
        }
        List<Violation> violations = validator.validate(event);
        if (!violations.isEmpty()) {
            deadLetter(record, meta, TrackerMetrics.VALIDATION, EventValidator.describe(violations));
            return;
        }
        metrics.accepted(typeName);
        // Re-keyed by the event's own stable id: the id inside the event is the one that counts.
        context.forward(record.withKey(event.key())
                .withValue(new Envelope(
                        type, event.key(), event, meta.topic(), meta.partition(), meta.offset(), record.value())));
    }

    private void deadLetter(Record<String, byte[]> record, RecordMetadata meta, String category, String reason) {
        metrics.deadLettered(category);
        LOG.warn("dead-lettering {}-{}@{}: {}", meta.topic(), meta.partition(), meta.offset(), reason);
        DeadLetter dl = new DeadLetter(
                reason,
                category,
                meta.topic(),
                meta.partition(),
                meta.offset(),
                record.key(),
                payload(record.value()),
                Instant.ofEpochMilli(context.currentSystemTimeMs()));
        context.forward(record.withKey(dl.key()).withValue(dl));
    }

    /** The payload as text, or base64 when it is not UTF-8. */
    static String payload(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return "base64:" + Base64.getEncoder().encodeToString(bytes);
        }
    }
}
