package dev.meektracker.consumers.notify;

import dev.meektracker.consumers.alerts.GapAlert;
import java.util.Locale;
import java.util.function.Consumer;

/** Writes each transition as one line: to the console in the demo, to the log elsewhere. */
public final class LogSink implements Sink {

    private final Consumer<String> out;

    public LogSink(Consumer<String> out) {
        this.out = out;
    }

    @Override
    public String name() {
        return "log";
    }

    @Override
    public String type() {
        return "log";
    }

    @Override
    public void deliver(GapAlert a) {
        out.accept(format(a));
    }

    @Override
    public String toString() {
        return "log";
    }

    public static String format(GapAlert a) {
        return String.format(
                Locale.ROOT,
                "%s  ALERT %-8s %-32s %s  [%s]",
                a.asOf(),
                a.status(),
                a.labels().get("rule"),
                a.annotations().get("summary"),
                a.fingerprint());
    }
}
