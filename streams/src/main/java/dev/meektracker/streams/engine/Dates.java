package dev.meektracker.streams.engine;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** Calendar conversions used by every fit: dates as decimal years, and months as the issue defines them. */
public final class Dates {

    /** Days per month used for lags: 365.25 / 12. */
    public static final double DAYS_PER_MONTH = 365.25 / 12;

    private Dates() {}

    /** 2024-07-02 → 2024.5 (day of year over the year's length). */
    public static double decimalYear(LocalDate d) {
        return d.getYear() + (d.getDayOfYear() - 1) / (double) d.lengthOfYear();
    }

    /** The date {@code years} (fractional) after {@code from}, to the day. */
    public static LocalDate plusYears(LocalDate from, double years) {
        return from.plusDays(Math.round(years * 365.25));
    }

    public static double monthsBetween(LocalDate from, LocalDate to) {
        return ChronoUnit.DAYS.between(from, to) / DAYS_PER_MONTH;
    }
}
