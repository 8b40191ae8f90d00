package dev.meektracker.core.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.Map;

/**
 * One refitted trend or scaling relation, emitted to {@code scaling-fits} whenever it changes.
 *
 * @param id                 fit id: frontier-compute, open-compute, hardware-price-performance,
 *                           algorithmic-progress, benchmark/&lt;id&gt;
 * @param method             how it was obtained: ols, weighted-ols, multiple-ols, levenberg-marquardt, configured
 * @param asOf               event time of the fit: the latest date among the events behind it
 * @param windowStart        first date of the data the fit covers
 * @param windowEnd          last date of the data the fit covers
 * @param n                  number of points
 * @param rSquared           coefficient of determination, or null when not defined
 * @param growthPerYear      growth factor per year (times per year), with its 90 % interval, where the fit is a trend
 * @param doublingTimeYears  doubling time in years, with its 90 % interval, where the fit is a trend
 * @param parameters         the fitted parameters and derived quantities by name, each with unit and uncertainty
 * @param note               why the fit is what it is (e.g. "fewer than 8 points: configured value used")
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScalingFit(
        String id,
        String method,
        LocalDate asOf,
        LocalDate windowStart,
        LocalDate windowEnd,
        long n,
        Double rSquared,
        Estimate growthPerYear,
        Estimate doublingTimeYears,
        Map<String, Estimate> parameters,
        String note)
        implements TrackerEvent {

    public ScalingFit {
        parameters = OrderedMaps.copyOf(parameters);
    }

    @Override
    public String key() {
        return id;
    }

    @Override
    @JsonIgnore
    public LocalDate eventDate() {
        return asOf;
    }
}
