package dev.meektracker.producers.importer;

import dev.meektracker.core.event.HardwarePrice;
import dev.meektracker.core.event.Precision;
import dev.meektracker.core.validate.EventValidator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Epoch AI's "Machine Learning Hardware" export: launch prices and peak FLOP/s per format. */
public final class EpochHardwareImporter extends Importer {

    /** Epoch's column for each floating-point format (integer OP/s are not FLOP/s and are left out). */
    static final Map<Precision, String> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put(Precision.FP64, "FP64 (double precision) performance (FLOP/s)");
        COLUMNS.put(Precision.FP32, "FP32 (single precision) performance (FLOP/s)");
        COLUMNS.put(Precision.TF32, "TF32 (TensorFloat-32) performance (FLOP/s)");
        COLUMNS.put(Precision.FP16, "FP16 (half precision) performance (FLOP/s)");
        COLUMNS.put(Precision.BF16_FP16_TENSOR, "Tensor-FP16/BF16 performance (FLOP/s)");
        COLUMNS.put(Precision.FP8, "FP8 performance (FLOP/s)");
        COLUMNS.put(Precision.FP4, "FP4 performance (FLOP/s)");
    }

    /** The columns a file may lack and still be read, and what every chip of it then lacks. */
    private static final List<Columns.Expected> EXPECTED = expected();

    private static List<Columns.Expected> expected() {
        List<Columns.Expected> e = new ArrayList<>();
        COLUMNS.forEach((precision, column) -> e.add(new Columns.Expected(
                "no chip has a FLOP/s figure in " + precision.wire() + ", so that format is out of the"
                        + " constant-precision trend and of the best-format one",
                column)));
        e.add(new Columns.Expected("no chip has a manufacturer", "Manufacturer"));
        return List.copyOf(e);
    }

    private static void require(Columns header, String file, String column, String why) {
        if (!header.has(column)) {
            throw new IllegalArgumentException(
                    file + " is an Epoch AI hardware export without its '" + column + "' column: " + why);
        }
    }

    public EpochHardwareImporter(EventValidator validator) {
        super(validator);
    }

    public ImportResult read(Path file) throws IOException {
        ImportResult result = new ImportResult();
        String name = file.getFileName().toString();
        Columns header = new Columns(CsvRows.header(file));
        if (!header.has("Hardware name")) {
            throw new IllegalArgumentException(
                    name + " is not an Epoch AI hardware export: it has no 'Hardware name' column");
        }
        // Without these every row would be skipped or rejected for the same reason: say it once.
        require(header, name, "Release date", "no chip's FLOP/s per USD can be placed in time");
        require(header, name, "Release price (USD)", "no chip has a price, so there is no FLOP/s per USD to measure");
        if (COLUMNS.values().stream().noneMatch(header::has)) {
            throw new IllegalArgumentException(name + " is an Epoch AI hardware export without any of its"
                    + " floating-point performance columns ('" + String.join("', '", COLUMNS.values())
                    + "'): no chip has a FLOP/s figure");
        }
        header.missing(name, EXPECTED).forEach(result::missingColumn);
        CsvRows.forEach(file, result, row -> {
            result.countRow(name);
            try {
                Map<Precision, Double> flops = new EnumMap<>(Precision.class);
                for (Map.Entry<Precision, String> c : COLUMNS.entrySet()) {
                    Double v = CsvRows.number(row, c.getValue(), row.get(c.getValue()));
                    if (v != null) {
                        flops.put(c.getKey(), v);
                    }
                }
                String hw = row.get("Hardware name");
                Double price = CsvRows.number(row, "Release price (USD)", row.get("Release price (USD)"));
                // Most datacenter parts have no public price, and some rows state integer OP/s only:
                // that is the source, not an error in it, so such rows are skipped, as a benchmark row
                // with no score yet is. (A file of the tracker's own format still needs both.)
                if (price == null) {
                    result.skip(new Rejection(
                            name, row.line(), "price", "no launch price in the file: no FLOP/s per USD to measure"));
                    return;
                }
                if (flops.isEmpty()) {
                    result.skip(new Rejection(
                            name, row.line(), "flopPerSecond", "no floating-point FLOP/s figure in the file"));
                    return;
                }
                String priceSource = row.get("Source for the price");
                HardwarePrice h = new HardwarePrice(
                        Slugs.id("Hardware name", hw),
                        hw,
                        row.get("Manufacturer"),
                        CsvRows.date("Release date", row.get("Release date")),
                        price,
                        null,
                        flops,
                        "Epoch AI, Machine Learning Hardware (" + name + "), CC BY 4.0"
                                + (priceSource == null ? "" : "; price: " + priceSource.replaceAll("\\s+", " ")),
                        name + ":" + row.line());
                if (offer(result, name, row.line(), h)) {
                    result.accept(h);
                }
            } catch (CsvRows.CellException e) {
                result.reject(new Rejection(name, row.line(), e.column(), e.getMessage()));
            }
        });
        return result;
    }
}
