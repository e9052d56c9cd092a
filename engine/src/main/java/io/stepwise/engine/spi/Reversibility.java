package io.stepwise.engine.spi;

/** How a completed step can be undone; a rollback report is built from this. */
public enum Reversibility {
    /** The step changes nothing outside the run (log, sleep, a read): nothing to undo. */
    NOTHING_TO_UNDO,
    /** The step type knows how to undo itself ({@link StepType#rollback}). */
    SELF,
    /** Nobody declared how to undo it: a rollback lists it as "needs a person". */
    NEEDS_PERSON
}
