package dev.meektracker.streams.engine;

import java.util.AbstractCollection;
import java.util.Collection;
import java.util.Iterator;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/** Read-only collection views over the engine's own structures, without copying them. */
final class Views {

    private Views() {}

    static <T> Collection<T> of(IntSupplier size, Supplier<Iterator<T>> iterator) {
        return new AbstractCollection<T>() {
            @Override
            public int size() {
                return size.getAsInt();
            }

            @Override
            public Iterator<T> iterator() {
                return iterator.get();
            }
        };
    }
}
