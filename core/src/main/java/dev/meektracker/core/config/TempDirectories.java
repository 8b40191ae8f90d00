package dev.meektracker.core.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Temporary directories the tracker makes for itself (Kafka Streams state when {@code meek.state.dir}
 * is empty) and removes when it stops, so repeated demo runs do not pile state up in /tmp.
 */
public final class TempDirectories {

    private TempDirectories() {}

    public static Path create(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the directory and everything in it; what cannot be deleted is left (it is only temporary data). */
    public static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a file still open elsewhere: the OS cleans /tmp eventually
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // the tree changed while walking it: nothing more to do for temporary data
        }
    }
}
