package io.stepwise.engine.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.engine.api.ErrorCode;
import io.stepwise.engine.api.StepwiseException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The run's append-only journal: one JSON object per line, forced to disk at every step transition
 * when durable. Callers pass values already masked; the journal never sees a secret in clear.
 */
final class Journal implements AutoCloseable {
    static final String FILE_NAME = "journal.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path file;
    private FileChannel channel;
    private final boolean durable;
    private long sequence;

    private Journal(Path file, FileChannel channel, boolean durable, long sequence) {
        this.file = file;
        this.channel = channel;
        this.durable = durable;
        this.sequence = sequence;
    }

    static Journal open(Path runDir, boolean durable) {
        Path file = runDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(runDir);
            long existing = Files.exists(file) ? lastSequence(file) : 0;
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            return new Journal(file, channel, durable, existing);
        } catch (IOException e) {
            throw new StepwiseException(ErrorCode.JOURNAL, "cannot open journal " + file + ": " + e.getMessage(),
                    "check that the state directory is writable", e);
        }
    }

    /** The sequence number of the last complete line, without parsing the entries. */
    private static long lastSequence(Path file) throws IOException {
        long count = 0;
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            count = lines.filter(l -> l.endsWith("}")).count();
        }
        return count;
    }

    Path file() {
        return file;
    }

    /** Appends an entry; with {@code sync}, it is on disk when this returns. */
    synchronized void append(JournalEntry entry, boolean sync) {
        try {
            appendLine(JSON.writeValueAsString(line(++sequence, Instant.now(), entry)) + "\n", sync);
        } catch (JsonProcessingException e) {
            throw new StepwiseException(ErrorCode.INTERNAL, "cannot write journal entry " + entry.getClass().getSimpleName()
                    + ": " + e.getOriginalMessage(), null, e);
        }
    }

    /** The entry as a line: seq, at, v, event, step, then the entry's own fields. */
    static ObjectNode line(long seq, Instant at, JournalEntry entry) {
        ObjectNode fields = JSON.valueToTree(entry);
        ObjectNode line = JSON.createObjectNode();
        line.put("seq", seq);
        line.put("at", at.toString());
        line.put("v", JournalEntry.FORMAT_VERSION);
        line.set("event", fields.remove("event"));
        if (fields.has("step")) {
            line.set("step", fields.remove("step"));
        }
        line.setAll(fields);
        return line;
    }

    /** Attempts at one entry while interrupts keep closing the channel under it (a Ctrl-C interrupts once). */
    private static final int WRITE_ATTEMPTS = 100;

    /**
     * Writes one line. An interrupt (Ctrl-C) closes the channel under a write, or under the force
     * after it: the channel is reopened, whatever of this entry is there is cut (all of it, when only
     * the force was cut short: writing it again after it journaled the entry twice), and the entry is
     * written again. The interrupt is kept for the run to see.
     */
    private void appendLine(String text, boolean sync) {
        byte[] line = text.getBytes(StandardCharsets.UTF_8);
        boolean interrupted = false;
        long entryStart = -1;
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    if (attempt > 1) {
                        // READ cannot go with APPEND: the entry is written at the end by position instead
                        channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                        if (entryStart < 0) {
                            truncateTornLine();
                        } else if (channel.size() > entryStart) {
                            channel.truncate(entryStart);
                        }
                        channel.position(channel.size());
                    }
                    entryStart = channel.size();
                    write(line, sync);
                    return;
                } catch (ClosedChannelException e) {
                    interrupted |= Thread.interrupted();
                    if (attempt == WRITE_ATTEMPTS) {
                        throw e;
                    }
                }
            }
        } catch (IOException e) {
            throw new StepwiseException(ErrorCode.JOURNAL, "cannot write journal " + file + ": " + e.getMessage(),
                    "check free disk space", e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void write(byte[] line, boolean sync) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(line);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        if (sync && durable) {
            channel.force(false);
        }
    }

    /** Drops a partly written last line, so the entry written again stands on a line of its own. */
    private void truncateTornLine() throws IOException {
        long size = channel.size();
        int tail = (int) Math.min(size, 1 << 20);
        ByteBuffer buffer = ByteBuffer.allocate(tail);
        channel.read(buffer, size - tail);
        int end = buffer.position();
        while (end > 0 && buffer.get(end - 1) != '\n') {
            end--;
        }
        if (end < buffer.position()) {
            channel.truncate(size - tail + end);
        }
    }

    /** One line read back: its sequence number, time, format version and entry. */
    record Line(long seq, Instant at, int version, JournalEntry entry) {
    }

    /** Reads every complete entry; a torn last line (a crash in the middle of a write) is left out. */
    static List<Line> read(Path file) {
        List<Line> entries = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StepwiseException(ErrorCode.JOURNAL, "cannot read journal " + file + ": " + e.getMessage(),
                    "check that the run directory is readable", e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            if (text.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                if (i == lines.size() - 1) {
                    break;
                }
                throw new StepwiseException(ErrorCode.JOURNAL, file + ":" + (i + 1) + ": journal entry is damaged",
                        "the journal was edited or the disk is failing; inspect it by hand", e);
            }
            entries.add(parse(node, file, i + 1));
        }
        return entries;
    }

    private static Line parse(JsonNode node, Path file, int lineNumber) {
        String event = node.path("event").asText("");
        try {
            JournalEntry entry = JSON.treeToValue(node, JournalEntry.class);
            Instant at = node.hasNonNull("at") ? Instant.parse(node.get("at").asText()) : Instant.EPOCH;
            return new Line(node.path("seq").asLong(lineNumber), at, node.path("v").asInt(1), entry);
        } catch (InvalidTypeIdException e) {
            throw new StepwiseException(ErrorCode.JOURNAL, file + ":" + lineNumber + ": unknown journal event '" + event
                    + "'", "the run was written by a newer stepwise; use that version", e);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new StepwiseException(ErrorCode.JOURNAL, file + ":" + lineNumber + ": journal entry '" + event
                    + "' cannot be read: " + e.getMessage(), "the journal was edited by hand; inspect it", e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing a journal that was already forced loses nothing
        }
    }
}
