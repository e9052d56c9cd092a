package io.stepwise.steps.mariadb.local;

import io.stepwise.engine.spi.action.BackgroundProcess;
import io.stepwise.steps.localservice.Processes;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running {@code mariadbd}, started by this runner or found again through its pid file. {@link #stop()} is a
 * clean shutdown (SIGTERM, then waiting up to the grace period); {@link #kill()} is SIGKILL.
 */
final class MariaDbProcess implements BackgroundProcess {
    private static final Logger LOG = LoggerFactory.getLogger(MariaDbProcess.class);

    private final String name;
    private final long pid;
    private final Path dataDir;
    private final Path logFile;
    private final Duration grace;

    MariaDbProcess(String name, long pid, Path dataDir, Path logFile, Duration grace) {
        this.name = name;
        this.pid = pid;
        this.dataDir = dataDir;
        this.logFile = logFile;
        this.grace = grace;
    }

    /**
     * The server on {@code dataDir}: the live mariadbd of its pid file, or else one started with
     * {@code --datadir=} that dir that has not written its pid file yet (its runner was killed while
     * it started).
     */
    static Optional<Long> runningIn(Path dataDir) {
        Path pidFile = dataDir.resolve(MariaDbCommands.PID_FILE);
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            if (isMariaDb(pid)) {
                return Optional.of(pid);
            }
        } catch (IOException | NumberFormatException e) {
            // no pid file (yet): look for the process by its arguments
        }
        return Processes.withArgument("--datadir=" + dataDir).stream().filter(MariaDbProcess::isMariaDb).findFirst();
    }

    /** True when {@code pid} is alive and runs a mariadbd (or mysqld) binary. */
    static boolean isMariaDb(long pid) {
        return Processes.isAlive(pid) && Processes.executableName(pid)
                .map(n -> n.equals("mariadbd") || n.equals("mysqld")).orElse(false);
    }

    Path dataDir() {
        return dataDir;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public boolean isAlive() {
        return Processes.isAlive(pid);
    }

    @Override
    public Path logFile() {
        return logFile;
    }

    @Override
    public String outputTail(int maxChars) {
        return tail(logFile, maxChars);
    }

    static String tail(Path file, int maxChars) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(0, in.length() - maxChars);
            in.seek(start);
            byte[] bytes = new byte[(int) (in.length() - start)];
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Clean shutdown: SIGTERM and wait up to the grace period, then SIGKILL as a last resort. */
    @Override
    public void stop() {
        if (!shutdown(grace)) {
            LOG.warn("mariadbd '{}' (pid {}) did not shut down within {}; killing it", name, pid, grace);
            kill();
        }
    }

    /** SIGTERM and wait; true when the process is gone within {@code wait}. */
    boolean shutdown(Duration wait) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return true;
        }
        handle.get().destroy();
        return awaitExit(handle.get(), wait);
    }

    /** SIGKILL and wait for the process to be gone. */
    boolean kill() {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return true;
        }
        handle.get().destroyForcibly();
        return awaitExit(handle.get(), Duration.ofSeconds(30));
    }

    /**
     * Waits the whole time even when interrupted: a Ctrl-C while the run stops its servers asked for
     * this very stop, and cutting the wait short turned a clean shutdown into a SIGKILL (with InnoDB
     * recovery at the next start). The interrupt is kept for the caller.
     */
    private static boolean awaitExit(ProcessHandle handle, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        boolean interrupted = false;
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return !handle.isAlive();
                }
                try {
                    handle.onExit().get(left, TimeUnit.NANOSECONDS);
                    return true;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (TimeoutException | ExecutionException e) {
                    return !handle.isAlive();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
