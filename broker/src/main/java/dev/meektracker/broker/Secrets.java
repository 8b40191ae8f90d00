package dev.meektracker.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Files holding secrets (key stores, client configs with passwords): readable by their owner only. */
public final class Secrets {

    private Secrets() {}

    /** Writes {@code text} to a file only its owner can read. */
    public static Path write(Path file, String text) {
        try {
            Files.writeString(file, text);
            return ownerOnly(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static Path ownerOnly(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file keeps its folder's permissions.
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restrict " + file + ": " + e.getMessage(), e);
        }
        return file;
    }
}
