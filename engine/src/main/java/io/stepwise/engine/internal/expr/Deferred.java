package io.stepwise.engine.internal.expr;

import java.util.Objects;

/**
 * A value only the run can know, as dry-run sees it: it stands for its source, such as
 * {@code steps.backup.backup_ts}, and renders as {@code <steps.backup.backup_ts>}.
 */
public record Deferred(String source) {
    public Deferred {
        Objects.requireNonNull(source, "source");
    }

    @Override
    public String toString() {
        return "<" + source + ">";
    }
}
