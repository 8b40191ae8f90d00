package dev.meektracker.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class RocksDbLibraryTest {

    @TempDir
    Path cache;

    private static List<Path> files(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void unpacksOnceAndReusesAnIntactCopy() throws Exception {
        Path dir = RocksDbLibrary.cached(cache);
        assertThat(dir).isNotNull();
        List<Path> unpacked = files(cache);
        assertThat(unpacked).hasSize(1);
        Path lib = unpacked.get(0);
        assertThat(lib.getFileName().toString()).startsWith("librocksdbjni");
        assertThat(Files.size(lib)).isGreaterThan(1_000_000);

        Files.setLastModifiedTime(lib, FileTime.fromMillis(0));
        assertThat(RocksDbLibrary.cached(cache)).isEqualTo(dir);
        assertThat(Files.getLastModifiedTime(lib).toMillis())
                .as("not written again")
                .isZero();
        assertThat(files(cache)).containsExactly(lib);
    }

    @Test
    void aDamagedCopyIsWrittenAgain() throws Exception {
        Path dir = RocksDbLibrary.cached(cache);
        Path lib = files(cache).get(0);
        long size = Files.size(lib);
        // Cut short (a crash while copying), then the same size with other bytes.
        Files.write(lib, new byte[1000]);
        assertThat(RocksDbLibrary.cached(cache)).isEqualTo(dir);
        assertThat(Files.size(lib)).isEqualTo(size);
        byte[] changed = Files.readAllBytes(lib);
        changed[changed.length / 2] ^= 1;
        Files.write(lib, changed);
        RocksDbLibrary.cached(cache);
        assertThat(Files.readAllBytes(lib)[changed.length / 2]).isEqualTo((byte) (changed[changed.length / 2] ^ 1));
        assertThat(files(cache)).containsExactly(lib);
    }

    @Test
    void anotherBuildsCopyIsRemovedWhenThisOneIsUnpacked() throws Exception {
        Path old = Files.createDirectories(cache.resolve("14000000-1a2b3c"));
        Files.write(old.resolve("librocksdbjni-linux64.so"), new byte[10]);
        Path mine = Files.createDirectories(cache.resolve("notes"));
        RocksDbLibrary.cached(cache);
        assertThat(old).doesNotExist();
        assertThat(mine).as("not a copy of the library: left alone").exists();
        assertThat(files(cache)).hasSize(1);
    }

    @Test
    void theLibraryLoadsAndWorks() throws Exception {
        RocksDbLibrary.load(cache);
        try (Options options = new Options().setCreateIfMissing(true);
                RocksDB db = RocksDB.open(options, cache.resolve("db").toString())) {
            db.put("k".getBytes(), "v".getBytes());
            assertThat(new String(db.get("k".getBytes()))).isEqualTo("v");
        }
    }

    @Test
    void anUnwritableCacheIsNoError() throws Exception {
        Path file = Files.writeString(cache.resolve("not-a-folder"), "x");
        RocksDbLibrary.load(file.resolve("native"));
        try (Options options = new Options().setCreateIfMissing(true);
                RocksDB db = RocksDB.open(options, cache.resolve("db2").toString())) {
            assertThat(db.get("k".getBytes())).isNull();
        }
    }
}
