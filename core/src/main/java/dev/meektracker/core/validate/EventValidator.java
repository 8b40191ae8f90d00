package dev.meektracker.core.validate;

import dev.meektracker.core.event.BenchmarkResult;
import dev.meektracker.core.event.HardwarePrice;
import dev.meektracker.core.event.InputEvent;
import dev.meektracker.core.event.ModelRelease;
import dev.meektracker.core.serde.Reasons;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The rules every incoming event must pass, shared by the producers (which report rejected rows)
 * and the topology (which dead-letters rejected records), so both reject for the same reasons.
 */
public final class EventValidator {

    /**
     * Training compute is a count of operations, so at least one: Epoch's data reach down to Theseus
     * (1950, 40 FLOP) and ADALINE (1960, 6,600 FLOP). An earlier floor of 1e10 FLOP rejected 26 of
     * its real models, all before 2009.
     */
    public static final double MIN_COMPUTE_FLOP = 1;

    /** Below this a count of operations with a fraction is read as a log10 value sent as FLOP. */
    static final double WHOLE_COMPUTE_BELOW_FLOP = 1e3;

    public static final double MAX_COMPUTE_FLOP = 1e30;
    public static final double MIN_FLOP_PER_SECOND = 1e6;
    public static final double MAX_FLOP_PER_SECOND = 1e19;
    public static final LocalDate EARLIEST_DATE = LocalDate.of(1950, 1, 1);

    private final Clock clock;
    private final Duration maxFutureSkew;

    /**
     * @param clock         what "now" is
     * @param maxFutureSkew how far past now a date may lie (time zones, announced releases)
     */
    public EventValidator(Clock clock, Duration maxFutureSkew) {
        this.clock = clock;
        this.maxFutureSkew = maxFutureSkew;
    }

    public static EventValidator systemDefault() {
        return new EventValidator(Clock.systemUTC(), Duration.ofDays(2));
    }

    public List<Violation> validate(InputEvent event) {
        if (event == null) {
            return List.of(new Violation("value", "expected a JSON object, got null"));
        }
        return switch (event.inputType()) {
            case MODEL_RELEASE -> validate((ModelRelease) event);
            case HARDWARE_PRICE -> validate((HardwarePrice) event);
            case BENCHMARK_RESULT -> validate((BenchmarkResult) event);
        };
    }

    public List<Violation> validate(ModelRelease m) {
        List<Violation> v = new ArrayList<>();
        id(v, "id", m.id());
        required(v, "name", m.name());
        date(v, "releaseDate", m.releaseDate());
        if (m.weights() == null) {
            v.add(new Violation("weights", "required: open, closed or unknown"));
        }
        compute(v, "trainingComputeFlop", m.trainingComputeFlop());
        positive(v, "parameters", m.parameters(), "parameters");
        positive(v, "trainingTokens", m.trainingTokens(), "tokens");
        positive(v, "trainingCostUsd", m.trainingCostUsd(), "USD");
        // Beyond these a figure is a unit slip or garbage (Epoch's largest: 1e14 parameters, 8e14
        // datapoints, 3.9e8 USD); the bounds leave two orders of magnitude and more above them.
        atMost(v, "parameters", m.parameters(), MAX_PARAMETERS, "parameters");
        atMost(v, "trainingTokens", m.trainingTokens(), MAX_TOKENS, "tokens");
        atMost(v, "trainingCostUsd", m.trainingCostUsd(), MAX_TRAINING_COST_USD, "USD");
        text(v, "organization", m.organization());
        text(v, "accessibility", m.accessibility());
        text(v, "computeConfidence", m.computeConfidence());
        text(v, "source", m.source());
        text(v, "provenance", m.provenance());
        return v;
    }

    public List<Violation> validate(HardwarePrice h) {
        List<Violation> v = new ArrayList<>();
        id(v, "id", h.id());
        required(v, "name", h.name());
        date(v, "date", h.date());
        positive(v, "purchasePriceUsd", h.purchasePriceUsd(), "USD");
        positive(v, "rentalPriceUsdPerHour", h.rentalPriceUsdPerHour(), "USD/hour");
        // A price beyond these is a unit slip or garbage, and would move the hardware trend by orders of magnitude.
        atMost(v, "purchasePriceUsd", h.purchasePriceUsd(), MAX_PURCHASE_USD, "USD");
        atMost(v, "rentalPriceUsdPerHour", h.rentalPriceUsdPerHour(), MAX_RENTAL_USD_PER_HOUR, "USD/hour");
        if (h.purchasePriceUsd() == null && h.rentalPriceUsdPerHour() == null) {
            v.add(new Violation("purchasePriceUsd", "a purchase price (USD) or a rental price (USD/hour) is required"));
        }
        text(v, "manufacturer", h.manufacturer());
        text(v, "source", h.source());
        text(v, "provenance", h.provenance());
        if (h.flopPerSecond().isEmpty()) {
            v.add(new Violation("flopPerSecond", "at least one precision's FLOP/s is required"));
        }
        h.flopPerSecond().forEach((precision, flops) -> {
            String field = "flopPerSecond." + precision.wire();
            if (flops == null || !Double.isFinite(flops)) {
                v.add(new Violation(field, "must be a finite number, not " + flops));
            } else if (flops < MIN_FLOP_PER_SECOND || flops > MAX_FLOP_PER_SECOND) {
                v.add(new Violation(
                        field,
                        String.format(
                                "%.3g FLOP/s is outside the plausible range %.0e to %.0e FLOP/s",
                                flops, MIN_FLOP_PER_SECOND, MAX_FLOP_PER_SECOND)));
            }
        });
        return v;
    }

    public List<Violation> validate(BenchmarkResult b) {
        List<Violation> v = new ArrayList<>();
        id(v, "modelId", b.modelId());
        id(v, "benchmarkId", b.benchmarkId());
        date(v, "date", b.date());
        if (b.weights() == null) {
            v.add(new Violation("weights", "required: open, closed or unknown"));
        }
        if (b.scale() == null) {
            v.add(new Violation("scale", "required: fraction, percent, elo, index or minutes"));
        }
        if (b.observedOn() != null) {
            date(v, "observedOn", b.observedOn());
        }
        if (b.scoreStdErr() != null && !(b.scoreStdErr() >= 0 && Double.isFinite(b.scoreStdErr()))) {
            v.add(new Violation("scoreStdErr", "must be a finite number, zero or more, not " + b.scoreStdErr()));
        }
        if (b.score() == null) {
            v.add(new Violation("score", "required"));
        } else if (!Double.isFinite(b.score())) {
            v.add(new Violation("score", "must be a finite number, not " + b.score()));
        } else if (b.scale() != null
                && (b.score() < b.scale().min() || b.score() > b.scale().max())) {
            v.add(new Violation(
                    "score",
                    String.format(
                            "%s is outside the %s scale (%s to %s)",
                            fmt(b.score()),
                            b.scale().wire(),
                            fmt(b.scale().min()),
                            fmt(b.scale().max()))));
        }
        compute(v, "trainingComputeFlop", b.trainingComputeFlop());
        text(v, "modelName", b.modelName());
        text(v, "organization", b.organization());
        text(v, "source", b.source());
        text(v, "provenance", b.provenance());
        return v;
    }

    /** The violations as one line, the form used in dead letters and import reports. */
    public static String describe(List<Violation> violations) {
        return violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
    }

    /** The first violation's field with its reason class, for counting rejections by reason. */
    public static Map.Entry<String, String> headline(List<Violation> violations) {
        Violation first = violations.get(0);
        return Map.entry(first.field(), first.reason());
    }

    /** The longest id and the longest text an event may carry: a model name is never a megabyte. */
    static final int MAX_ID = 500;

    static final int MAX_TEXT = 5000;

    static final double MAX_PARAMETERS = 1e16;

    static final double MAX_TOKENS = 1e18;

    static final double MAX_TRAINING_COST_USD = 1e12;

    private void required(List<Violation> v, String field, String value) {
        if (value == null || value.isBlank()) {
            v.add(new Violation(field, "required"));
        } else {
            text(v, field, value);
        }
    }

    /**
     * An optional text: at most {@link #MAX_TEXT} characters, and no control characters but tab, line
     * feed and carriage return (Epoch's names and organizations have line breaks). A NUL, an escape
     * (a terminal's colours and cursor moves, in an alert printed to a console) or a C1 control is
     * never part of a name or a source.
     */
    private void text(List<Violation> v, String field, String value) {
        if (value == null) {
            return;
        }
        if (value.length() > MAX_TEXT) {
            v.add(new Violation(field, "at most " + MAX_TEXT + " characters, not " + value.length()));
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F)) {
                v.add(new Violation(
                        field,
                        String.format(
                                "has a control character, U+%04X, at character %d: only tab, line feed and"
                                        + " carriage return may be in a text",
                                (int) c, i + 1)));
                return;
            }
        }
    }

    private void id(List<Violation> v, String field, String value) {
        if (value == null || value.isBlank()) {
            v.add(new Violation(field, "required"));
        } else if (value.length() > MAX_ID) {
            v.add(new Violation(field, "an id has at most " + MAX_ID + " characters, not " + value.length()));
        } else if (!stableId(value)) {
            v.add(new Violation(
                    field,
                    "'" + Reasons.cut(value) + "' is not a stable id (lower-case letters, digits and . _ : + / -)"));
        }
    }

    /**
     * Whether {@code s} matches {@code [a-z0-9][a-z0-9._:+/-]*}: a lower-case letter or digit, then
     * those and {@code . _ : + / -}. Checked character by character rather than by a regex: every
     * input event has one or two ids, and the matcher showed in the stream thread's profile.
     */
    public static boolean stableId(String s) {
        if (s.isEmpty() || !letterOrDigit(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!letterOrDigit(c) && c != '.' && c != '_' && c != ':' && c != '+' && c != '/' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean letterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private void date(List<Violation> v, String field, LocalDate date) {
        if (date == null) {
            v.add(new Violation(field, "required (ISO date, YYYY-MM-DD)"));
            return;
        }
        LocalDate latest = LocalDate.ofInstant(clock.instant().plus(maxFutureSkew), ZoneOffset.UTC);
        if (date.isAfter(latest)) {
            v.add(new Violation(field, date + " is in the future (latest allowed " + latest + ")"));
        } else if (date.isBefore(EARLIEST_DATE)) {
            v.add(new Violation(field, date + " is before " + EARLIEST_DATE));
        }
    }

    private void compute(List<Violation> v, String field, Double flop) {
        if (flop == null) {
            return;
        }
        if (!Double.isFinite(flop)) {
            v.add(new Violation(field, "must be a finite number, not " + flop));
        } else if (flop < MIN_COMPUTE_FLOP || flop > MAX_COMPUTE_FLOP) {
            v.add(new Violation(
                    field, String.format("%s FLOP is outside the plausible range 1 to 1e30 FLOP", fmt(flop))));
        } else if (flop < WHOLE_COMPUTE_BELOW_FLOP && flop != Math.rint(flop)) {
            // 25.3 "FLOP" is log10 of a model's compute, not a count of operations: taken as FLOP it
            // would be the smallest model ever trained and move no gap, silently.
            v.add(new Violation(
                    field,
                    fmt(flop) + " FLOP is no whole number of operations: send training compute in FLOP (e.g. 2e25),"
                            + " not its log10"));
        }
    }

    /** A price no single accelerator or accelerator system has had: a billion USD, or a million USD an hour. */
    static final double MAX_PURCHASE_USD = 1e9;

    static final double MAX_RENTAL_USD_PER_HOUR = 1e6;

    private void atMost(List<Violation> v, String field, Double value, double max, String unit) {
        if (value != null && Double.isFinite(value) && value > max) {
            v.add(new Violation(
                    field, "must be at most " + fmt(max) + " " + unit + ", not " + fmt(value) + " " + unit));
        }
    }

    private void positive(List<Violation> v, String field, Double value, String unit) {
        if (value == null) {
            return;
        }
        if (!Double.isFinite(value)) {
            v.add(new Violation(field, "must be a finite number, not " + value));
        } else if (value <= 0) {
            v.add(new Violation(field, "must be positive, not " + fmt(value) + " " + unit));
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.format("%.4g", d);
    }
}
