package dev.meektracker.producers.importer;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * The files inside an archive given in their place. Epoch AI's Benchmarking Hub is downloaded as one
 * zip of CSVs ({@code benchmark_data.zip}, with the ECI file whose accessibility the other files are
 * joined to), and a large export is often kept gzip-compressed; a user points the tracker at the
 * download as it came. What is unpacked is counted as it comes, not taken from the archive's own
 * sizes, which it may misstate: a small zip can hold gigabytes of repeated bytes (a "zip bomb").
 */
public final class Archives {

    /** The most a local archive given on the command line may unpack to: 1 GiB, some 150 times Epoch AI's largest export. */
    public static final long LOCAL_MAX_BYTES = 1L << 30;

    private Archives() {}

    /** Whether a file starts with a zip's local-file signature. */
    public static boolean isZip(Path p) throws IOException {
        byte[] head = head(p);
        return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    }

    /** Whether a file starts with gzip's magic bytes. */
    public static boolean isGzip(Path p) throws IOException {
        byte[] head = head(p);
        return head.length >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B;
    }

    private static byte[] head(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            return in.readNBytes(4);
        }
    }

    /**
     * What a path given as input holds: the path itself, or the input files a zip or gzip holds,
     * unpacked into a directory of their own under {@code dir} (which the caller deletes), so that
     * two archives holding files of one name do not overwrite each other. A zip's files are those
     * whose names end in {@code .csv}, {@code .jsonl}, {@code .ndjson} or {@code .json} (a README or
     * a licence beside them is left); a gzip's one file takes the archive's name without {@code .gz}.
     *
     * @param maxBytes the most the archive may unpack to, all its files together
     * @param limit    that limit in words, for the error past it
     */
    public static List<Path> unpack(Path p, Path dir, long maxBytes, String limit) throws IOException {
        if (isZip(p)) {
            return unzip(
                    p,
                    p.getFileName().toString(),
                    Files.createTempDirectory(dir, "zip-"),
                    maxBytes,
                    limit,
                    Archives::isInputFile,
                    "CSV or JSON-lines");
        }
        if (isGzip(p)) {
            String name = p.getFileName().toString();
            String inner = name.toLowerCase(Locale.ROOT).endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
            if (!isInputFile(inner)) {
                throw new IllegalArgumentException(name + " is gzip-compressed, and the name of what it holds ('"
                        + inner + "') does not say its type: name it like models.csv.gz or models.jsonl.gz");
            }
            Path out = Files.createTempDirectory(dir, "gz-").resolve(inner);
            try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
                copy(in, out, maxBytes, p.getFileName() + " unpacks to more than " + limit);
            } catch (EOFException | ZipException e) {
                throw new IllegalArgumentException(
                        p.getFileName() + " is gzip-compressed but not a complete gzip file (" + why(e) + ")");
            }
            return List.of(out);
        }
        return List.of(p);
    }

    /** What office document a zip entry's name betrays (an .xlsx holds xl/workbook.xml), or null. */
    private static String officeKind(String entry) {
        return switch (entry) {
            case "xl/workbook.xml" -> "an Excel workbook (.xlsx)";
            case "word/document.xml" -> "a Word document (.docx)";
            case "content.xml" -> "an OpenDocument file (.ods, .odt)";
            default -> null;
        };
    }

    /** Whether a file name is of an input type: .csv, .jsonl, .ndjson or .json. */
    static boolean isInputFile(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".csv") || n.endsWith(".jsonl") || n.endsWith(".ndjson") || n.endsWith(".json");
    }

    /**
     * The files of a zip that {@code wanted} names, each unpacked into {@code dir} under its base name
     * (a path in the zip never leaves {@code dir}), in the zip's order. A broken zip, one with no such
     * file, one whose files unpack to more than {@code maxBytes} together, and one with two such files
     * of one base name (in two folders: one would silently replace the other) are errors.
     *
     * @param shownAs the zip's name in errors (a fetched body's source, say, rather than its scratch file)
     * @param limit {@code maxBytes} in words, for the error past it
     * @param what the files wanted, in words, for the error when there are none
     */
    public static List<Path> unzip(
            Path zip, String shownAs, Path dir, long maxBytes, String limit, Predicate<String> wanted, String what)
            throws IOException {
        List<Path> files = new ArrayList<>();
        Map<String, String> entryOf = new HashMap<>();
        String office = null;
        long total = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                String entry = e.getName();
                if (office == null) {
                    office = officeKind(entry);
                }
                String base = entry.substring(entry.lastIndexOf('/') + 1);
                // Dot-files are a system's own (macOS puts "._name" copies under __MACOSX/).
                if (e.isDirectory() || base.startsWith(".") || entry.startsWith("__MACOSX/") || !wanted.test(base)) {
                    continue;
                }
                // Without regard to case: on macOS's and Windows' file systems the two would be one file.
                String earlier = entryOf.putIfAbsent(base.toLowerCase(Locale.ROOT), entry);
                if (earlier != null) {
                    throw new IllegalArgumentException(shownAs + " holds two files named " + base + " (" + earlier
                            + " and " + entry + "): unzip it and give the one you mean");
                }
                Path out;
                try {
                    out = Files.createFile(dir.resolve(base));
                } catch (java.nio.file.FileSystemException | java.nio.file.InvalidPathException unnamed) {
                    // A name this file system cannot hold (too long, say): said by the entry, not the scratch path.
                    throw new IllegalArgumentException(shownAs + " holds a file whose name cannot be written here ("
                            + (entry.length() > 80 ? entry.substring(0, 77) + "..." : entry)
                            + "): unzip it and rename it");
                }
                total += copy(in, out, maxBytes - total, shownAs + "'s files unzip to more than " + limit);
                files.add(out);
            }
        } catch (EOFException | ZipException broken) {
            throw new IllegalArgumentException(shownAs + " is a zip archive that does not open (" + why(broken) + ")");
        }
        if (files.isEmpty() && office != null) {
            // A spreadsheet is a zip too: said as what it is, with the step that makes it readable.
            throw new IllegalArgumentException(shownAs + " is " + office + ", not " + what
                    + " text: save the sheet as CSV (in Excel or LibreOffice: Save As, CSV UTF-8) and give that");
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(shownAs + " holds no " + what + " file (or is not a complete zip)");
        }
        return files;
    }

    /** An unreadable archive's reason: the JDK's words, or that it ends early where it has none. */
    private static String why(IOException e) {
        return e instanceof EOFException || e.getMessage() == null
                ? "it ends too early: a download cut short?"
                : e.getMessage();
    }

    /** Copies at most {@code budget} bytes, failing with {@code tooLarge} past it; returns the bytes copied. */
    private static long copy(InputStream in, Path out, long budget, String tooLarge) throws IOException {
        long n = 0;
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream to = Files.newOutputStream(out)) {
            for (int r; (r = in.read(buffer)) > 0; ) {
                n += r;
                if (n > budget) {
                    throw new IllegalArgumentException(tooLarge);
                }
                to.write(buffer, 0, r);
            }
        }
        return n;
    }
}
