package dev.meektracker.launcher.bench;

import dev.meektracker.core.config.Settings;
import dev.meektracker.core.config.TrackerConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The exactly-once topology with one setting changed, run in every round of the bench beside the
 * configured one, so that what a choice costs is measured seconds apart on the same records.
 *
 * @param key    its rate's name in the JSON ({@code rates.exactlyOnce…})
 * @param label  how the bench's output names it
 * @param config the configuration it runs with
 */
public record TopologyVariant(String key, String label, TrackerConfig config) {

    /**
     * The variants of {@code config} worth a run: its latest items on the heap when they are in
     * RocksDB (what the lean store costs), and no event-time checkpoints when there are. The latter
     * is not the same work minus the checkpoints: without them a replay is published on the wall
     * clock throughout (sigmoid refits every 2 s included), the regime the checkpoints replaced, so
     * it measures determinism against that regime, and its rate depends on where the ticks fall.
     */
    public static List<TopologyVariant> of(TrackerConfig config) {
        List<TopologyVariant> variants = new ArrayList<>();
        if (!config.itemsInMemory()) {
            variants.add(new TopologyVariant(
                    "exactlyOnceItemsInMemory",
                    "latest items in memory (meek.items.store=memory)",
                    config.with(Settings.ITEMS_STORE, "memory")));
        }
        if (!config.string(Settings.EMIT_CHECKPOINT).equalsIgnoreCase("none")) {
            variants.add(new TopologyVariant(
                    "exactlyOnceNoCheckpoints",
                    "no event-time checkpoints (meek.emit.checkpoint=none)",
                    config.with(Settings.EMIT_CHECKPOINT, "none")));
        }
        return variants;
    }
}
