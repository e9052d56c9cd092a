package io.stepwise.engine.api;

import java.util.Optional;

/**
 * The one unchecked exception family of stepwise. The message says what failed and where; the
 * hint says what to do next; the error code decides the exit status.
 */
public class StepwiseException extends RuntimeException {
    private final ErrorCode code;
    private final String hint;

    public StepwiseException(ErrorCode code, String message) {
        this(code, message, null, null);
    }

    public StepwiseException(ErrorCode code, String message, String hint) {
        this(code, message, hint, null);
    }

    public StepwiseException(ErrorCode code, String message, String hint, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.hint = hint;
    }

    public ErrorCode code() {
        return code;
    }

    public Optional<String> hint() {
        return Optional.ofNullable(hint);
    }

    /** The message with its hint, on one line. */
    public String describe() {
        return hint == null ? getMessage() : getMessage() + " (" + hint + ")";
    }
}
