package io.stepwise.engine.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stepwise.engine.api.ErrorCode;
import io.stepwise.engine.api.StepwiseException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps a second runner off a live run. The operating system's file lock dies with its owner, so a
 * lock left by a killed runner is taken over; the owner file (pid, host, since) says who held it.
 */
final class RunLock implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FileChannel channel;
    private final FileLock lock;
    private final Optional<Map<String, Object>> previousOwner;

    private RunLock(FileChannel channel, FileLock lock, Optional<Map<String, Object>> previousOwner) {
        this.channel = channel;
        this.lock = lock;
        this.previousOwner = previousOwner;
    }

    static RunLock acquire(Path runDir, String runId) {
        Path file = runDir.resolve("lock");
        try {
            Files.createDirectories(runDir);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            // read through this channel: opening the file again and closing it would drop the lock (POSIX)
            Optional<Map<String, Object>> owner = readOwner(channel);
            if (lock == null) {
                channel.close();
                String who = owner.map(o -> "pid " + o.get("pid") + " on " + o.get("host") + " since " + o.get("since"))
                        .orElse("another process");
                throw new StepwiseException(ErrorCode.LOCKED, "run " + runId + " is in use by " + who,
                        "wait for it to finish, or stop that process; the lock is released when it exits");
            }
            Map<String, Object> me = new LinkedHashMap<>();
            me.put("pid", ProcessHandle.current().pid());
            me.put("host", hostName());
            me.put("since", Instant.now().toString());
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(JSON.writeValueAsBytes(me)), 0);
            channel.force(false);
            return new RunLock(channel, lock, owner.filter(o -> !o.isEmpty()));
        } catch (IOException e) {
            throw new StepwiseException(ErrorCode.JOURNAL, "cannot lock run " + runId + ": " + e.getMessage(), null, e);
        }
    }

    /** The owner of a lock this runner took over (its process was gone), if any. */
    Optional<Map<String, Object>> previousOwner() {
        return previousOwner;
    }

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> readOwner(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 64 * 1024));
            channel.read(buffer, 0);
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).trim();
            return text.isEmpty() ? Optional.empty() : Optional.of(JSON.readValue(text, LinkedHashMap.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    @Override
    public void close() {
        try {
            channel.truncate(0);
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the OS releases the lock when the process exits
        }
    }
}
