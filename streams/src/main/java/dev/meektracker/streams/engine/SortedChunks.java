package dev.meektracker.streams.engine;

import java.util.AbstractCollection;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.ToDoubleFunction;

/**
 * A sorted set as a list of sorted arrays of up to {@value #CHUNK} elements (the leaves of a B+-tree
 * with a one-level index): about five bytes an element against a TreeSet's forty-byte entry each.
 * The engine kept five orders of every model in TreeSets; with a million models their entries alone were
 * 120 MB, most of the streams role's heap. An insert or removal is two binary searches and a copy of
 * at most one chunk; the orders are walked from either end or from a given element on. Elements equal
 * under the order are the same element, as in a TreeSet.
 *
 * <p>An order that compares a number first (a date, a compute figure) can name it as the primary key:
 * the first key of every chunk is then kept in one array, and the search for an element's chunk reads
 * that array instead of each chunk's first element. With a million elements that search is a dozen
 * steps, each of which otherwise loads a chunk, its first element and that element's fields, most of
 * them cache misses. Where the keys are mostly distinct, every element's key can be kept as well,
 * for the search inside the chunk (four bytes more an element).
 */
final class SortedChunks<T> extends AbstractCollection<T> {

    static final int CHUNK = 256;

    private final Comparator<? super T> order;
    /** The number the order compares first (as Double.compare does), or null. */
    private final ToDoubleFunction<? super T> primary;
    /** Whether every element's key is kept (see {@link #keys}), not only each chunk's first. */
    private final boolean elementKeys;

    private Object[][] chunks = new Object[4][];
    private int[] sizes = new int[4];
    /** With a primary key: each chunk's first element's key. */
    private double[] firstKeys = new double[4];
    /**
     * With element keys: every element's key, rounded to a float, beside it. The search inside a
     * chunk then reads these (a kilobyte in a row) and loads an element only where two keys are
     * equal as floats: rounding keeps the order (a key below another is not above it as a float).
     */
    private float[][] keys = new float[4][];

    private int count;
    private int size;

    SortedChunks(Comparator<? super T> order) {
        this(order, null);
    }

    /**
     * @param primary a key the order compares before anything else, ascending as {@link
     *     Double#compare} orders it (elements with different keys are in key order), or null
     */
    SortedChunks(Comparator<? super T> order, ToDoubleFunction<? super T> primary) {
        this(order, primary, false);
    }

    /**
     * @param elementKeys also keep every element's key, four bytes each, for the search inside a
     *     chunk: worth it where the keys are mostly distinct (a compute figure: an add and a remove
     *     among a million models took 465-496 ns against 638-670, SortedChunksBenchmark), not where
     *     many elements share one (a day, which the elements' own order decides anyway: 96 against
     *     92 ns)
     */
    SortedChunks(Comparator<? super T> order, ToDoubleFunction<? super T> primary, boolean elementKeys) {
        if (elementKeys && primary == null) {
            throw new IllegalArgumentException("element keys need a primary key");
        }
        this.order = order;
        this.primary = primary;
        this.elementKeys = elementKeys;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @SuppressWarnings("unchecked")
    private T at(int chunk, int i) {
        return (T) chunks[chunk][i];
    }

    T first() {
        if (size == 0) {
            throw new NoSuchElementException();
        }
        return at(0, 0);
    }

    T last() {
        if (size == 0) {
            throw new NoSuchElementException();
        }
        return at(count - 1, sizes[count - 1] - 1);
    }

    /** The element's primary key, read once per operation (0 without one). */
    private double key(T t) {
        return primary != null ? primary.applyAsDouble(t) : 0;
    }

    /**
     * The chunk an element belongs in: the last whose first element is not above it (0 when none);
     * {@code key} is {@code key(t)}.
     */
    private int chunkFor(T t, double key) {
        int lo = 1;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int c = primary != null ? Double.compare(firstKeys[mid], key) : 0;
            if (c == 0) {
                c = order.compare(at(mid, 0), t);
            }
            if (c <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }

    /** Index of t in the chunk, or -(insertion point) - 1; {@code key} is {@code key(t)}. */
    private int indexIn(int chunk, T t, double key) {
        int lo = 0;
        int hi = sizes[chunk] - 1;
        float[] k = keys[chunk];
        float rounded = (float) key;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = k != null ? Float.compare(k[mid], rounded) : 0;
            if (c == 0) {
                c = order.compare(at(chunk, mid), t);
            }
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    /** Adds t; false when an equal element is there already. */
    @Override
    public boolean add(T t) {
        if (count == 0) {
            insertChunk(0);
            chunks[0][0] = t;
            sizes[0] = 1;
            size = 1;
            if (elementKeys) {
                keys[0][0] = (float) key(t);
            }
            keyFirst(0);
            return true;
        }
        double key = key(t);
        int c = chunkFor(t, key);
        int i = indexIn(c, t, key);
        if (i >= 0) {
            return false;
        }
        int at = -i - 1;
        Object[] chunk = chunks[c];
        System.arraycopy(chunk, at, chunk, at + 1, sizes[c] - at);
        chunk[at] = t;
        if (elementKeys) {
            System.arraycopy(keys[c], at, keys[c], at + 1, sizes[c] - at);
            keys[c][at] = (float) key;
        }
        sizes[c]++;
        size++;
        if (at == 0) {
            keyFirst(c);
        }
        if (sizes[c] > CHUNK) {
            // Appending past the end (a release dated after every other, the usual case for the date
            // order) leaves the full chunk full; elsewhere the chunk is halved, as in a B-tree.
            split(c, c == count - 1 && at == CHUNK ? CHUNK : sizes[c] / 2);
        }
        return true;
    }

    /** Removes the element equal to o under the order; false when there is none. */
    @Override
    @SuppressWarnings("unchecked")
    public boolean remove(Object o) {
        T t = (T) o;
        if (count == 0) {
            return false;
        }
        double key = key(t);
        int c = chunkFor(t, key);
        int i = indexIn(c, t, key);
        if (i < 0) {
            return false;
        }
        Object[] chunk = chunks[c];
        System.arraycopy(chunk, i + 1, chunk, i, sizes[c] - i - 1);
        if (elementKeys) {
            System.arraycopy(keys[c], i + 1, keys[c], i, sizes[c] - i - 1);
        }
        chunk[--sizes[c]] = null;
        size--;
        if (sizes[c] == 0) {
            System.arraycopy(chunks, c + 1, chunks, c, count - c - 1);
            System.arraycopy(sizes, c + 1, sizes, c, count - c - 1);
            System.arraycopy(firstKeys, c + 1, firstKeys, c, count - c - 1);
            System.arraycopy(keys, c + 1, keys, c, count - c - 1);
            keys[count - 1] = null;
            chunks[--count] = null;
        } else if (i == 0) {
            keyFirst(c);
        }
        return true;
    }

    /** Notes chunk c's first key (with a primary key), after its first element changed. */
    private void keyFirst(int c) {
        if (primary != null) {
            firstKeys[c] = primary.applyAsDouble(at(c, 0));
        }
    }

    private void insertChunk(int c) {
        if (count == chunks.length) {
            chunks = Arrays.copyOf(chunks, count * 2);
            sizes = Arrays.copyOf(sizes, count * 2);
            firstKeys = Arrays.copyOf(firstKeys, count * 2);
            keys = Arrays.copyOf(keys, count * 2);
        }
        System.arraycopy(chunks, c, chunks, c + 1, count - c);
        System.arraycopy(sizes, c, sizes, c + 1, count - c);
        System.arraycopy(firstKeys, c, firstKeys, c + 1, count - c);
        System.arraycopy(keys, c, keys, c + 1, count - c);
        chunks[c] = new Object[CHUNK + 1];
        keys[c] = elementKeys ? new float[CHUNK + 1] : null;
        sizes[c] = 0;
        count++;
    }

    /** Moves the elements of a chunk past its first {@code keep} into a new chunk after it. */
    private void split(int c, int keep) {
        insertChunk(c + 1);
        int move = sizes[c] - keep;
        System.arraycopy(chunks[c], keep, chunks[c + 1], 0, move);
        if (elementKeys) {
            System.arraycopy(keys[c], keep, keys[c + 1], 0, move);
        }
        Arrays.fill(chunks[c], keep, sizes[c], null);
        sizes[c] = keep;
        sizes[c + 1] = move;
        keyFirst(c + 1);
    }

    /** Ascending. */
    @Override
    public Iterator<T> iterator() {
        return new Ascending(0, 0);
    }

    /** Ascending from the first element not below {@code from}. */
    Iterable<T> from(T from) {
        return () -> {
            if (count == 0) {
                return new Ascending(0, 0);
            }
            double key = key(from);
            int c = chunkFor(from, key);
            int i = indexIn(c, from, key);
            return new Ascending(c, i >= 0 ? i : -i - 1);
        };
    }

    /** Descending, largest first (a read-only view). */
    Collection<T> descending() {
        return Views.of(() -> size, this::descendingIterator);
    }

    private Iterator<T> descendingIterator() {
        return new Iterator<T>() {
            private int c = count - 1;
            private int i = count == 0 ? -1 : sizes[count - 1] - 1;

            @Override
            public boolean hasNext() {
                return c >= 0 && i >= 0;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                T t = at(c, i);
                if (--i < 0 && --c >= 0) {
                    i = sizes[c] - 1;
                }
                return t;
            }
        };
    }

    private final class Ascending implements Iterator<T> {
        private int c;
        private int i;

        Ascending(int chunk, int index) {
            this.c = chunk;
            this.i = index;
            skipEnd();
        }

        private void skipEnd() {
            while (c < count && i >= sizes[c]) {
                c++;
                i = 0;
            }
        }

        @Override
        public boolean hasNext() {
            return c < count;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            T t = at(c, i++);
            skipEnd();
            return t;
        }
    }
}
