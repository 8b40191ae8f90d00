package dev.meektracker.consumers.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meektracker.consumers.alerts.GapAlert;
import dev.meektracker.core.serde.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What one sink delivered in earlier runs, kept in a file so a run on a fresh broker (a monthly
 * {@code demo --once}) does not send the whole history again: each transition by (fingerprint,
 * status, as-of date), and the latest as-of date delivered. A transition already delivered is never
 * sent again; one dated on or before what earlier runs already covered is history, sent only when
 * asked ({@code meek.notify.history}). Within one cluster the sink's consumer group already delivers
 * each record once; this adds memory across clusters and replays. Bounded: the newest
 * {@value #CAPACITY} transitions are kept.
 */
public final class DeliveredLog {

    /** What to do with a transition. */
    public enum Decision {
        SEND,
        ALREADY_DELIVERED,
        HISTORY
    }

    static final int CAPACITY = 100_000;

    private final Path file;
    private final boolean history;
    private final Set<String> delivered = new LinkedHashSet<>();
    /** The latest as-of date earlier runs delivered: fixed for this run, so transitions arriving out of date order still go. */
    private final LocalDate coveredBefore;

    private LocalDate latest;

    private DeliveredLog(Path file, boolean history) {
        this.file = file;
        this.history = history;
        LocalDate covered = null;
        if (file != null && Files.isRegularFile(file)) {
            try {
                JsonNode root = Json.MAPPER.readTree(file.toFile());
                root.path("delivered").forEach(n -> delivered.add(n.asText()));
                String w = root.path("latestAsOf").asText(null);
                covered = w == null ? null : LocalDate.parse(w);
            } catch (IOException | RuntimeException unreadable) {
                // A damaged memory must not stop alerts: start afresh (at worst, a repeat).
                delivered.clear();
                covered = null;
            }
        }
        this.coveredBefore = covered;
        this.latest = covered;
    }

    /** A log in {@code file} (created on the first delivery); {@code history}: send transitions of the past too. */
    public static DeliveredLog open(Path file, boolean history) {
        return new DeliveredLog(file, history);
    }

    /** No memory: every transition is sent (the consumer group alone keeps a cluster's deliveries once). */
    public static DeliveredLog none() {
        return new DeliveredLog(null, true);
    }

    private static String key(GapAlert a) {
        return a.fingerprint() + "|" + a.status() + "|" + a.asOf();
    }

    public synchronized Decision check(GapAlert a) {
        if (file == null) {
            return Decision.SEND;
        }
        if (delivered.contains(key(a))) {
            return Decision.ALREADY_DELIVERED;
        }
        if (!history && coveredBefore != null && a.asOf() != null && !a.asOf().isAfter(coveredBefore)) {
            return Decision.HISTORY;
        }
        return Decision.SEND;
    }

    /** Remembers a delivered transition, on disk at once (written aside, then moved over the old file). */
    public synchronized void record(GapAlert a) {
        if (file == null) {
            return;
        }
        delivered.add(key(a));
        if (a.asOf() != null && (latest == null || a.asOf().isAfter(latest))) {
            latest = a.asOf();
        }
        while (delivered.size() > CAPACITY) {
            delivered.remove(delivered.iterator().next());
        }
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("latestAsOf", latest == null ? null : latest.toString());
        ArrayNode list = root.putArray("delivered");
        delivered.forEach(list::add);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Json.MAPPER.writeValue(tmp.toFile(), root);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the notifier's memory " + file, e);
        }
    }
}
