package dev.meektracker.producers.importer;

import dev.meektracker.core.event.HardwarePrice;
import dev.meektracker.core.event.Precision;
import dev.meektracker.core.validate.EventValidator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
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

    public EpochHardwareImporter(EventValidator validator) {
        super(validator);
    }

    public ImportResult read(Path file) throws IOException {
        ImportResult result = new ImportResult();
        String name = file.getFileName().toString();
        if (!CsvRows.header(file).contains("Hardware name")) {
            throw new IllegalArgumentException(
                    name + " is not an Epoch AI hardware export: it has no 'Hardware name' column");
        }
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
