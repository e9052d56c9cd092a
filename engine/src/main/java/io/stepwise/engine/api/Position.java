package io.stepwise.engine.api;

import java.util.Objects;

/** Where something stands in a plan file; line and column start at 1 (0 when unknown). */
public record Position(String file, int line, int column) {
    public static final Position UNKNOWN = new Position("<unknown>", 0, 0);

    public Position {
        Objects.requireNonNull(file, "file");
    }

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ":" + column : file;
    }
}
