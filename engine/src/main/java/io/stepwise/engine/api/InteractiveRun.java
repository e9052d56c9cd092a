package io.stepwise.engine.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A run driven one step at a time (the interactive shell). Everything it does is journaled like a
 * run's steps; closing it leaves the run resumable by {@code stepwise resume}.
 */
public interface InteractiveRun extends AutoCloseable {
    String runId();

    Path runDir();

    Plan plan();

    /** Each step with its status, in plan order. */
    List<StepReport> steps();

    /** The next step a {@link #next()} would run, empty at the end. */
    Optional<String> cursor();

    /** One step as dry-run renders it, with the values known now. */
    String show(String stepId);

    /** Runs the step at the cursor. */
    StepReport next();

    /**
     * Runs steps until one of the breakpoints is next (a breakpoint on the current step does not
     * stop it from running), a step fails, the run is interrupted, or the end; {@code to} stops
     * before that step.
     */
    RunReport runUntil(Optional<String> to, Set<String> breakpoints);

    /** Marks a step skipped (journaled) without running it. */
    void skip(String stepId);

    /** Runs the given step again (a failed or interrupted one, or a completed one on request). */
    StepReport retry(String stepId);

    /** Inputs, step values and run info as expressions see them, masked. */
    Map<String, Object> variables();

    /** Evaluates {@code ${...}} or a bare expression over the run's values; the result is masked. */
    Object evaluate(String expression);

    /** Sets an input for the rest of the run (journaled; a secret input is not journaled in clear). */
    void setInput(String name, String value);

    /**
     * An ad-hoc read on a plan connection: columns and rows, masked. A failure (the connection, the SQL)
     * is a {@link StepwiseException} with {@link ErrorCode#STEP_FAILED}.
     */
    List<Map<String, Object>> query(String connection, String sql);

    /** Rolls back the completed steps, newest first. */
    RunReport rollback();

    RunReport report();

    /** Asks the step that is running to stop (Ctrl-C); the run stays open. */
    void interrupt();

    /** Ends the session; the run stays resumable. */
    @Override
    void close();
}
