package io.stepwise.engine.internal.actions;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains one output stream of a child process on its own thread: keeps the last {@code limit}
 * characters for the result and copies every line, masked, to the log.
 */
final class OutputCapture implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(OutputCapture.class);

    private final InputStream in;
    private final int limit;
    private final LogSink sink;
    private final StringBuilder tail = new StringBuilder();
    private final StringBuilder line = new StringBuilder();
    private final Thread thread;
    private long dropped;

    OutputCapture(InputStream in, int limit, LogSink sink, String threadName) {
        this.in = in;
        this.limit = limit;
        this.sink = sink;
        this.thread = new Thread(this, threadName);
        this.thread.setDaemon(true);
    }

    OutputCapture start() {
        thread.start();
        return this;
    }

    @Override
    public void run() {
        char[] buffer = new char[8192];
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
                append(buffer, n);
            }
        } catch (IOException e) {
            LOG.debug("output stream closed: {}", e.toString());
        } finally {
            if (line.length() > 0) {
                sink.line(line.toString());
                line.setLength(0);
            }
        }
    }

    private void append(char[] buffer, int n) {
        synchronized (tail) {
            tail.append(buffer, 0, n);
            if (tail.length() > 2 * limit) {
                int cut = tail.length() - limit;
                dropped += cut;
                tail.delete(0, cut);
            }
        }
        for (int i = 0; i < n; i++) {
            char c = buffer[i];
            if (c == '\n') {
                int end = line.length() > 0 && line.charAt(line.length() - 1) == '\r' ? line.length() - 1 : line.length();
                sink.line(line.substring(0, end));
                line.setLength(0);
            } else {
                line.append(c);
            }
        }
    }

    /** Waits for the stream to end; false when it is still open (a descendant holds it). */
    boolean join(long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    /** The captured text: everything, or its last {@code limit} characters. */
    String text() {
        synchronized (tail) {
            if (tail.length() > limit) {
                dropped += tail.length() - limit;
                tail.delete(0, tail.length() - limit);
            }
            return tail.toString();
        }
    }

    /** How many characters fell out of the tail. */
    long dropped() {
        synchronized (tail) {
            return dropped;
        }
    }
}
