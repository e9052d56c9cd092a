package io.stepwise.engine.spi;

import java.util.Optional;

/** A step's own failure, with what to do about it; the engine adds the step id and position. */
public class StepFailedException extends RuntimeException {
    private final String hint;

    public StepFailedException(String message) {
        this(message, null, null);
    }

    public StepFailedException(String message, String hint) {
        this(message, hint, null);
    }

    public StepFailedException(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint;
    }

    public Optional<String> hint() {
        return Optional.ofNullable(hint);
    }
}
