package dev.meektracker.streams;

/** The names of the topology's state stores, shared by the topology that declares them, the processor and the query API. */
public final class TrackerStores {

    /** The latest validated input bytes of every item, by {@code <type>:<id>} (changelogged; the engine is rebuilt from it). */
    public static final String ITEMS = "latest-items";
    /** The current value of every fit, by id (queryable). */
    public static final String FITS = "current-fits";
    /** The current value of every gap, by id (queryable). */
    public static final String GAPS = "current-gaps";

    private TrackerStores() {}
}
