package io.stepwise.engine.spi;

import io.stepwise.engine.spi.action.ActionRunner;
import io.stepwise.engine.spi.action.BackgroundProcess;
import java.nio.file.Path;
import java.time.Duration;

/** What the engine offers a step while it runs. Bookkeeping (status, journal, timing) is not the step's job. */
public interface StepContext {
    String stepId();

    String runId();

    /** The run's own directory, for files a step writes (logs, generated configs, data dirs). */
    Path runDir();

    /**
     * The directory of the plan file, absolute: relative paths a plan names (exec's program and
     * {@code cwd}) resolve against it, whatever directory stepwise runs in. Dry-run gives a placeholder.
     */
    default Path planDir() {
        return Path.of("").toAbsolutePath();
    }

    /** True when the plan declared {@code background: true} for this step. */
    boolean background();

    /** Performs SQL, processes, HTTP and files. */
    ActionRunner actions();

    /** A connection declared in the plan, with its settings resolved. */
    ConnectionInfo connection(String name);

    /** Tells the person watching what the step is waiting for; shown on the live status line. */
    void progress(String message);

    /** A line of output meant for the person running the plan (the {@code log} step uses it). */
    void say(String message);

    /** Marks a value as secret: it is masked wherever it would be printed or journaled. */
    void markSecret(String value);

    /** Masks every known secret in a text. */
    String mask(String text);

    /** Registers a resource the run stops when it ends (unless kept) and on rollback. */
    void registerBackground(BackgroundProcess process, boolean keep);

    /**
     * Stops the background processes an earlier step of this run started (such as a load to pause
     * before a check); returns how many were stopped.
     */
    int stopBackground(String stepId);

    /** True once the run was asked to stop (Ctrl-C, timeout); long waits check it. */
    boolean isInterrupted();

    /** Sleeps, waking early and throwing {@link StepInterruptedException} when interrupted. */
    void pause(Duration duration);

    /** Runs a nested step (such as the check of a {@code wait}) and returns its result. */
    StepResult runNested(NestedStep step);

    /** Evaluates a plan expression over the run's values plus {@code result}, as {@code until} does. */
    Object evaluate(String expression, StepResult result);
}
