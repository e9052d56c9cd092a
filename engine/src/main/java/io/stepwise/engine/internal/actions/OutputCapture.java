package io.stepwise.engine.internal.actions;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains one output stream of a child process on its own thread, in time and memory linear in
 * nothing but its buffers: every character goes, masked, to the log; the result keeps a bounded
 * head and tail ({@link HeadTail}); each {@link StreamScan} searches it for a regex. The log
 * receives whole lines in blocks; a line longer than {@link #WINDOW} is written in pieces cut where
 * no secret crosses ({@link Masking#safeCut}), so masking never holds more than a window.
 */
final class OutputCapture implements Runnable {
    /** The longest piece of one line masked at once. */
    static final int WINDOW = 1 << 18;
    /** How far from a cut a secret is looked for (a longer secret can be cut, then shows in part). */
    static final int REACH = 4096;
    private static final Logger LOG = LoggerFactory.getLogger(OutputCapture.class);

    private final InputStream in;
    private final HeadTail kept;
    private final LogSink sink;
    private final Masking masking;
    private final List<StreamScan> scans;
    private final StringBuilder pending = new StringBuilder();
    private final Thread thread;

    OutputCapture(InputStream in, HeadTail kept, LogSink sink, Masking masking, List<StreamScan> scans, String threadName) {
        this.in = in;
        this.kept = kept;
        this.sink = sink;
        this.masking = masking;
        this.scans = List.copyOf(scans);
        this.thread = new Thread(this, threadName);
        this.thread.setDaemon(true);
    }

    OutputCapture start() {
        thread.start();
        return this;
    }

    @Override
    public void run() {
        char[] buffer = new char[1 << 16];
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
                // one String a block: it is made compact (Latin-1) once, then copied as bytes, not checked char by char
                String block = new String(buffer, 0, n);
                kept.append(block, 0, n);
                for (StreamScan scan : scans) {
                    scan.append(block, 0, n);
                }
                int newline = block.lastIndexOf('\n');
                int before = pending.length();
                pending.append(block);
                toLog(newline < 0 ? -1 : before + newline);
                if (in.available() == 0) {
                    sink.flush();
                }
            }
        } catch (IOException e) {
            LOG.debug("output stream closed: {}", e.toString());
        } finally {
            scans.forEach(StreamScan::finish);
            if (pending.length() > 0) {
                sink.text(pending.append('\n').toString());
                pending.setLength(0);
            }
            sink.flush();
        }
    }

    /** Writes the complete lines pending, and pieces of a line that has grown past the window. */
    private void toLog(int newline) {
        if (newline >= 0) {
            sink.text(pending.substring(0, newline + 1));
            pending.delete(0, newline + 1);
        }
        while (pending.length() > WINDOW + REACH) {
            int cut = masking.safeCut(pending, WINDOW, REACH);
            sink.text(pending.substring(0, cut));
            pending.delete(0, cut);
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
}
