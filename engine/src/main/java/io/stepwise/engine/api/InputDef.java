package io.stepwise.engine.api;

import java.util.Objects;
import java.util.Optional;

/** A declared plan input: {@code inputs: {name: {type, default, required, secret, env, description}}}. */
public record InputDef(String name, InputType type, Optional<Object> defaultValue, boolean required, boolean secret,
        Optional<String> env, String description, Position position) {

    public InputDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(position, "position");
        description = description == null ? "" : description;
    }

    /** The types an input may declare. */
    public enum InputType {
        STRING, INTEGER, NUMBER, BOOLEAN, DURATION;

        public String yamlName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
