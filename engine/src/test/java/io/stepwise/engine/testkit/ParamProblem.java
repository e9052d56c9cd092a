package io.stepwise.engine.testkit;

import java.util.Objects;

/** A problem a step type (or the harness's descriptor check) reported about its parameters. */
public record ParamProblem(String parameter, String message, String hint) {
    public ParamProblem {
        Objects.requireNonNull(message, "message");
    }

    /** {@code parameter: message (hint)}, as a test failure shows it. */
    @Override
    public String toString() {
        return (parameter == null ? "" : parameter + ": ") + message + (hint == null ? "" : " (" + hint + ")");
    }
}
