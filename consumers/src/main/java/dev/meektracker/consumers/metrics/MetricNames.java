package dev.meektracker.consumers.metrics;

/**
 * The metrics the consumers export (the topology's pipeline counters are named in the streams
 * module's TrackerMetrics, which binds them): lowercase dotted names (Prometheus turns dots into
 * underscores and appends the base unit), base units (seconds, ratios), low-cardinality tags (kind,
 * benchmark, tier, fit — never a model name).
 */
public final class MetricNames {

    public static final String PREFIX = "meektracker";

    /** Orders of magnitude between the largest closed-weights and open-weights training compute. */
    public static final String GAP_COMPUTE = PREFIX + ".gap.compute.oom";
    /** Best closed minus best open score on a benchmark, in the benchmark's own unit (tag unit). */
    public static final String GAP_BENCHMARK = PREFIX + ".gap.benchmark";
    /** Projected loss gap today, nats/token, with its low and high ends (tag bound). */
    public static final String GAP_LOSS = PREFIX + ".gap.loss.nats";
    /** MMLU-equivalent points of a projected gap, as a ratio of the scale (0–1). */
    public static final String GAP_MMLU = PREFIX + ".gap.mmlu.ratio";
    /** Months since a closed model first reached the open leader, in seconds (base unit). */
    public static final String GAP_LAG = PREFIX + ".gap.lag";
    /** Mean catch-up lag over the window, in seconds (base unit), with its interval ends (tag bound). */
    public static final String GAP_CATCH_UP_LAG = PREFIX + ".gap.catchup.lag";
    /** Projected dates (peak, convergence and its range), as Unix epoch seconds. */
    public static final String PROJECTION_DATE = PREFIX + ".projection.date";
    /** As-of date of each gap, as Unix epoch seconds. */
    public static final String GAP_AS_OF = PREFIX + ".gap.asof";

    /** A fit's growth factor per year, with its 90 % interval ends (tag bound). */
    public static final String FIT_GROWTH = PREFIX + ".fit.growth.per.year";
    /** A fit's doubling time in seconds (base unit). */
    public static final String FIT_DOUBLING = PREFIX + ".fit.doubling.time";
    /** A fit's coefficient of determination, 0–1. */
    public static final String FIT_R2 = PREFIX + ".fit.rsquared";
    /** Points behind a fit. */
    public static final String FIT_POINTS = PREFIX + ".fit.points";
    /** 1 when a fit uses its configured value rather than data (algorithmic progress before enough points). */
    public static final String FIT_CONFIGURED = PREFIX + ".fit.configured";

    /** 1 while an alert rule fires for a gap, 0 once it resolved. */
    public static final String ALERT_FIRING = PREFIX + ".alert.firing";

    /** 1 while a rule fires for at least one gap, 0 otherwise; registered for every rule at start. */
    public static final String ALERT_RULE_FIRING = PREFIX + ".alert.rule.firing";
    /** Alert transitions delivered, by sink. */
    public static final String ALERTS_SENT = PREFIX + ".alerts.sent";
    /** Alert deliveries that failed, by sink and reason (rejected: skipped; unavailable: tried again). */
    public static final String ALERTS_FAILED = PREFIX + ".alerts.failed";
    /** Delivery attempts retried after a transient failure, by sink. */
    public static final String ALERTS_RETRIES = PREFIX + ".alerts.retries";
    /** Time from an alert's record in gap-alerts to its delivery, by sink. */
    public static final String ALERTS_DELIVERY = PREFIX + ".alerts.delivery";

    public static final double SECONDS_PER_MONTH = 365.25 / 12 * 86_400;
    public static final double SECONDS_PER_YEAR = 365.25 * 86_400;

    private MetricNames() {}
}
