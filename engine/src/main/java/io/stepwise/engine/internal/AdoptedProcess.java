package io.stepwise.engine.internal;

import io.stepwise.engine.spi.action.BackgroundProcess;
import java.nio.file.Path;
import java.time.Duration;
import io.stepwise.engine.internal.actions.ProcessTree;

/** A background process a resumed run found still alive from before the crash; it is stopped like its own. */
final class AdoptedProcess implements BackgroundProcess {
    /** What the run gives a process of its own to stop after SIGTERM. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private final String name;
    private final ProcessHandle handle;

    AdoptedProcess(String name, ProcessHandle handle) {
        this.name = name;
        this.handle = handle;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long pid() {
        return handle.pid();
    }

    @Override
    public boolean isAlive() {
        return ProcessLiveness.isRunning(handle);
    }

    @Override
    public Path logFile() {
        return Path.of("/dev/null");
    }

    @Override
    public String outputTail(int maxChars) {
        return "";
    }

    /** As the run stops its own: SIGTERM, and SIGKILL only after the grace period, even if Ctrl-C comes meanwhile. */
    @Override
    public void stop() {
        ProcessTree.terminate(handle, STOP_GRACE);
    }
}
