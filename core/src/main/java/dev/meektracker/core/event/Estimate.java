package dev.meektracker.core.event;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A number with its unit and, where a fit stands behind it, its standard error and 90 % interval.
 *
 * @param value  point estimate
 * @param unit   unit of value, low and high (e.g. "FLOP", "times/year", "nats/token")
 * @param stdErr standard error, or null
 * @param low    lower end of the 90 % interval, or null
 * @param high   upper end of the 90 % interval, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Estimate(double value, String unit, Double stdErr, Double low, Double high) {

    public static Estimate of(double value, String unit) {
        return new Estimate(value, unit, null, null, null);
    }
}
