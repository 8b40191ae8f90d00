package dev.meektracker.streams;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of the tracker's RocksDB stores, after Kafka Streams' memory-management
 * guide: one block cache for every store, with the memtables charged to it and index and filter
 * blocks kept in it. Kafka Streams' own defaults give each store a 50 MB cache and three 16 MB
 * memtables of its own, which alone would take a long-running role past its resident-memory budget;
 * the tracker's one large store (the latest version of every item) is read at start-up and on
 * duplicates, so a small cache costs little.
 */
public final class BoundedRocksDb implements RocksDBConfigSetter {

    /** Block cache shared by every store, memtables included. */
    static final long CACHE_BYTES = 32L << 20;
    /** Of it, at most this much memtable. */
    static final long MEMTABLE_BYTES = 16L << 20;

    static final long WRITE_BUFFER_BYTES = 8L << 20;

    // Static: one cache and one write-buffer manager for every store of the process, never closed
    // (closing them with the first store to close would break the others).
    private static final Cache CACHE = new LRUCache(CACHE_BYTES, -1, false, 0.1);
    private static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(MEMTABLE_BYTES, CACHE);

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(CACHE);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(WRITE_BUFFERS);
        options.setMaxWriteBufferNumber(2);
        options.setWriteBufferSize(WRITE_BUFFER_BYTES);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the write-buffer manager are shared: see above.
    }
}
