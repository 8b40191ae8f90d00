package dev.meektracker.core.validate;

/** One reason an event was rejected: the field at fault and what is wrong with it. */
public record Violation(String field, String reason) {

    @Override
    public String toString() {
        return field + ": " + reason;
    }
}
