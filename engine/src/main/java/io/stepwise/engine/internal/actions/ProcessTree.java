package io.stepwise.engine.internal.actions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Stops a process with its descendants: SIGTERM to all, then SIGKILL to whatever is left after the
 * grace period. Descendants are listed before the first signal, since they are re-parented (and no
 * longer found) once their parent is gone.
 */
public final class ProcessTree {
    private ProcessTree() {
    }

    /**
     * SIGTERM to the process and its descendants, SIGKILL to what is left after {@code grace}. A
     * Ctrl-C during the wait does not cut it short: the stop is what it asked for (the interrupt is
     * kept for the caller).
     */
    public static void terminate(ProcessHandle root, Duration grace) {
        boolean wasInterrupted = Thread.interrupted();
        try {
            Set<ProcessHandle> family = family(List.of(root));
            family.forEach(ProcessHandle::destroy);
            if (!awaitGone(family, grace)) {
                Set<ProcessHandle> left = family(family.stream().filter(ProcessTree::isRunning).toList());
                left.forEach(ProcessHandle::destroyForcibly);
                awaitGone(left, Duration.ofSeconds(2));
            }
        } finally {
            if (wasInterrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Set<ProcessHandle> family(List<ProcessHandle> roots) {
        Set<ProcessHandle> family = new LinkedHashSet<>();
        for (ProcessHandle root : roots) {
            List<ProcessHandle> descendants = new ArrayList<>(root.descendants().toList());
            family.add(root);
            family.addAll(descendants);
        }
        return family;
    }

    /**
     * Alive and not a zombie: a killed grandchild stays a zombie until its new parent reaps it,
     * which some container inits do only now and then.
     */
    static boolean isRunning(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
            int end = stat.lastIndexOf(')');
            return end < 0 || end + 2 >= stat.length() || stat.charAt(end + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return process.isAlive();
        }
    }

    private static boolean awaitGone(Set<ProcessHandle> processes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (processes.stream().anyMatch(ProcessTree::isRunning)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        return true;
    }
}
