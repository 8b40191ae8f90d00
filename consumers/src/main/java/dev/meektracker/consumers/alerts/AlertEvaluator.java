package dev.meektracker.consumers.alerts;

import dev.meektracker.core.event.GapEstimate;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies the rules to each gap estimate and returns only transitions: a rule fires after its
 * condition held for {@code dwell} consecutive updates, and resolves only when the value crosses the
 * separate resolving threshold, so a value wandering around one threshold does not flap.
 */
public final class AlertEvaluator {

    private final List<AlertRule> rules;

    public AlertEvaluator(List<AlertRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * @param state read and write the state of (rule id, gap id); the caller persists it
     * @param now   wall-clock time for startsAt and endsAt
     */
    public List<GapAlert> evaluate(
            GapEstimate g, Function<String, RuleState> state, BiConsumer<String, RuleState> save, Instant now) {
        List<GapAlert> out = new ArrayList<>();
        for (AlertRule rule : rules) {
            if (!rule.matches(g.id())) {
                continue;
            }
            Double value = read(g, rule.field(), rule.comparison());
            if (value == null) {
                continue;
            }
            String key = stateKey(rule, g.id());
            RuleState s = state.apply(key);
            if (s == null) {
                s = RuleState.NEW;
            }
            RuleState next = step(rule, s, value, now);
            boolean reopened = s.firing() && next.firing() && !next.startsAt().equals(s.startsAt());
            if (next.firing()) {
                next = next.firedWith(s.firing() && !reopened ? s.firedWith() : g.details());
            }
            if (reopened) {
                // A new occurrence while the last one still fires (a record right after a record): close the
                // old one, with the value and details it fired with, and open the new, so every occurrence
                // is notified, also after coalesced updates.
                out.add(alert(
                        rule,
                        g,
                        s.firedWith() != null ? s.firedWith() : g.details(),
                        s.reference() != null ? s.reference() : value,
                        s.startsAt(),
                        now));
                out.add(alert(rule, g, g.details(), value, next.startsAt(), null));
            } else if (next.firing() != s.firing()) {
                out.add(alert(
                        rule,
                        g,
                        g.details(),
                        value,
                        next.firing() ? next.startsAt() : s.startsAt(),
                        next.firing() ? null : now));
            }
            if (!next.equals(s)) {
                save.accept(key, next);
            }
        }
        return out;
    }

    private static RuleState step(AlertRule rule, RuleState s, double value, Instant now) {
        switch (rule.comparison()) {
            case "below", "above" -> {
                boolean below = rule.comparison().equals("below");
                boolean condition = below ? value < rule.fire() : value > rule.fire();
                boolean clear = below ? value >= rule.resolve() : value <= rule.resolve();
                if (s.firing()) {
                    return clear ? new RuleState(false, 0, null, null) : s;
                }
                int streak = condition ? s.streak() + 1 : 0;
                return streak >= rule.dwell()
                        ? new RuleState(true, 0, null, now)
                        : new RuleState(false, streak, null, null);
            }
            case "moved-earlier-by-years" -> {
                // Compared with the previous update: a jump earlier by more than `fire` years fires (after
                // `dwell` such jumps in a row); the next update that moves it earlier by at most
                // `resolve` years resolves.
                double earlierYears = s.reference() == null ? 0 : (s.reference() - value) / 365.25;
                if (s.firing()) {
                    return earlierYears <= rule.resolve()
                            ? new RuleState(false, 0, value, null)
                            : new RuleState(true, 0, value, s.startsAt());
                }
                int streak = earlierYears > rule.fire() ? s.streak() + 1 : 0;
                return streak >= rule.dwell()
                        ? new RuleState(true, 0, value, now)
                        : new RuleState(false, streak, value, null);
            }
            default -> {
                // increased: each new record of the field fires (a record while firing starts a new
                // occurrence); the next update without one resolves.
                boolean record = s.reference() != null && value > s.reference();
                double best = s.reference() == null ? value : Math.max(s.reference(), value);
                if (!record) {
                    return new RuleState(false, 0, best, null);
                }
                // Distinct startsAt even for two records within one millisecond: it tells the occurrences apart.
                Instant start =
                        s.firing() && !now.isAfter(s.startsAt()) ? s.startsAt().plusMillis(1) : now;
                return new RuleState(true, 0, best, start);
            }
        }
    }

    /** The compared value; dates become epoch days. Null when the estimate lacks the field. */
    static Double read(GapEstimate g, String field, String comparison) {
        Object v;
        if (field.equals("value")) {
            v = g.value();
        } else if (field.equals("lagMonths")) {
            v = g.lagMonths();
        } else {
            v = g.details().get(field.substring("details.".length()));
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v != null && comparison.equals("moved-earlier-by-years")) {
            try {
                return (double) LocalDate.parse(v.toString()).toEpochDay();
            } catch (RuntimeException notADate) {
                return null;
            }
        }
        return null;
    }

    static String stateKey(AlertRule rule, String gapId) {
        return rule.id() + "|" + gapId;
    }

    /** A stable fingerprint of (rule, gap): 16 hex digits of SHA-256, as Alertmanager's are 16 hex digits. */
    static String fingerprint(AlertRule rule, String gapId) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest(stateKey(rule, gapId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static GapAlert alert(
            AlertRule rule,
            GapEstimate g,
            Map<String, Object> details,
            double value,
            Instant startsAt,
            Instant endsAt) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", rule.id());
        labels.put("rule", rule.id());
        labels.put("gap", g.id());
        labels.put("severity", rule.severity());
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", fill(rule.summary(), rule, g, details, value));
        annotations.put("description", fill(rule.description(), rule, g, details, value));
        return new GapAlert(
                fingerprint(rule, g.id()),
                endsAt == null ? "firing" : "resolved",
                labels,
                annotations,
                value,
                g.asOf(),
                startsAt,
                endsAt);
    }

    private static final Pattern DETAIL = Pattern.compile("\\{details\\.([A-Za-z0-9_]+)}");

    /** Fills the placeholders; {@code {details.<name>}} takes a detail of the estimate ("n/a" when it has none). */
    static String fill(String template, AlertRule rule, GapEstimate g, Map<String, Object> details, double value) {
        String text = template.replace("{gap}", g.id())
                .replace("{rule}", rule.id())
                .replace("{value}", number(value))
                .replace("{fire}", number(rule.fire()))
                .replace("{resolve}", number(rule.resolve()))
                .replace("{asOf}", String.valueOf(g.asOf()))
                .replace("{unit}", String.valueOf(g.unit()));
        return DETAIL.matcher(text).replaceAll(m -> {
            Object v = details == null ? null : details.get(m.group(1));
            return Matcher.quoteReplacement(
                    v == null ? "n/a" : v instanceof Number n ? number(n.doubleValue()) : v.toString());
        });
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
