package dev.meektracker.streams.engine;

import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.function.Supplier;

/**
 * The first {@code capacity} items, in a fixed order, of a population held elsewhere: with an order
 * by a hash of each item's id, a uniform sample of it, the same whatever order the items came in.
 *
 * <p>Only the sample is indexed. An item ranked after the sample's last, once the sample is full,
 * is turned away by one comparison, where a sorted set of the whole population paid a descent of
 * its tree (a cache miss a level at a million items) and a node per item. The price is on removal:
 * an item leaving a full sample is replaced by the best of the rest, found by a pass over the
 * population. That happens when an item is deleted or stops qualifying; a new version of an item
 * keeps its rank and takes its own place.
 *
 * <p>The sample is kept in sorted arrays ({@link SortedChunks}), not a TreeSet: a refit reads every
 * item of it in order, and a TreeSet's entries, allocated one by one as the items came over a long
 * history, lie scattered over the heap, a cache miss each before the item itself is read.
 *
 * @param <T> items, equal in the order exactly when they are versions of the same item
 */
final class BoundedSample<T> {

    private final Comparator<T> order;
    private final int capacity;
    private final SortedChunks<T> kept;

    BoundedSample(Comparator<T> order, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a sample holds at least one item, not " + capacity);
        }
        this.order = order;
        this.capacity = capacity;
        this.kept = new SortedChunks<>(order);
    }

    /**
     * Offers an item that has joined the population.
     *
     * @return true when the sample changed
     */
    boolean add(T item) {
        if (kept.size() < capacity) {
            return kept.add(item);
        }
        if (order.compare(item, kept.last()) >= 0) {
            return false;
        }
        kept.add(item);
        kept.remove(kept.last());
        return true;
    }

    /**
     * Replaces an item by a new version of it (the same rank): the sample changes only if it held it.
     *
     * @return true when the sample changed
     */
    boolean replace(T old, T current) {
        if (!kept.remove(old)) {
            return false;
        }
        kept.add(current);
        return true;
    }

    /**
     * Takes out an item that has left the population; when the sample held it, the best of the rest
     * of {@code population} (which no longer holds the item) takes its place.
     *
     * @return true when the sample changed
     */
    boolean remove(T item, Supplier<? extends Iterable<T>> population) {
        boolean wasFull = kept.size() == capacity;
        if (!kept.remove(item)) {
            return false;
        }
        if (!wasFull) {
            // A sample short of its capacity held the whole population: there is nothing to refill from.
            return true;
        }
        T last = kept.isEmpty() ? null : kept.last();
        T next = null;
        // Everything outside a full sample ranks after its last item: the refill is the least of those.
        for (T candidate : population.get()) {
            if ((last == null || order.compare(candidate, last) > 0)
                    && (next == null || order.compare(candidate, next) < 0)) {
                next = candidate;
            }
        }
        if (next != null) {
            kept.add(next);
        }
        return true;
    }

    /** The sample, in the order (a read-only view). */
    Collection<T> items() {
        return Collections.unmodifiableCollection(kept);
    }
}
