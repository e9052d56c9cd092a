package io.stepwise.engine.api;

/** Error classes of the engine, each with the process exit status the command line maps it to. */
public enum ErrorCode {
    /** The plan file or its inputs are invalid; nothing was executed. */
    INVALID_PLAN(2),
    /** The command was used wrongly (unknown run, missing option). */
    USAGE(2),
    /** A step failed while running. */
    STEP_FAILED(1),
    /** The run was interrupted (Ctrl-C, SIGTERM) or a confirmation was refused. */
    INTERRUPTED(130),
    /** Another live runner holds the run's lock. */
    LOCKED(1),
    /** The journal cannot be read or written, or resume cannot decide on its own. */
    JOURNAL(1),
    /** A defect or an environment problem that is not the plan's fault. */
    INTERNAL(1);

    private final int exitStatus;

    ErrorCode(int exitStatus) {
        this.exitStatus = exitStatus;
    }

    public int exitStatus() {
        return exitStatus;
    }
}
