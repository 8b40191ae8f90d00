package dev.meektracker.streams;

import dev.meektracker.core.config.Settings;
import dev.meektracker.core.config.TrackerConfig;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;

/**
 * When the gap processor publishes its outputs. Event time: when an event opens a later {@code
 * checkpoint} period than any seen before, the state at the end of the period left (fits, gaps,
 * lags, projections) is published first. Wall clock: changed outputs every {@code emit}, dirty
 * projections every {@code deferred}, dirty sigmoids every {@code sigmoid}; but while history is
 * replayed (the latest event is dated before the wall clock's own checkpoint period) only once no
 * event has come for {@code idle}, so what is published of history, and what the alert rules see of
 * it, is a function of the inputs, not of the replay's speed. A zero {@code idle} turns that off.
 */
record EmitSettings(Duration emit, Duration deferred, Duration sigmoid, Checkpoint checkpoint, Duration idle) {

    /** The event-time periods whose ends are always published. */
    enum Checkpoint {
        NONE,
        DAY,
        MONTH,
        YEAR;

        /** The first day of the period holding {@code date}; null for NONE. */
        LocalDate periodOf(LocalDate date) {
            return switch (this) {
                case NONE -> null;
                case DAY -> date;
                case MONTH -> date.withDayOfMonth(1);
                case YEAR -> date.withDayOfYear(1);
            };
        }
    }

    static EmitSettings from(TrackerConfig config) {
        return new EmitSettings(
                config.millis(Settings.EMIT_INTERVAL_MS),
                config.millis(Settings.DEFERRED_INTERVAL_MS),
                config.millis(Settings.SIGMOID_INTERVAL_MS),
                Checkpoint.valueOf(config.string(Settings.EMIT_CHECKPOINT).toUpperCase(Locale.ROOT)),
                config.millis(Settings.EMIT_IDLE_MS));
    }
}
