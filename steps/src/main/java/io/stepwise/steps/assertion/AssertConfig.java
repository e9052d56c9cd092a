package io.stepwise.steps.assertion;

import java.util.Objects;

/**
 * A bound {@code assert} step.
 *
 * @param that the condition as resolved: a Boolean (in dry-run, the condition's source when only the run knows it)
 */
public record AssertConfig(Object that, String message) {
    public AssertConfig {
        Objects.requireNonNull(message, "message");
    }
}
