package io.stepwise.cli;

import java.util.function.Supplier;

/**
 * The hook between Ctrl-C and the engine. The command line runs every engine call that runs steps
 * through {@link #supervise}; the first Ctrl-C calls {@link #requestStop} so the engine can stop at
 * a safe point and journal the interruption; a second Ctrl-C ends the process at once (status 130).
 */
public interface RunInterrupter {
    /** Runs an engine call as the current, stoppable run. */
    <T> T supervise(Supplier<T> run);

    /** Asks the current run to stop; false when no run is in progress (the process then just exits). */
    boolean requestStop();

    /** True when a stop was requested during the current or the last supervised run. */
    boolean stopRequested();

    /**
     * What the process uses: interrupts the thread that runs the plan. The engine takes that as the
     * run's stop request: the step stops at its next safe point, the interruption is journaled, the
     * run returns its report (status 130) and the summary prints.
     */
    static RunInterrupter interruptingThread() {
        return new SupervisedRunInterrupter(Thread::interrupt);
    }

    /**
     * The alternative: a stop begins the JVM's shutdown with status 130; the engine's shutdown hook
     * marks the run interrupted and waits for it, and {@link Main} lets the shutdown finish.
     */
    static RunInterrupter shuttingDown() {
        return new SupervisedRunInterrupter(thread -> Shutdown.begin(ExitStatus.INTERRUPTED));
    }
}
