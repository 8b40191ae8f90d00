package dev.meektracker.core.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * A hardware price observation: what a chip costs and how many FLOP/s it delivers.
 *
 * @param id                     stable id (lower-case slug)
 * @param name                   product name
 * @param manufacturer           manufacturer
 * @param date                   release or observation date
 * @param purchasePriceUsd       purchase (launch or list) price in USD, or null
 * @param rentalPriceUsdPerHour  rental price in USD per hour, or null
 * @param flopPerSecond          peak dense FLOP/s per numeric format
 * @param source                 who published the facts
 * @param provenance             where exactly this event came from
 */
public record HardwarePrice(
        String id,
        String name,
        String manufacturer,
        LocalDate date,
        Double purchasePriceUsd,
        Double rentalPriceUsdPerHour,
        Map<Precision, Double> flopPerSecond,
        String source,
        String provenance)
        implements InputEvent {

    @Override
    public HardwarePrice withProvenance(String provenance) {
        return new HardwarePrice(
                id,
                name,
                manufacturer,
                date,
                purchasePriceUsd,
                rentalPriceUsdPerHour,
                flopPerSecond,
                source,
                provenance);
    }

    @Override
    @JsonIgnore
    public InputType inputType() {
        return InputType.HARDWARE_PRICE;
    }

    public HardwarePrice {
        // A format written {"fp16": null} is a format whose figure is not stated, as a null price is:
        // the copy leaves it out.
        flopPerSecond = PrecisionFigures.copyOf(flopPerSecond);
    }

    @Override
    public String key() {
        return id;
    }

    @Override
    @JsonIgnore
    public LocalDate eventDate() {
        return date;
    }

    /** The best FLOP/s among ML training formats, falling back to FP32 for chips that state nothing else. */
    @JsonIgnore
    public Optional<Double> bestMlFlopPerSecond() {
        // forEach, not entrySet(): the map keeps the views it hands out, two objects a chip for as
        // long as the chip is held (a hundred thousand chips in a long history).
        Double[] best = {null};
        flopPerSecond.forEach((p, v) -> {
            if (p.mlFormat() && (best[0] == null || Double.compare(v, best[0]) > 0)) {
                best[0] = v;
            }
        });
        return best[0] != null ? Optional.of(best[0]) : Optional.ofNullable(flopPerSecond.get(Precision.FP32));
    }

    /** FLOP/s for one format, or the best ML format when {@code precision} is null. */
    @JsonIgnore
    public Optional<Double> flopPerSecond(Precision precision) {
        return precision == null ? bestMlFlopPerSecond() : Optional.ofNullable(flopPerSecond.get(precision));
    }

    /**
     * Peak FLOP/s per USD in one format (the best ML format when {@code precision} is null): over the
     * purchase price, or else over the rental price paid for {@code amortisationYears}; empty when the
     * chip states neither a price nor that format.
     */
    public Optional<Double> flopPerSecondPerUsd(Precision precision, double amortisationYears) {
        Double flops = flopPerSecond(precision).orElse(null);
        if (flops == null) {
            return Optional.empty();
        }
        if (purchasePriceUsd != null) {
            return Optional.of(flops / purchasePriceUsd);
        }
        if (rentalPriceUsdPerHour == null) {
            return Optional.empty();
        }
        return Optional.of(flops / (rentalPriceUsdPerHour * amortisationYears * 365.25 * 24));
    }
}
