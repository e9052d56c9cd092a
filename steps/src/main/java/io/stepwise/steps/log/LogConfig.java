package io.stepwise.steps.log;

import java.util.Objects;

/** A bound {@code log} step. */
public record LogConfig(String message, boolean warn) {
    public LogConfig {
        Objects.requireNonNull(message, "message");
    }

    /** The line as the person sees it. */
    public String line() {
        return warn ? "warning: " + message : message;
    }
}
