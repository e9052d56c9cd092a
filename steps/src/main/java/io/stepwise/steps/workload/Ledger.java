package io.stepwise.steps.workload;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bank load's record of acknowledged transactions: one transfer id per line, appended only after
 * COMMIT returned without error. A crash of the runner may lose the tail, which only makes the later
 * check more lenient, never wrong.
 */
final class Ledger implements AutoCloseable {
    private final Path file;
    private final BufferedWriter out;
    private final AtomicLong entries = new AtomicLong();
    private boolean closed;

    Ledger(Path file) {
        this.file = file;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            dropTornTail(file);
            this.out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open ledger " + file, e);
        }
    }

    /** A runner killed in the middle of a write left part of an id: cut it, so the next id starts its own line. */
    private static void dropTornTail(Path file) throws IOException {
        if (!Files.exists(file) || !BankWorkload.endsTorn(file)) {
            return;
        }
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            long end = channel.size();
            java.nio.ByteBuffer one = java.nio.ByteBuffer.allocate(1);
            while (end > 0) {
                one.clear();
                channel.read(one, end - 1);
                if (one.get(0) == '\n') {
                    break;
                }
                end--;
            }
            channel.truncate(end);
        }
    }

    Path file() {
        return file;
    }

    synchronized void acknowledged(long transferId) {
        try {
            out.write(Long.toString(transferId));
            out.write('\n');
            entries.incrementAndGet();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ledger " + file, e);
        }
    }

    long entries() {
        return entries.get();
    }

    synchronized void flush() {
        if (closed) {
            return;
        }
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ledger " + file, e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close ledger " + file, e);
        }
    }
}
