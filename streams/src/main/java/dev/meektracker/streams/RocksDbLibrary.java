package dev.meektracker.streams;

import dev.meektracker.core.config.TempDirectories;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.zip.CRC32;
import org.rocksdb.RocksDB;
import org.rocksdb.util.Environment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads RocksDB's native library from a copy unpacked once per user and library build, instead of
 * unpacking it from the jar into the temporary folder at every start, as RocksDB does: 15 MB
 * inflated and written took 160 ms of CPU of every start of a Streams application (200 ms against
 * 40 ms for the whole load, measured on this project's 2-core VM). The copy lives in
 * {@code ~/.meek-tracker/native/<size>-<crc>/}, named by the jar entry's size and CRC-32, and is
 * loaded only while it still has that size and CRC (checked at each load, 10 ms): a copy cut short
 * by a crash or changed since is written again. Anything in the way (no home folder, a read-only
 * one, the library not in a jar) falls back to RocksDB's own loading, so this can only save time.
 */
final class RocksDbLibrary {

    private static final Logger LOG = LoggerFactory.getLogger(RocksDbLibrary.class);

    private RocksDbLibrary() {}

    /** Loads the library, from the cached copy when one can be used or made. Idempotent. */
    static void load() {
        load(Path.of(System.getProperty("user.home"), ".meek-tracker", "native"));
    }

    static void load(Path cacheRoot) {
        Path dir = null;
        try {
            dir = cached(cacheRoot);
        } catch (IOException | RuntimeException e) {
            LOG.debug("RocksDB's native library is unpacked by RocksDB: {}", e.toString());
        }
        if (dir != null) {
            try {
                RocksDB.loadLibrary(List.of(dir.toString()));
                return;
            } catch (RuntimeException | LinkageError e) {
                LOG.debug("RocksDB's native library did not load from {}: {}", dir, e.toString());
            }
        }
        RocksDB.loadLibrary();
    }

    /**
     * The folder holding an intact copy of this platform's library, unpacked now if needed; null when
     * the library is not a jar entry (RocksDB then finds it its own way).
     */
    static Path cached(Path cacheRoot) throws IOException {
        String name = Environment.getJniLibraryFileName("rocksdb");
        URL url = RocksDB.class.getClassLoader().getResource(name);
        if (url == null) {
            return null;
        }
        URLConnection connection = url.openConnection();
        if (!(connection instanceof JarURLConnection jar)) {
            return null;
        }
        connection.setUseCaches(true);
        JarEntry entry = jar.getJarEntry();
        if (entry.getSize() < 0 || entry.getCrc() < 0) {
            return null;
        }
        Path dir = cacheRoot.resolve(entry.getSize() + "-" + Long.toHexString(entry.getCrc()));
        Path lib = dir.resolve(name);
        if (intact(lib, entry)) {
            return dir;
        }
        Files.createDirectories(dir);
        // Written beside its final name and moved into place whole: a process loading it meanwhile
        // (another tracker starting) sees the old file or the new one, never half of one.
        Path part = Files.createTempFile(dir, name, ".part");
        try {
            try (InputStream in = jar.getInputStream()) {
                Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
            }
            if (!intact(part, entry)) {
                throw new IOException("the unpacked " + name + " does not match its jar entry");
            }
            Files.move(part, lib, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(part);
        }
        pruneOthers(cacheRoot, dir);
        return dir;
    }

    /**
     * Removes the copies of other library builds (left by earlier versions of the tracker), so the
     * cache holds one 15 MB library rather than one per upgrade. A process still running from one of
     * them keeps its mapping; it unpacks its library again at its next start.
     */
    private static void pruneOthers(Path cacheRoot, Path keep) {
        try (var others = Files.list(cacheRoot)) {
            for (Path other : (Iterable<Path>) others::iterator) {
                if (!other.equals(keep) && other.getFileName().toString().matches("\\d+-[0-9a-f]+")) {
                    TempDirectories.deleteQuietly(other);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("old copies of RocksDB's library left in {}: {}", cacheRoot, e.toString());
        }
    }

    /** Whether {@code file} has the jar entry's size and CRC-32. */
    static boolean intact(Path file, JarEntry entry) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) != entry.getSize()) {
            return false;
        }
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                crc.update(buffer, 0, n);
            }
        }
        return crc.getValue() == entry.getCrc();
    }
}
