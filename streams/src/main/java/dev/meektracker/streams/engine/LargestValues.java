package dev.meektracker.streams.engine;

import java.util.Arrays;

/**
 * The {@code k} largest of the values offered to it, repeats counted, in a min-heap of doubles: its
 * head is the k-th largest. The frontier's sweeps offer it every model after a corrected one, twice
 * (the N largest with the change and without); a {@code PriorityQueue<Double>} boxed each value and
 * compared through {@code Double.compareTo}, a quarter of a correction's time at 10^6 items.
 * Compute figures are finite and positive, so {@code <} orders them as {@code Double.compare} does.
 */
final class LargestValues {

    private final double[] heap;
    private int size;

    LargestValues(int k) {
        heap = new double[Math.max(k, 0)];
    }

    LargestValues(LargestValues other) {
        heap = other.heap.clone();
        size = other.size;
    }

    /** Keeps {@code v} when fewer than k values are held or it is above the smallest of them. */
    void offer(double v) {
        if (size < heap.length) {
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (!(v < heap[parent])) {
                    break;
                }
                heap[i] = heap[parent];
                i = parent;
            }
            heap[i] = v;
        } else if (size > 0 && v > heap[0]) {
            siftDown(v);
        }
    }

    private void siftDown(double v) {
        int i = 0;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && heap[right] < heap[child]) {
                child = right;
            }
            if (!(heap[child] < v)) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = v;
    }

    int size() {
        return size;
    }

    /** Whether k values are held. */
    boolean full() {
        return size == heap.length;
    }

    /** The smallest value held: the k-th largest offered once {@link #full}. */
    double smallest() {
        if (size == 0) {
            throw new IllegalStateException("no values");
        }
        return heap[0];
    }

    /** How many of the values held are above {@code x}. */
    int countAbove(double x) {
        int n = 0;
        for (int i = 0; i < size; i++) {
            n += heap[i] > x ? 1 : 0;
        }
        return n;
    }

    /** How many of the values held are at least {@code x}. */
    int countAtLeast(double x) {
        int n = 0;
        for (int i = 0; i < size; i++) {
            n += heap[i] >= x ? 1 : 0;
        }
        return n;
    }

    /** Whether both hold the same values, repeats counted. */
    boolean sameValues(LargestValues other) {
        if (size != other.size) {
            return false;
        }
        double[] a = Arrays.copyOf(heap, size);
        double[] b = Arrays.copyOf(other.heap, other.size);
        Arrays.sort(a);
        Arrays.sort(b);
        return Arrays.equals(a, b);
    }
}
