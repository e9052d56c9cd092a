package io.stepwise.engine.api;

/** What a run does when a step fails. */
public enum OnFailure {
    /** Stop and leave the run resumable. */
    STOP,
    /** Run the rollback of every completed step, newest first. */
    ROLLBACK
}
