package dev.meektracker.streams.engine;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The current version of each item of one kind by stable id, and the latest date among them (the
 * as-of date of what they feed). A new version reaches its part's indices only when it differs from
 * the one held, so a duplicate costs a lookup and changes nothing.
 *
 * <p>The items sit in an open-addressing table (linear probing, deletion by backward shift) keyed by
 * the id each item carries: eight to twelve bytes an item, where a HashMap spends a 32-byte node on
 * each. With a million models that node was 30 MB of a long-running role's heap. Beside each slot
 * is its id's hash, so a probe passes an item whose hash differs without reading it (in a table of
 * a million, reading an item, its id and the id's bytes to compare them were three cache misses a
 * probe, and a new id probes two to five slots), and growing the table moves every item by its
 * hash without reading it or its id. That costs four bytes a slot, 6 MB more than a byte of the
 * hash (a tag, as in Abseil's Swiss tables) at a million models; with the tag, a doubling read
 * every item and hashed its id again, cache misses all: 4.5 % of the engine bench's thread at 10^5
 * items, whose timed events cross one; loading a million synthetic items took 2.1-2.4 µs an item
 * against 1.4-2.0 with the hash.
 */
final class CurrentItems<T> {

    /** Whether an item is the one held under a key. */
    private final BiPredicate<T, String> holds;

    private final Function<T, LocalDate> date;
    private final DateCounts dates = new DateCounts();
    private Object[] table = new Object[16];
    /** The (mixed) hash of the item in each slot of {@link #table} (meaningless where the slot is empty). */
    private int[] hashes = new int[16];

    private int size;

    /**
     * @param id   the id an item is held under (what {@link #put} and {@link #remove} are given)
     * @param date the date an item carries, for {@link #last}
     */
    CurrentItems(Function<T, String> id, Function<T, LocalDate> date) {
        this((item, key) -> id.apply(item).equals(key), date);
    }

    /**
     * For items that carry their id in another form than a String ({@link Model}'s bytes).
     *
     * @param holds whether an item is the one held under a key
     * @param date  the date an item carries, for {@link #last}
     */
    CurrentItems(BiPredicate<T, String> holds, Function<T, LocalDate> date) {
        this.holds = holds;
        this.date = date;
    }

    boolean isCurrent(String key, T item) {
        return item.equals(get(key));
    }

    /**
     * Holds {@code item} as the current version of {@code key}; when it differs from the one held,
     * tells {@code changed} the old version (null for a new id) and the new one.
     *
     * @return false when it was the version already held
     */
    boolean put(String key, T item, BiConsumer<T, T> changed) {
        int i = slot(key);
        T old = at(i);
        if (item.equals(old)) {
            return false;
        }
        table[i] = item;
        hashes[i] = hash(key);
        if (old == null && ++size * 3 > table.length * 2) {
            grow();
        }
        if (old != null) {
            dates.remove(date.apply(old));
        }
        dates.add(date.apply(item));
        changed.accept(old, item);
        return true;
    }

    /** Drops {@code key}, telling {@code removed} the version it held; false when there was none. */
    boolean remove(String key, Consumer<T> removed) {
        int i = slot(key);
        T old = at(i);
        if (old == null) {
            return false;
        }
        table[i] = null;
        size--;
        shiftBack(i);
        dates.remove(date.apply(old));
        removed.accept(old);
        return true;
    }

    T get(String key) {
        return at(slot(key));
    }

    /** Every current item, in no particular order (a read-only view). */
    Collection<T> values() {
        return Views.of(() -> size, () -> new Iterator<T>() {
            private int next = advance(0);

            private int advance(int from) {
                while (from < table.length && table[from] == null) {
                    from++;
                }
                return from;
            }

            @Override
            public boolean hasNext() {
                return next < table.length;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                T t = at(next);
                next = advance(next + 1);
                return t;
            }
        });
    }

    /** The latest date among the current items, or null when there are none. */
    LocalDate last() {
        return dates.last();
    }

    @SuppressWarnings("unchecked")
    private T at(int i) {
        return (T) table[i];
    }

    private static int hash(String key) {
        return mix(key.hashCode());
    }

    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        return h;
    }

    /** The slot holding {@code key}'s item, or the empty slot where it would go. */
    private int slot(String key) {
        int mask = table.length - 1;
        int h = hash(key);
        int i = h & mask;
        while (table[i] != null && (hashes[i] != h || !holds.test(at(i), key))) {
            i = (i + 1) & mask;
        }
        return i;
    }

    /** Closes the gap left at {@code gap}: later items of the run that may sit there move back. */
    private void shiftBack(int gap) {
        int mask = table.length - 1;
        int j = gap;
        while (true) {
            j = (j + 1) & mask;
            if (table[j] == null) {
                return;
            }
            int home = hashes[j] & mask;
            // The item at j may move to the gap unless its home lies cyclically in (gap, j].
            boolean stays = gap <= j ? gap < home && home <= j : gap < home || home <= j;
            if (!stays) {
                table[gap] = table[j];
                hashes[gap] = hashes[j];
                table[j] = null;
                gap = j;
            }
        }
    }

    private void grow() {
        Object[] old = table;
        int[] oldHashes = hashes;
        table = new Object[old.length * 2];
        hashes = new int[table.length];
        int mask = table.length - 1;
        for (int k = 0; k < old.length; k++) {
            Object o = old[k];
            if (o != null) {
                int i = oldHashes[k] & mask;
                while (table[i] != null) {
                    i = (i + 1) & mask;
                }
                table[i] = o;
                hashes[i] = oldHashes[k];
            }
        }
    }
}
