package dev.meektracker.core;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the real public data lives (../shared/data beside the project); tests that need it skip without it. */
public final class SharedData {

    private SharedData() {}

    public static Path dir() {
        String configured = System.getProperty(
                "meek.shared.data", System.getenv().getOrDefault("MEEK_SHARED_DATA", "../shared/data"));
        Path p = Path.of(configured).toAbsolutePath().normalize();
        assumeTrue(
                Files.isDirectory(p),
                "real data not found at " + p + ": set -Dmeek.shared.data or MEEK_SHARED_DATA to run this test");
        return p;
    }

    public static Path file(String relative) {
        Path p = dir().resolve(relative);
        assumeTrue(Files.isRegularFile(p), "real data file not found: " + p);
        return p;
    }
}
