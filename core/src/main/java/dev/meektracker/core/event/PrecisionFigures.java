package dev.meektracker.core.event;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A chip's FLOP/s per format as an unmodifiable map in the order it was given (what its JSON
 * writes), held as two small arrays: the formats' ordinals and their figures. The copy {@link
 * OrderedMaps} makes (an unmodifiable view of a LinkedHashMap, its table, an entry and a boxed
 * Double per format) took about 270 bytes for a chip of two formats in a class histogram, this
 * about 90: with a hundred thousand chips in a history of a million items, 18 MB of a streams role's
 * 256 MB heap. Equal to, and hashing like, any map of the same entries.
 */
final class PrecisionFigures extends AbstractMap<Precision, Double> {

    private static final Precision[] FORMATS = Precision.values();
    private static final PrecisionFigures EMPTY = new PrecisionFigures(new byte[0], new double[0]);

    private final byte[] formats;
    private final double[] figures;

    private PrecisionFigures(byte[] formats, double[] figures) {
        this.formats = formats;
        this.figures = figures;
    }

    /**
     * An unmodifiable copy in the source's order, without the formats whose figure is null (not
     * stated, as a null price is); empty for null. A null key is refused.
     */
    static Map<Precision, Double> copyOf(Map<Precision, Double> source) {
        if (source instanceof PrecisionFigures p) {
            return p;
        }
        if (source == null || source.isEmpty()) {
            return EMPTY;
        }
        byte[] formats = new byte[source.size()];
        double[] figures = new double[formats.length];
        int[] n = {0};
        // forEach: Map.of's containsValue(null) and get(null) throw, and its entries hold no null anyway.
        source.forEach((k, v) -> {
            Objects.requireNonNull(k, "null key");
            if (v != null) {
                formats[n[0]] = (byte) k.ordinal();
                figures[n[0]++] = v;
            }
        });
        if (n[0] == 0) {
            return EMPTY;
        }
        return n[0] == formats.length
                ? new PrecisionFigures(formats, figures)
                : new PrecisionFigures(Arrays.copyOf(formats, n[0]), Arrays.copyOf(figures, n[0]));
    }

    @Override
    public int size() {
        return formats.length;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public Double get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : figures[i];
    }

    private int indexOf(Object key) {
        if (key instanceof Precision p) {
            for (int i = 0; i < formats.length; i++) {
                if (formats[i] == p.ordinal()) {
                    return i;
                }
            }
        }
        return -1;
    }

    @Override
    public void forEach(BiConsumer<? super Precision, ? super Double> action) {
        for (int i = 0; i < formats.length; i++) {
            action.accept(FORMATS[formats[i]], figures[i]);
        }
    }

    /**
     * A new view each time, kept by no one: the chip stays two arrays for as long as it is held. (No
     * code of the tracker asks for {@link #keySet} or {@link #values}, which AbstractMap would keep.)
     */
    @Override
    public Set<Entry<Precision, Double>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return formats.length;
            }

            @Override
            public Iterator<Entry<Precision, Double>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < formats.length;
                    }

                    @Override
                    public Entry<Precision, Double> next() {
                        if (next >= formats.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(FORMATS[formats[i]], figures[i]);
                    }
                };
            }
        };
    }
}
