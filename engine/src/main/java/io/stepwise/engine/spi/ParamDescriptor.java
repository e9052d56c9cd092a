package io.stepwise.engine.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One parameter of a step type, declared once: it drives binding, validation, {@code stepwise steps},
 * the JSON Schema, dry-run masking and completion.
 */
public record ParamDescriptor(String name, ParamType type, boolean required, Optional<Object> defaultValue,
        String description, Optional<String> example, boolean secret, List<String> allowedValues) {

    public ParamDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        allowedValues = List.copyOf(allowedValues);
        if (required && defaultValue.isPresent()) {
            throw new IllegalArgumentException("parameter " + name + " cannot be required and have a default");
        }
    }

    public static Builder of(String name, ParamType type) {
        return new Builder(name, type);
    }

    /** Fluent construction, so a step type reads as a table of its parameters. */
    public static final class Builder {
        private final String name;
        private final ParamType type;
        private boolean required;
        private Object defaultValue;
        private String description = "";
        private String example;
        private boolean secret;
        private List<String> allowed = List.of();

        private Builder(String name, ParamType type) {
            this.name = name;
            this.type = type;
        }

        public Builder required() {
            this.required = true;
            return this;
        }

        public Builder defaultValue(Object value) {
            this.defaultValue = value;
            return this;
        }

        public Builder description(String text) {
            this.description = text;
            return this;
        }

        public Builder example(String text) {
            this.example = text;
            return this;
        }

        public Builder secret() {
            this.secret = true;
            return this;
        }

        public Builder allowed(String... values) {
            this.allowed = List.of(values);
            return this;
        }

        public ParamDescriptor build() {
            return new ParamDescriptor(name, type, required, Optional.ofNullable(defaultValue), description,
                    Optional.ofNullable(example), secret, allowed);
        }
    }
}
