package io.stepwise.steps.diff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** What the diff found in one table; updated by chunk workers, read at the end. */
final class TableReport {
    /** How a table compares. */
    enum Status {
        EQUAL, DIFFERING, MISSING_TABLE, EXTRA_TABLE, SCHEMA_DIFFERS
    }

    private static final int SAMPLES = 5;

    final String table;
    final AtomicLong rowsSource = new AtomicLong();
    final AtomicLong rowsTarget = new AtomicLong();
    final AtomicLong changed = new AtomicLong();
    final AtomicLong missing = new AtomicLong();
    final AtomicLong extra = new AtomicLong();
    final AtomicLong chunks = new AtomicLong();
    final AtomicLong chunksDone = new AtomicLong();
    final AtomicLong chunksDiffering = new AtomicLong();
    private final List<String> samples = new ArrayList<>();
    private volatile Status fixedStatus;
    private volatile String note = "";

    TableReport(String table) {
        this.table = table;
    }

    void set(Status status, String text) {
        this.fixedStatus = status;
        this.note = text;
    }

    void note(String text) {
        this.note = text;
    }

    synchronized void sample(String what) {
        if (samples.size() < SAMPLES) {
            samples.add(what);
        }
    }

    long differing() {
        return changed.get() + missing.get() + extra.get();
    }

    Status status() {
        if (fixedStatus != null) {
            return fixedStatus;
        }
        return differing() > 0 || chunksDiffering.get() > 0 ? Status.DIFFERING : Status.EQUAL;
    }

    boolean passes() {
        return status() == Status.EQUAL;
    }

    synchronized Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("table", table);
        out.put("status", status().name().toLowerCase(java.util.Locale.ROOT));
        out.put("rows_source", rowsSource.get());
        out.put("rows_target", rowsTarget.get());
        out.put("changed", changed.get());
        out.put("missing", missing.get());
        out.put("extra", extra.get());
        out.put("chunks", chunks.get());
        out.put("chunks_differing", chunksDiffering.get());
        out.put("samples", List.copyOf(samples));
        out.put("note", note);
        return out;
    }

    /** One line for a failure message. */
    String summary() {
        return table + " " + status().name().toLowerCase(java.util.Locale.ROOT)
                + (differing() > 0 ? " (" + changed + " changed, " + missing + " missing, " + extra + " extra)" : "")
                + (note.isEmpty() ? "" : " (" + note + ")");
    }
}
