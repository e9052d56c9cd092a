package io.stepwise.engine.api;

/** How a run ended (or where it stands). */
public enum RunStatus {
    RUNNING, SUCCEEDED, FAILED, INTERRUPTED, ROLLED_BACK, ROLLBACK_INCOMPLETE
}
