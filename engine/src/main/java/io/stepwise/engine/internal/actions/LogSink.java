package io.stepwise.engine.internal.actions;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A log file in the run directory that receives a child's output, masked, in lines or in blocks. Writing
 * problems (a full disk) are logged once and never fail the command.
 */
final class LogSink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogSink.class);

    private final Path file;
    private final Masking masking;
    private BufferedWriter writer;

    private LogSink(Path file, Masking masking, BufferedWriter writer) {
        this.file = file;
        this.masking = masking;
        this.writer = writer;
    }

    static LogSink open(Path file, Masking masking) {
        try {
            Files.createDirectories(file.getParent());
            return new LogSink(file, masking, new BufferedWriter(new java.io.OutputStreamWriter(Files.newOutputStream(file,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND), StandardCharsets.UTF_8), 1 << 16));
        } catch (IOException e) {
            LOG.warn("cannot write log {}: {}", file, e.toString());
            return new LogSink(file, masking, null);
        }
    }

    Path file() {
        return file;
    }

    /** Writes one line (without its line break), masked. */
    synchronized void line(String text) {
        if (writer == null) {
            return;
        }
        try {
            writer.write(masking.apply(text));
            writer.write('\n');
            writer.flush();
        } catch (IOException e) {
            LOG.warn("stopped writing log {}: {}", file, e.toString());
            closeQuietly();
        }
    }

    /** Writes a block of text as it is (its own line breaks), masked as a whole; flushed by {@link #flush}. */
    synchronized void text(String block) {
        if (writer == null || block.isEmpty()) {
            return;
        }
        try {
            writer.write(masking.apply(block.indexOf('\r') >= 0 ? block.replace("\r\n", "\n") : block));
        } catch (IOException e) {
            LOG.warn("stopped writing log {}: {}", file, e.toString());
            closeQuietly();
        }
    }

    /** Makes what was written visible to readers of the file. */
    synchronized void flush() {
        if (writer == null) {
            return;
        }
        try {
            writer.flush();
        } catch (IOException e) {
            LOG.warn("stopped writing log {}: {}", file, e.toString());
            closeQuietly();
        }
    }

    private void closeQuietly() {
        try {
            writer.close();
        } catch (IOException e) {
            LOG.debug("closing log {} failed: {}", file, e.toString());
        }
        writer = null;
    }

    @Override
    public synchronized void close() {
        if (writer != null) {
            closeQuietly();
        }
    }
}
