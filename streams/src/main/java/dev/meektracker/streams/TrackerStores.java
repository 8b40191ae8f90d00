package dev.meektracker.streams;

/** The names of the topology's state stores, shared by the topology that declares them, the processor and the query API. */
public final class TrackerStores {

    /**
     * The latest validated input bytes of every item, by {@code <type>:<id>} (RocksDB, changelogged;
     * the engine is rebuilt from it, the page and the API read whole items from it).
     */
    public static final String ITEMS = "latest-items";
    /** The current value of every fit, by id (queryable). */
    public static final String FITS = "current-fits";
    /** The current value of every gap, by id (queryable). */
    public static final String GAPS = "current-gaps";
    /**
     * The state of every fit and gap at the end of each event-time checkpoint period in which it
     * changed, by {@code <id> NUL <asOf>} (changelogged, so restarts and topic retention lose none of
     * it). It grows with outputs x periods: about 20 ids x 12 months a year of history.
     */
    public static final String HISTORY = "output-history";

    /** The history key of an output: its id, a NUL, its as-of date (ISO dates sort as strings). */
    public static String historyKey(String id, java.time.LocalDate asOf) {
        return id + "\u0000" + asOf;
    }

    private TrackerStores() {}
}
