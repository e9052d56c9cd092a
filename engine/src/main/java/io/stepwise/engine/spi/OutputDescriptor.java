package io.stepwise.engine.spi;

import java.util.Objects;

/** A value a step type publishes as {@code ${steps.<id>.<name>}}. */
public record OutputDescriptor(String name, ParamType type, String description, boolean secret) {
    public OutputDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        description = description == null ? "" : description;
    }

    public static OutputDescriptor of(String name, ParamType type, String description) {
        return new OutputDescriptor(name, type, description, false);
    }
}
