package io.stepwise.cli;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** Stops a run by interrupting the thread that runs it. */
final class ThreadRunInterrupter implements RunInterrupter {
    private final AtomicReference<Thread> running = new AtomicReference<>();
    private volatile boolean stopRequested;

    @Override
    public <T> T supervise(Supplier<T> run) {
        stopRequested = false;
        running.set(Thread.currentThread());
        try {
            return run.get();
        } finally {
            running.set(null);
            Thread.interrupted(); // a stop that came too late must not leak into what follows
        }
    }

    @Override
    public boolean requestStop() {
        Thread thread = running.get();
        if (thread == null) {
            return false;
        }
        stopRequested = true;
        thread.interrupt();
        return true;
    }

    @Override
    public boolean stopRequested() {
        return stopRequested;
    }
}
