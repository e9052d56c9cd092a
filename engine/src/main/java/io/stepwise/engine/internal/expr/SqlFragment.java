package io.stepwise.engine.internal.expr;

import java.util.Objects;

/** SQL text a plan asked to splice (a quoted identifier), as opposed to a value bound as a parameter. */
public record SqlFragment(String text) {
    public SqlFragment {
        Objects.requireNonNull(text, "text");
    }

    @Override
    public String toString() {
        return text;
    }
}
