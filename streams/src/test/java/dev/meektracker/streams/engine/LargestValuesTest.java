package dev.meektracker.streams.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The k largest values kept in a heap of doubles, against a sorted list of everything offered. */
class LargestValuesTest {

    @Test
    void holdsTheKLargestOfferedRepeatsCounted() {
        Random r = new Random(7);
        for (int k = 1; k <= 12; k++) {
            for (int trial = 0; trial < 50; trial++) {
                LargestValues heap = new LargestValues(k);
                List<Double> offered = new ArrayList<>();
                int n = r.nextInt(40);
                for (int i = 0; i < n; i++) {
                    // Few distinct values, so that repeats straddle the k-th place.
                    double v = 1e20 * (1 + r.nextInt(6));
                    heap.offer(v);
                    offered.add(v);
                    List<Double> sorted = new ArrayList<>(offered);
                    sorted.sort(Collections.reverseOrder());
                    List<Double> largest = sorted.subList(0, Math.min(k, sorted.size()));
                    assertThat(heap.size()).isEqualTo(largest.size());
                    assertThat(heap.full()).isEqualTo(largest.size() == k);
                    assertThat(heap.smallest()).isEqualTo(largest.get(largest.size() - 1));
                    double x = 1e20 * (1 + r.nextInt(6));
                    assertThat(heap.countAbove(x))
                            .isEqualTo((int) largest.stream().filter(y -> y > x).count());
                    assertThat(heap.countAtLeast(x)).isEqualTo((int)
                            largest.stream().filter(y -> y >= x).count());
                }
            }
        }
    }

    @Test
    void sameValuesComparesTheMultisetsWhateverTheOrderOffered() {
        LargestValues a = new LargestValues(3);
        LargestValues b = new LargestValues(3);
        for (double v : new double[] {5, 1, 5, 3, 2}) {
            a.offer(v);
        }
        for (double v : new double[] {3, 5, 5}) {
            b.offer(v);
        }
        assertThat(a.sameValues(b)).isTrue();
        LargestValues copy = new LargestValues(a);
        copy.offer(4);
        assertThat(copy.sameValues(a)).isFalse();
        assertThat(a.sameValues(b)).as("the copy is its own heap").isTrue();
        LargestValues fewer = new LargestValues(3);
        fewer.offer(5);
        fewer.offer(5);
        assertThat(fewer.sameValues(a)).isFalse();
    }

    @Test
    void anEmptyHeapHasNoSmallest() {
        assertThatThrownBy(() -> new LargestValues(2).smallest()).isInstanceOf(IllegalStateException.class);
        LargestValues none = new LargestValues(0);
        none.offer(1);
        assertThat(none.size()).isZero();
        assertThat(none.full()).isTrue();
    }
}
