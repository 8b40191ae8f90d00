package dev.meektracker.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meektracker.core.event.OutputIds;
import dev.meektracker.core.serde.Json;
import dev.meektracker.streams.engine.Dates;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * The paper's clock anchored where the tracker's projections anchor it, read from a report
 * ({@code demo --once --report FILE}): t = 0 is the later of the frontier and hardware fits' dates,
 * the frontier's compute and FLOP per USD are their trends' levels on that date, and the growth
 * rates are the fits'. So {@code scenario --from-report} prints the same gap the projections show,
 * year by year, with calendar dates.
 *
 * @param date                   t = 0
 * @param frontierComputeFlop    the frontier trend's training compute on that date
 * @param frontierGrowth         frontier compute growth, times per year
 * @param flopPerDollar          FLOP one USD buys on that date (utilisation and amortisation applied)
 * @param hardwareGrowth         growth of FLOP per USD, times per year (the best-format trend)
 * @param fittedAlgorithmicGrowth algorithmic progress fitted from the report's data, or null when it has none
 */
record ReportAnchor(
        LocalDate date,
        double frontierComputeFlop,
        double frontierGrowth,
        double flopPerDollar,
        double hardwareGrowth,
        Double fittedAlgorithmicGrowth) {

    static ReportAnchor read(Path report) {
        JsonNode doc;
        try {
            doc = Json.MAPPER.readTree(report.toFile());
        } catch (IOException e) {
            String why = java.nio.file.Files.isDirectory(report)
                    ? "it is a directory"
                    : e instanceof java.io.FileNotFoundException || e instanceof java.nio.file.NoSuchFileException
                            ? "no such file"
                            : dev.meektracker.core.serde.Reasons.of(e)
                                    + " (the JSON report of demo --once --report FILE is expected)";
            throw new IllegalArgumentException("cannot read the report " + report + ": " + why, e);
        }
        JsonNode frontier = fit(doc, OutputIds.FRONTIER_COMPUTE, report);
        JsonNode hardware = fit(doc, OutputIds.HARDWARE, report);
        LocalDate frontierDate = LocalDate.parse(frontier.path("asOf").asText());
        LocalDate hardwareDate = LocalDate.parse(hardware.path("asOf").asText());
        LocalDate anchor = frontierDate.isAfter(hardwareDate) ? frontierDate : hardwareDate;
        // A trend is linear in log10 against the decimal year: its level on the anchor date follows exactly from its
        // slope.
        double frontierSlope = frontier.at("/parameters/slope/value").asDouble();
        double hardwareSlope = hardware.at("/parameters/slope/value").asDouble();
        double frontierToday =
                frontier.at("/parameters/frontierComputeToday/value").asDouble()
                        * Math.pow(10, frontierSlope * (Dates.decimalYear(anchor) - Dates.decimalYear(frontierDate)));
        double flopPerDollar =
                hardware.at("/parameters/flopPerDollarToday/value").asDouble()
                        * Math.pow(10, hardwareSlope * (Dates.decimalYear(anchor) - Dates.decimalYear(hardwareDate)));
        Double fitted = null;
        for (JsonNode f : doc.path("fits")) {
            if (OutputIds.ALGORITHMIC.equals(f.path("id").asText())
                    && "multiple-ols".equals(f.path("method").asText())) {
                fitted = f.at("/growthPerYear/value").asDouble();
            }
        }
        return new ReportAnchor(
                anchor, frontierToday, Math.pow(10, frontierSlope), flopPerDollar, Math.pow(10, hardwareSlope), fitted);
    }

    private static JsonNode fit(JsonNode doc, String id, Path report) {
        for (JsonNode f : doc.path("fits")) {
            if (id.equals(f.path("id").asText())) {
                return f;
            }
        }
        throw new IllegalArgumentException(
                "the report " + report + " has no '" + id + "' fit: it needs model releases with compute "
                        + "and priced hardware (run demo --once with --models and --hardware)");
    }

    /** The calendar date t years after the anchor, as the projections count it. */
    LocalDate at(double years) {
        return Dates.plusYears(date, years);
    }
}
