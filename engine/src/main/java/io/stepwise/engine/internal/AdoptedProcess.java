package io.stepwise.engine.internal;

import io.stepwise.engine.spi.action.BackgroundProcess;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A background process a resumed run found still alive from before the crash; it is stopped like its own. */
final class AdoptedProcess implements BackgroundProcess {
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

    @Override
    public void stop() {
        handle.descendants().forEach(ProcessHandle::destroy);
        handle.destroy();
        try {
            handle.onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            handle.descendants().forEach(ProcessHandle::destroyForcibly);
            handle.destroyForcibly();
        }
    }
}
