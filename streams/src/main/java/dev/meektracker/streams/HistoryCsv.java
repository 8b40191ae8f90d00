package dev.meektracker.streams;

import dev.meektracker.core.event.Estimate;
import dev.meektracker.core.event.GapEstimate;
import dev.meektracker.core.event.ScalingFit;
import dev.meektracker.core.event.TrackerEvent;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** An output's history as CSV with a header: the columns of a gap or of a fit. */
final class HistoryCsv {

    private HistoryCsv() {}

    static String write(List<TrackerEvent> series) {
        StringWriter w = new StringWriter();
        boolean fit = !series.isEmpty() && series.get(0) instanceof ScalingFit;
        String[] header = fit
                ? new String[] {
                    "asOf",
                    "id",
                    "n",
                    "growthPerYear",
                    "growthPerYearLow",
                    "growthPerYearHigh",
                    "doublingTimeYears",
                    "rSquared"
                }
                : new String[] {"asOf", "id", "value", "unit", "low", "high", "lagMonths"};
        try (CSVPrinter p =
                new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader(header).build())) {
            for (TrackerEvent e : series) {
                if (e instanceof GapEstimate g) {
                    p.printRecord(g.asOf(), g.id(), g.value(), g.unit(), g.low(), g.high(), g.lagMonths());
                } else if (e instanceof ScalingFit f) {
                    Estimate gr = f.growthPerYear();
                    Estimate d = f.doublingTimeYears();
                    p.printRecord(
                            f.asOf(),
                            f.id(),
                            f.n(),
                            gr == null ? null : gr.value(),
                            gr == null ? null : gr.low(),
                            gr == null ? null : gr.high(),
                            d == null ? null : d.value(),
                            f.rSquared());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }
}
