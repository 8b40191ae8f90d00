package dev.meektracker.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * Checks, before a command does its work, that a file it will write at the end can be written: a
 * report or figures that cannot be saved should fail in a second, not after the replay or the bench.
 */
final class OutputFiles {

    private OutputFiles() {}

    /** Throws a usage error naming {@code option} unless a file can be created beside {@code file}. */
    static void requireWritable(CommandLine commandLine, String option, Path file) {
        if (file == null) {
            return;
        }
        Path dir = file.toAbsolutePath().getParent();
        boolean writable = dir != null && Files.isDirectory(dir) && !Files.isDirectory(file);
        if (writable) {
            // A probe file, not Files.isWritable: root may "write" to /proc, and would fail only at the write.
            try {
                Files.delete(Files.createTempFile(dir, ".meek-tracker-", ".probe"));
            } catch (IOException | UnsupportedOperationException e) {
                writable = false;
            }
        }
        if (!writable) {
            throw new CommandLine.ParameterException(commandLine, option + " " + file + ": cannot write a file there");
        }
    }
}
