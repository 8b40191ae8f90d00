package dev.meektracker.producers.importer;

import dev.meektracker.core.event.InputEvent;
import dev.meektracker.core.validate.EventValidator;
import dev.meektracker.core.validate.Violation;
import java.util.List;

/** Shared steps of every importer: validate each event, keep the valid ones, explain the rest. */
abstract class Importer {

    protected final EventValidator validator;

    Importer(EventValidator validator) {
        this.validator = validator;
    }

    /** Validates and either accepts or rejects one event from {@code file} at {@code line}. */
    protected boolean offer(ImportResult result, String file, long line, InputEvent event) {
        List<Violation> violations = validator.validate(event);
        if (violations.isEmpty()) {
            return true;
        }
        for (Violation v : violations) {
            result.reject(new Rejection(file, line, v.field(), v.reason()));
        }
        return false;
    }
}
