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

    private void appendLine(String text, boolean sync) {
        try {
            byte[] line = text.getBytes(StandardCharsets.UTF_8);
            try {
                write(line, sync);
            } catch (ClosedChannelException e) {
                // an interrupt (Ctrl-C) closed the channel under a write: reopen and write the entry again
                boolean interrupted = Thread.interrupted();
                // READ cannot go with APPEND: the entry is written at the end by position instead
                channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                truncateTornLine();
                channel.position(channel.size());
                write(line, sync);
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        } catch (IOException e) {
            throw new StepwiseException(ErrorCode.JOURNAL, "cannot write journal " + file + ": " + e.getMessage(),
                    "check free disk space", e);
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
