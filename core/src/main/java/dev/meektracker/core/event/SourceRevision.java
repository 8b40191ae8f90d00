package dev.meektracker.core.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * One fetch of a watched source, published to {@code source-revisions} whether it changed anything
 * or not: the provenance of every event the watcher publishes, which names its revision.
 *
 * @param sourceId     the source's id in the sources file
 * @param revision     this fetch's id: the source id, its body's SHA-256 prefix and the fetch time
 * @param url          what was fetched (never with credentials: headers carry them)
 * @param fetchedAt    when the fetch started
 * @param httpStatus   the HTTP status (200, 304, 500, ...), or null for file: URLs and failures before an answer
 * @param etag         the answer's ETag, or null
 * @param lastModified the answer's Last-Modified, or null
 * @param sha256       SHA-256 of the body, hex, or null when there was none (304, failure)
 * @param outcome      unchanged, published, held-back, failed
 * @param rows         rows read from the body
 * @param accepted     rows that became events
 * @param rejectedByReason rows rejected, counted by reason
 * @param skipped      rows that are not errors but carry nothing to publish (no score yet, ...)
 * @param notedByReason rows published with a value left out or not understood (a cell listing
 *                     different values, an accessibility Epoch did not use before) or with their id
 *                     qualified (two makers' models sharing a name's id), counted by reason
 * @param superseded   rows or results left out because another with the same id was kept
 * @param upserts      events published as new or changed
 * @param tombstones   items published as deleted
 * @param durationMs   fetch, parse, diff and publish, milliseconds
 * @param error        what went wrong, in words, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SourceRevision(
        String sourceId,
        String revision,
        String url,
        Instant fetchedAt,
        Integer httpStatus,
        String etag,
        String lastModified,
        String sha256,
        String outcome,
        int rows,
        int accepted,
        Map<String, Long> rejectedByReason,
        int skipped,
        Map<String, Long> notedByReason,
        int superseded,
        int upserts,
        int tombstones,
        long durationMs,
        String error) {

    public static final String UNCHANGED = "unchanged";
    public static final String PUBLISHED = "published";
    public static final String HELD_BACK = "held-back";
    public static final String FAILED = "failed";

    public SourceRevision {
        rejectedByReason = OrderedMaps.copyOf(rejectedByReason);
        notedByReason = OrderedMaps.copyOf(notedByReason);
    }
}
