package io.stepwise.engine.spi;

import java.util.Objects;
import java.util.Optional;

/** What a probe found about a step that was in flight when the runner died. */
public record ProbeOutcome(State state, Optional<StepResult> result, String detail) {
    public enum State {
        /** The type cannot tell; the operator decides. */
        UNSUPPORTED,
        /** The effect is in place; the result stands for the step's outputs. */
        DONE,
        /** The effect is not there; the step can run again. */
        NOT_DONE
    }

    public static final ProbeOutcome UNSUPPORTED = new ProbeOutcome(State.UNSUPPORTED, Optional.empty(), "");

    public ProbeOutcome {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(result, "result");
        detail = detail == null ? "" : detail;
    }

    public static ProbeOutcome done(StepResult result, String detail) {
        return new ProbeOutcome(State.DONE, Optional.of(result), detail);
    }

    public static ProbeOutcome notDone(String detail) {
        return new ProbeOutcome(State.NOT_DONE, Optional.empty(), detail);
    }
}
