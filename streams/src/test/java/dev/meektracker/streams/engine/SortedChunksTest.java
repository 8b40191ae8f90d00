package dev.meektracker.streams.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The chunked sorted set against a TreeSet under random adds, removals and walks. */
class SortedChunksTest {

    private static <T> List<T> list(Iterable<T> it) {
        List<T> out = new ArrayList<>();
        it.forEach(out::add);
        return out;
    }

    /** Tens first, then the number: the natural order, with a primary key that many elements share. */
    private static final java.util.Comparator<Integer> BY_TENS = (a, b) -> {
        int c = Integer.compare(Math.floorDiv(a, 10), Math.floorDiv(b, 10));
        return c != 0 ? c : Integer.compare(a, b);
    };

    @Test
    void behavesLikeATreeSet() {
        behavesLikeATreeSet(() -> new SortedChunks<>(Integer::compare));
    }

    @Test
    void withAPrimaryKeyBehavesLikeATreeSet() {
        behavesLikeATreeSet(() -> new SortedChunks<>(Integer::compare, v -> v));
        // Keys shared by ten elements each: the search breaks ties between chunks with the order.
        behavesLikeATreeSet(() -> new SortedChunks<>(BY_TENS, v -> Math.floorDiv(v, 10)));
    }

    @Test
    void withEveryElementsKeyBehavesLikeATreeSet() {
        behavesLikeATreeSet(() -> new SortedChunks<>(Integer::compare, v -> v, true));
        behavesLikeATreeSet(() -> new SortedChunks<>(BY_TENS, v -> Math.floorDiv(v, 10), true));
        // Distinct keys that round to the same float (their spacing above 2^24 is 2): the search
        // inside a chunk breaks those ties with the order.
        behavesLikeATreeSet(() -> new SortedChunks<>(Integer::compare, v -> 16_777_216.0 + v / 4.0, true));
    }

    private static void behavesLikeATreeSet(java.util.function.Supplier<SortedChunks<Integer>> make) {
        Random r = new Random(17);
        for (int c = 0; c < 20; c++) {
            SortedChunks<Integer> chunks = make.get();
            TreeSet<Integer> tree = new TreeSet<>();
            int range = c % 2 == 0 ? 300 : 20_000;
            for (int op = 0; op < 6_000; op++) {
                int v = c % 4 == 1 ? op : r.nextInt(range); // ascending appends in some cases
                if (r.nextInt(3) > 0) {
                    assertThat(chunks.add(v)).isEqualTo(tree.add(v));
                } else {
                    assertThat(chunks.remove(v)).isEqualTo(tree.remove(v));
                }
                assertThat(chunks.size()).isEqualTo(tree.size());
                if (op % 500 == 0 || op == 5_999) {
                    assertThat(list(chunks)).containsExactlyElementsOf(tree);
                    assertThat(list(chunks.descending())).containsExactlyElementsOf(tree.descendingSet());
                    int probe = r.nextInt(range + 2) - 1;
                    assertThat(list(chunks.from(probe))).containsExactlyElementsOf(tree.tailSet(probe, true));
                    if (!tree.isEmpty()) {
                        assertThat(chunks.first()).isEqualTo(tree.first());
                        assertThat(chunks.last()).isEqualTo(tree.last());
                    }
                }
            }
            for (Integer v : new ArrayList<>(tree)) {
                assertThat(chunks.remove(v)).isTrue();
            }
            assertThat(chunks.isEmpty()).isTrue();
            assertThat(list(chunks)).isEmpty();
            assertThat(list(chunks.descending())).isEmpty();
            assertThat(list(chunks.from(5))).isEmpty();
        }
    }
}
