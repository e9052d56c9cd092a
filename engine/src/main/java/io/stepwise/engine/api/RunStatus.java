package io.stepwise.engine.api;

/** How a run ended (or where it stands). */
public enum RunStatus {
    RUNNING, SUCCEEDED, FAILED, INTERRUPTED, ROLLED_BACK, ROLLBACK_INCOMPLETE;

    public int exitStatus() {
        return switch (this) {
            case SUCCEEDED, ROLLED_BACK -> 0;
            case INTERRUPTED -> 130;
            default -> 1;
        };
    }
}
