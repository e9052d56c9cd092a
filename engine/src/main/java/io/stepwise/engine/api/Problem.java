package io.stepwise.engine.api;

import java.util.Objects;
import java.util.Optional;

/** One thing wrong with a plan, found before anything runs. */
public record Problem(Position position, Optional<String> stepId, Optional<String> stepType, String message,
        Optional<String> hint) {

    public Problem {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(message, "message");
    }

    public static Problem at(Position position, String message) {
        return new Problem(position, Optional.empty(), Optional.empty(), message, Optional.empty());
    }

    public static Problem at(Position position, String message, String hint) {
        return new Problem(position, Optional.empty(), Optional.empty(), message, Optional.ofNullable(hint));
    }

    public Problem inStep(String id, String type) {
        return new Problem(position, Optional.ofNullable(id), Optional.ofNullable(type), message, hint);
    }

    /** {@code file:line:col: step 'id' (type): message (hint)}. */
    public String format() {
        StringBuilder text = new StringBuilder(position.toString()).append(": ");
        stepId.ifPresent(id -> {
            text.append("step '").append(id).append("'");
            stepType.ifPresent(t -> text.append(" (").append(t).append(")"));
            text.append(": ");
        });
        text.append(message);
        hint.ifPresent(h -> text.append(" (").append(h).append(")"));
        return text.toString();
    }
}
