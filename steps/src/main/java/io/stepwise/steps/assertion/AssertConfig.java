package io.stepwise.steps.assertion;

import java.util.Objects;
import java.util.Optional;

/**
 * A bound {@code assert} step.
 *
 * @param that the condition, empty when only the run can know it (dry-run)
 * @param shown the condition as dry-run shows it: {@code true}, {@code false} or {@code <source>}
 */
public record AssertConfig(Optional<Boolean> that, String shown, String message) {
    public AssertConfig {
        Objects.requireNonNull(that, "that");
        Objects.requireNonNull(shown, "shown");
        Objects.requireNonNull(message, "message");
    }
}
