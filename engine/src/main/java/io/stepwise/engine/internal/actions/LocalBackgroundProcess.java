package io.stepwise.engine.internal.actions;

import io.stepwise.engine.spi.action.BackgroundProcess;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A child process started to outlive its step; its output goes straight to a log file. */
final class LocalBackgroundProcess implements BackgroundProcess {
    private static final Logger LOG = LoggerFactory.getLogger(LocalBackgroundProcess.class);
    /** How long {@link #stop()} waits after SIGTERM before SIGKILL. */
    static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final String name;
    private final Process process;
    private final Path logFile;

    LocalBackgroundProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public Path logFile() {
        return logFile;
    }

    @Override
    public String outputTail(int maxChars) {
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long bytes = Math.min(file.length(), 4L * maxChars);
            byte[] buffer = new byte[(int) bytes];
            file.seek(file.length() - bytes);
            file.readFully(buffer);
            String text = new String(buffer, StandardCharsets.UTF_8);
            return text.length() <= maxChars ? text : text.substring(text.length() - maxChars);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void stop() {
        if (process.isAlive() || process.toHandle().descendants().findAny().isPresent()) {
            LOG.debug("stopping {} (pid {})", name, process.pid());
            ProcessTree.terminate(process.toHandle(), STOP_GRACE);
            awaitReaped();
        }
    }

    /** A killed child counts as alive until the JVM has reaped it, a moment after it died. */
    private void awaitReaped() {
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ", log " + logFile + ")";
    }
}
