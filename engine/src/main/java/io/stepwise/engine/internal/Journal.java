package io.stepwise.engine.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's append-only journal: one JSON object per line, forced to disk at every step transition
 * when durable. Callers pass values already masked; the journal never sees a secret in clear.
 */
final class Journal implements AutoCloseable {
    static final String FILE_NAME = "journal.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

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
            long existing = Files.exists(file) ? read(file).size() : 0;
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            return new Journal(file, channel, durable, existing);
        } catch (IOException e) {
            throw new StepwiseException(ErrorCode.JOURNAL, "cannot open journal " + file + ": " + e.getMessage(),
                    "check that the state directory is writable", e);
        }
    }

    Path file() {
        return file;
    }

    /** Appends an entry; with {@code sync}, it is on disk when this returns. */
    synchronized void append(String event, Map<String, Object> fields, boolean sync) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("seq", ++sequence);
        entry.put("at", Instant.now().toString());
        entry.put("event", event);
        // a readable line: the step first, then the fields in the caller's order (or sorted, for Map.of)
        if (fields.containsKey("step")) {
            entry.put("step", fields.get("step"));
        }
        if (fields instanceof LinkedHashMap) {
            entry.putAll(fields);
        } else {
            new java.util.TreeMap<>(fields).forEach(entry::putIfAbsent);
        }
        try {
            byte[] line = (JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
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
        } catch (JsonProcessingException e) {
            throw new StepwiseException(ErrorCode.INTERNAL, "cannot write journal entry " + event + ": "
                    + e.getOriginalMessage(), null, e);
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

    /** Reads every complete entry; a torn last line (a crash in the middle of a write) is left out. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> read(Path file) {
        List<Map<String, Object>> entries = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StepwiseException(ErrorCode.JOURNAL, "cannot read journal " + file + ": " + e.getMessage(),
                    null, e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                entries.add(JSON.readValue(line, LinkedHashMap.class));
            } catch (JsonProcessingException e) {
                if (i == lines.size() - 1) {
                    break;
                }
                throw new StepwiseException(ErrorCode.JOURNAL, file + ":" + (i + 1) + ": journal entry is damaged",
                        "the journal was edited or the disk is failing; inspect it by hand", e);
            }
        }
        return entries;
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
