package dev.meektracker.streams;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.meektracker.core.event.InputEvent;
import dev.meektracker.core.event.InputType;

/**
 * A validated input on its way to the gap engine: the event (null for a tombstone, which deletes
 * the item), its type and key, and where it came from, so a failure further on can still name the
 * original topic, partition and offset in its dead letter.
 *
 * @param raw the validated input exactly as it arrived, kept so the latest-items store can hold it
 *            without serializing the event again; not carried through a repartition topic
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Envelope(
        InputType type,
        String key,
        InputEvent event,
        String sourceTopic,
        int partition,
        long offset,
        @JsonIgnore byte[] raw) {

    public Envelope(InputType type, String key, InputEvent event, String sourceTopic, int partition, long offset) {
        this(type, key, event, sourceTopic, partition, offset, null);
    }

    /** The key of this item in the latest-items store: type and stable id. */
    @JsonIgnore
    public String itemKey() {
        return itemKey(type, key);
    }

    public static String itemKey(InputType type, String key) {
        return type.wire() + ":" + key;
    }

    /** The type of an item from its key in the latest-items store. */
    public static InputType typeOfItemKey(String itemKey) {
        return InputType.fromWire(itemKey.substring(0, itemKey.indexOf(':')));
    }
}
