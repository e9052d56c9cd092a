package io.stepwise.engine.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a process still runs. {@link ProcessHandle#isAlive()} is also true of a zombie: a process
 * that has exited but that nobody has reaped yet, which is what a killed runner's servers are until
 * the system's init (in a container, whatever runs as pid 1, sometimes slowly) collects them. A
 * resumed run that took such a server for alive would adopt it, see it gone during the next step and
 * blame that step. On Linux the state in {@code /proc/PID/stat} tells; elsewhere the handle does.
 */
final class ProcessLiveness {
    private ProcessLiveness() {
    }

    static boolean isRunning(ProcessHandle handle) {
        return handle.isAlive() && !isZombie(handle.pid());
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int end = stat.lastIndexOf(')');   // the command name, in parentheses, may hold spaces and ')'
            return end > 0 && end + 2 < stat.length() && (stat.charAt(end + 2) == 'Z' || stat.charAt(end + 2) == 'X');
        } catch (IOException | RuntimeException e) {
            return false;   // no /proc (not Linux) or the process is gone: the handle has said what it knows
        }
    }
}
