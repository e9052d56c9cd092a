package io.stepwise.engine.api;

/** Where a step stands in a run. Status only moves forward in the journal. */
public enum StepStatus {
    PENDING, RUNNING, COMPLETED, SKIPPED, FAILED, INTERRUPTED, ROLLED_BACK, ROLLBACK_FAILED, NEEDS_PERSON;

    public boolean isDone() {
        return this == COMPLETED || this == SKIPPED;
    }
}
