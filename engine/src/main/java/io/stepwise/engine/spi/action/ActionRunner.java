package io.stepwise.engine.spi.action;

import java.util.List;

/**
 * Performs the built-in actions for real: the one place where SQL is sent, processes are started
 * and requests are made, so timeouts, interruption and diagnostics are handled alike for every step.
 */
public interface ActionRunner {
    /** Runs each statement in order in one session; the result is that of the last one. */
    SqlResult sql(SqlAction action);

    /** Runs the statements in one session, returning each result. */
    List<SqlResult> sqlBatch(List<SqlAction> actions);

    /** Runs a process to completion (or its timeout, or interruption). */
    ExecResult exec(ExecAction action);

    /** Starts a process that outlives the step; the run stops it when it ends. */
    BackgroundProcess start(ExecAction action, String name);

    HttpResult http(HttpAction action);

    void write(FileAction action);
}
