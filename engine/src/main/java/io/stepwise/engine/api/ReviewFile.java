package io.stepwise.engine.api;

import java.util.Objects;

/** A review file as the command line read it: its name (for messages) and its text. */
public record ReviewFile(String name, String text) {
    public ReviewFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
    }
}
