package io.stepwise.cli;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Knows the thread that runs the plan and stops it the way it was told to. */
final class SupervisedRunInterrupter implements RunInterrupter {
    private final AtomicReference<Thread> running = new AtomicReference<>();
    private final Consumer<Thread> stop;
    private volatile boolean stopRequested;

    SupervisedRunInterrupter(Consumer<Thread> stop) {
        this.stop = stop;
    }

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
        stop.accept(thread);
        return true;
    }

    @Override
    public boolean stopRequested() {
        return stopRequested;
    }
}
