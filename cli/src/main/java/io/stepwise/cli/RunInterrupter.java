package io.stepwise.cli;

import java.util.function.Supplier;

/**
 * The hook between Ctrl-C and the engine. The command line runs every engine call that runs steps
 * through {@link #supervise}; the first Ctrl-C calls {@link #requestStop} so the engine can stop
 * gracefully and journal the interruption; a second Ctrl-C exits at once with status 130.
 *
 * <p>The default, {@link #interruptingThread()}, interrupts the thread that runs the plan, which
 * wakes {@code StepContext.pause} and blocking I/O. An engine with its own cancellation hook wires
 * it here instead.
 */
public interface RunInterrupter {
    /** Runs an engine call as the current, stoppable run. */
    <T> T supervise(Supplier<T> run);

    /** Asks the current run to stop; false when no run is in progress (the process then just exits). */
    boolean requestStop();

    /** True when a stop was requested during the current or the last supervised run. */
    boolean stopRequested();

    static RunInterrupter interruptingThread() {
        return new ThreadRunInterrupter();
    }
}
