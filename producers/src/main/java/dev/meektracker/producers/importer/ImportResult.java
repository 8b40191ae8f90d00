package dev.meektracker.producers.importer;

import dev.meektracker.core.event.InputEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What an import produced: the valid events in file order, and every rejected row with its reason. */
public final class ImportResult {

    private final List<InputEvent> events = new ArrayList<>();
    private final List<Rejection> rejections = new ArrayList<>();
    private final List<Rejection> skipped = new ArrayList<>();
    private final Map<String, Integer> rowsByFile = new TreeMap<>();
    private final List<Rejection> supersededRows = new ArrayList<>();
    private final List<Rejection> notes = new ArrayList<>();
    private final List<Rejection> missingColumns = new ArrayList<>();
    private int superseded;

    public void accept(InputEvent event) {
        events.add(event);
    }

    public void reject(Rejection rejection) {
        rejections.add(rejection);
    }

    /** A row that is not an error but holds nothing to publish yet (a benchmark row with no score): counted apart. */
    public void skip(Rejection why) {
        skipped.add(why);
    }

    public List<Rejection> skipped() {
        return Collections.unmodifiableList(skipped);
    }

    /** Skipped rows counted by reason, most frequent first. */
    public Map<String, Long> skippedByReason() {
        return byReason(skipped);
    }

    void countRow(String file) {
        rowsByFile.merge(file, 1, Integer::sum);
    }

    /** Rows that repeated an id already seen in the same import and lost to it (reported, not rejected). */
    void countSuperseded(int n) {
        superseded += n;
    }

    /**
     * A row published with a remark: a value left out (a cell listing different values), or its id
     * qualified because another model's row has the name's id.
     */
    void note(Rejection why) {
        notes.add(why);
    }

    /** The remarks on published rows, in file order. */
    public List<Rejection> notes() {
        return Collections.unmodifiableList(notes);
    }

    /** Those notes counted by reason, most frequent first. */
    public Map<String, Long> notesByReason() {
        return byReason(notes);
    }

    /**
     * A column the importer reads that a file lacks: every row of it loses that field. Said once for
     * the file, on its header line, apart from the rows' notes.
     */
    void missingColumn(Rejection why) {
        missingColumns.add(why);
    }

    /** The columns files lacked, in the order the files were read. */
    public List<Rejection> missingColumns() {
        return Collections.unmodifiableList(missingColumns);
    }

    /** A row left out because another row of the same import has its id, with the reason (counted as superseded). */
    void supersede(Rejection why) {
        supersededRows.add(why);
        superseded++;
    }

    /** The superseded rows that come with a reason (a model id shared by two rows), in file order. */
    public List<Rejection> supersededRows() {
        return Collections.unmodifiableList(supersededRows);
    }

    /** Superseded rows with a reason, counted by reason, most frequent first. */
    public Map<String, Long> supersededByReason() {
        return byReason(supersededRows);
    }

    public void addAll(ImportResult other) {
        events.addAll(other.events);
        rejections.addAll(other.rejections);
        skipped.addAll(other.skipped);
        supersededRows.addAll(other.supersededRows);
        notes.addAll(other.notes);
        missingColumns.addAll(other.missingColumns);
        other.rowsByFile.forEach((f, n) -> rowsByFile.merge(f, n, Integer::sum));
        superseded += other.superseded;
    }

    public List<InputEvent> events() {
        return Collections.unmodifiableList(events);
    }

    public List<Rejection> rejections() {
        return Collections.unmodifiableList(rejections);
    }

    /** Rows with at least one rejection: a row can break several rules, each its own rejection. */
    public long rejectedRows() {
        return rejections.stream()
                .map(r -> r.file() + "\u0000" + r.line())
                .distinct()
                .count();
    }

    public int rows() {
        return rowsByFile.values().stream().mapToInt(Integer::intValue).sum();
    }

    public Map<String, Integer> rowsByFile() {
        return Collections.unmodifiableMap(rowsByFile);
    }

    public int superseded() {
        return superseded;
    }

    /** Rejections counted by reason class, most frequent first. */
    public Map<String, Long> rejectionsByReason() {
        return byReason(rejections);
    }

    private static Map<String, Long> byReason(List<Rejection> rows) {
        return rows.stream()
                .collect(Collectors.groupingBy(Rejection::category, TreeMap::new, Collectors.counting()))
                .entrySet()
                .stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .collect(Collectors.toMap(
                        Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, java.util.LinkedHashMap::new));
    }

    /** Events counted by their logical type. */
    public Map<String, Long> eventsByType() {
        return events.stream()
                .collect(Collectors.groupingBy(e -> e.inputType().wire(), TreeMap::new, Collectors.counting()));
    }

    public <T> List<T> eventsOf(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
    }
}
