package io.stepwise.steps.assertion;

import java.util.Objects;

/**
 * A bound {@code assert} step.
 *
 * @param that the condition as resolved (in dry-run, what the dry-run assumes; the engine says so)
 */
public record AssertConfig(boolean that, String message) {
    public AssertConfig {
        Objects.requireNonNull(message, "message");
    }
}
