package io.stepwise.engine.internal.actions;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Watches for the run being interrupted while a blocking call (a JDBC statement) is in progress and
 * reacts from its own thread, since such calls ignore {@link Thread#interrupt()}.
 */
final class Watchdog implements AutoCloseable {
    private static final long POLL_MILLIS = 100;

    private final BooleanSupplier interrupted;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "stepwise-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    Watchdog(BooleanSupplier interrupted) {
        this.interrupted = interrupted;
    }

    /** True when the run asked to stop or the current thread was interrupted. */
    boolean interrupted() {
        return interrupted.getAsBoolean() || Thread.currentThread().isInterrupted();
    }

    /**
     * Calls {@code onInterrupt} once, from the watchdog thread, if the run is interrupted (or
     * {@code caller} is) before the returned guard is closed; then {@code onStillRunning} once
     * {@code escalateMillis} later if the guard is still open.
     */
    Guard watch(Thread caller, Runnable onInterrupt, long escalateMillis, Runnable onStillRunning) {
        Guard guard = new Guard();
        guard.future = timer.scheduleWithFixedDelay(() -> {
            if (guard.closed.get()) {
                return;
            }
            if (!guard.fired.get() && (interrupted.getAsBoolean() || caller.isInterrupted())) {
                guard.fired.set(true);
                guard.firedAt = System.nanoTime();
                onInterrupt.run();
            } else if (guard.fired.get() && !guard.escalated
                    && System.nanoTime() - guard.firedAt > TimeUnit.MILLISECONDS.toNanos(escalateMillis)) {
                guard.escalated = true;
                onStillRunning.run();
            }
        }, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
        return guard;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** An open watch; closing it stops watching. */
    static final class Guard implements AutoCloseable {
        private final AtomicBoolean closed = new AtomicBoolean();
        private final AtomicBoolean fired = new AtomicBoolean();
        private volatile long firedAt;
        private volatile boolean escalated;
        private ScheduledFuture<?> future;

        /** True when the watchdog reacted to an interruption. */
        boolean fired() {
            return fired.get();
        }

        @Override
        public void close() {
            closed.set(true);
            future.cancel(false);
        }
    }
}
