package io.stepwise.steps.localservice;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Looks at processes by pid (Linux /proc, with {@link ProcessHandle} as the fallback). */
public final class Processes {
    private static final int MAX_COMMAND = 160;

    private Processes() {
    }

    /** The command line of a process, shortened for messages. */
    public static Optional<String> commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            String text = new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
            if (!text.isEmpty()) {
                return Optional.of(text.length() > MAX_COMMAND ? text.substring(0, MAX_COMMAND) + "..." : text);
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone
        }
        return ProcessHandle.of(pid).flatMap(h -> h.info().commandLine());
    }

    /** The executable's file name, such as {@code mariadbd}. */
    public static Optional<String> executableName(long pid) {
        try {
            Path exe = Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "exe"));
            return Optional.of(exe.getFileName().toString().replace(" (deleted)", ""));
        } catch (IOException | RuntimeException e) {
            return ProcessHandle.of(pid).flatMap(h -> h.info().command()).map(c -> Path.of(c).getFileName().toString());
        }
    }

    /** The live processes one of whose arguments is exactly {@code argument} (such as {@code --datadir=/x}). */
    public static java.util.List<Long> withArgument(String argument) {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .filter(pid -> arguments(pid).contains(argument)).toList();
    }

    private static java.util.List<String> arguments(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            return java.util.List.of(new String(raw, StandardCharsets.UTF_8).split("\0"));
        } catch (IOException | RuntimeException e) {
            return ProcessHandle.of(pid).flatMap(h -> h.info().arguments()).map(java.util.List::of)
                    .orElse(java.util.List.of());
        }
    }

    /** Kills the processes (SIGKILL) and waits up to {@code wait} for them to be gone. */
    public static void killAndWait(java.util.List<Long> pids, java.time.Duration wait) {
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        long deadline = System.nanoTime() + wait.toNanos();
        for (long pid : pids) {
            while (isAlive(pid) && System.nanoTime() - deadline < 0) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    public static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
