package dev.meektracker.streams.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The open-addressing table of current items against a HashMap under random puts and removals. */
class CurrentItemsTest {

    record Item(String id, LocalDate date, int version) {}

    @Test
    void behavesLikeAMapAndKeepsTheLatestDate() {
        Random r = new Random(5);
        for (int c = 0; c < 10; c++) {
            CurrentItems<Item> items = new CurrentItems<>(Item::id, Item::date);
            Map<String, Item> map = new HashMap<>();
            // Few ids in some cases (long probe runs, many removals), many in others (growth).
            int ids = c % 2 == 0 ? 40 : 5_000;
            for (int op = 0; op < 20_000; op++) {
                String id = "id-" + r.nextInt(ids);
                if (r.nextInt(3) > 0) {
                    Item item = new Item(id, LocalDate.of(2020, 1, 1).plusDays(r.nextInt(2000)), r.nextInt(3));
                    boolean[] told = {false};
                    boolean changed = items.put(id, item, (old, neu) -> {
                        told[0] = true;
                        assertThat(old).isEqualTo(map.get(id));
                        assertThat(neu).isEqualTo(item);
                    });
                    assertThat(changed).isEqualTo(!item.equals(map.get(id))).isEqualTo(told[0]);
                    map.put(id, item);
                } else {
                    Item[] removed = {null};
                    assertThat(items.remove(id, old -> removed[0] = old)).isEqualTo(map.containsKey(id));
                    assertThat(removed[0]).isEqualTo(map.remove(id));
                }
                if (op % 1_000 == 0) {
                    for (String k : map.keySet()) {
                        assertThat(items.get(k)).isEqualTo(map.get(k));
                        assertThat(items.isCurrent(k, map.get(k))).isTrue();
                    }
                    assertThat(items.values()).containsExactlyInAnyOrderElementsOf(map.values());
                    assertThat(items.last())
                            .isEqualTo(map.values().stream()
                                    .map(Item::date)
                                    .max(LocalDate::compareTo)
                                    .orElse(null));
                }
            }
            for (int i = 0; i < ids; i++) {
                String id = "id-" + i;
                assertThat(items.get(id)).isEqualTo(map.get(id));
            }
        }
    }
}
