package dev.meektracker.streams.engine;

import java.util.Map;
import java.util.TreeMap;

/**
 * The largest computes released before a date, for frontier membership, at a cost set by the span of
 * dates rather than by the models: each release day keeps its own largest computes, and so does each
 * span of {@value #SPAN} days, so the largest before a date are a merge over the days of its span
 * before it and over the spans before that (latest first, each read only while its values can still
 * enter): about 64 + 90 small arrays for 16 years of history, whatever the number of models.
 *
 * <p>Taken from the models sorted by compute instead (a walk down from the largest, skipping later
 * releases), a correction or late arrival at an early date walked past every later, larger model:
 * 2.5 ms a corrected model at 10^5 items of history, in proportion to the history.
 */
final class TopBefore {

    /** Days a span covers. */
    static final int SPAN = 64;

    /** A day's or a span's models: their count and, largest first, up to {@code keep} of their computes. */
    private static final class Bucket {
        final double[] top;
        int size;
        int models;
        /** A model among its largest left: rebuilt when next read. */
        boolean stale;

        Bucket(int keep) {
            top = new double[keep];
        }

        void offer(double compute) {
            if (size == top.length && compute <= top[size - 1]) {
                return;
            }
            int i = size == top.length ? size - 1 : size++;
            while (i > 0 && top[i - 1] < compute) {
                top[i] = top[i - 1];
                i--;
            }
            top[i] = compute;
        }

        void added(double compute) {
            models++;
            if (!stale) {
                offer(compute);
            }
        }

        /** False when it held its last model. */
        boolean removed(double compute) {
            if (--models == 0) {
                return false;
            }
            // Below a full bucket's smallest kept value it was not kept; otherwise it may have been.
            if (size < top.length || compute >= top[size - 1]) {
                stale = true;
            }
            return true;
        }

        void clear() {
            size = 0;
            stale = false;
        }
    }

    private final int keep;
    private final SortedChunks<Model> byDate;
    private final TreeMap<Integer, Bucket> days = new TreeMap<>();
    private final TreeMap<Integer, Bucket> spans = new TreeMap<>();
    /** The last day and span added to: releases come mostly in date order, to the latest ones. */
    private int lastDay = Integer.MIN_VALUE;

    private Bucket lastDayBucket;
    private int lastSpan = Integer.MIN_VALUE;
    private Bucket lastSpanBucket;

    /**
     * @param keep   the most values a query asks for (the frontier's N, plus one)
     * @param byDate the models counted, by date: each one {@link #add}ed here as it joins that set
     */
    TopBefore(int keep, SortedChunks<Model> byDate) {
        this.keep = keep;
        this.byDate = byDate;
    }

    private static int span(int day) {
        return Math.floorDiv(day, SPAN);
    }

    void add(Model m) {
        int day = m.day();
        if (day != lastDay || lastDayBucket == null) {
            lastDay = day;
            lastDayBucket = days.computeIfAbsent(day, k -> new Bucket(keep));
        }
        lastDayBucket.added(m.compute());
        int span = span(day);
        if (span != lastSpan || lastSpanBucket == null) {
            lastSpan = span;
            lastSpanBucket = spans.computeIfAbsent(span, k -> new Bucket(keep));
        }
        lastSpanBucket.added(m.compute());
    }

    void remove(Model m) {
        int day = m.day();
        Bucket d = days.get(day);
        if (d != null && !d.removed(m.compute())) {
            days.remove(day);
            if (day == lastDay) {
                lastDayBucket = null;
            }
        }
        int span = span(day);
        Bucket s = spans.get(span);
        if (s != null && !s.removed(m.compute())) {
            spans.remove(span);
            if (span == lastSpan) {
                lastSpanBucket = null;
            }
        }
    }

    /**
     * The {@code k} (at most the {@code keep} given) largest computes of the models released before
     * {@code day} (fewer when there are fewer), in a min-heap: its head is the k-th largest.
     */
    LargestValues largestBefore(int day, int k) {
        LargestValues heap = new LargestValues(k);
        int span = span(day);
        for (Map.Entry<Integer, Bucket> e :
                days.subMap(span * SPAN, true, day, false).descendingMap().entrySet()) {
            merge(heap, k, fresh(e.getKey(), e.getValue()));
        }
        for (Map.Entry<Integer, Bucket> e :
                spans.headMap(span, false).descendingMap().entrySet()) {
            Bucket b = e.getValue();
            if (b.stale) {
                b.clear();
                int from = e.getKey() * SPAN;
                for (Map.Entry<Integer, Bucket> d :
                        days.subMap(from, true, from + SPAN, false).entrySet()) {
                    Bucket f = fresh(d.getKey(), d.getValue());
                    for (int i = 0; i < f.size; i++) {
                        b.offer(f.top[i]);
                    }
                }
            }
            merge(heap, k, b);
        }
        return heap;
    }

    /** A day's bucket, read again from the models of that day when stale. */
    private Bucket fresh(int day, Bucket b) {
        if (b.stale) {
            b.clear();
            for (Model m : byDate.from(Model.probe(day))) {
                if (m.day() != day) {
                    break;
                }
                b.offer(m.compute());
            }
        }
        return b;
    }

    private static void merge(LargestValues heap, int k, Bucket b) {
        for (int i = 0; i < b.size && i < k; i++) {
            double v = b.top[i];
            if (heap.full() && (heap.size() == 0 || !(v > heap.smallest()))) {
                break; // this bucket's later values are smaller still
            }
            heap.offer(v);
        }
    }
}
