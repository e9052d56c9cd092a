package io.stepwise.engine.spi;

import java.util.List;

/**
 * The untyped way of declaring a parameter, kept only while step types move to {@link Param}:
 * {@code ParamDescriptor.of("x", ParamType.INTEGER)...build()} gives a {@link Param}. Its example is
 * YAML text as a plan author writes it.
 */
@Deprecated(forRemoval = true)
public final class ParamDescriptor {
    private ParamDescriptor() {
    }

    public static Builder of(String name, ParamType type) {
        return new Builder(name, type);
    }

    /** Fluent construction of an untyped {@link Param}. */
    public static final class Builder {
        private Param<Object> param;

        @SuppressWarnings("unchecked")
        private Builder(String name, ParamType type) {
            this.param = (Param<Object>) (Param<?>) new Param<>(name, type, false, java.util.Optional.empty(), "",
                    java.util.Optional.empty(), false, List.of(), java.util.Optional.empty(), java.util.Optional.empty(),
                    java.util.Set.of(), List.of());
        }

        public Builder required() {
            param = param.required();
            return this;
        }

        public Builder defaultValue(Object value) {
            param = param.defaultValue(value instanceof Integer i ? Long.valueOf(i) : value);
            return this;
        }

        public Builder description(String text) {
            param = param.description(text);
            return this;
        }

        public Builder example(String text) {
            param = param.example(ParamExamples.typed(param.type(), text));
            return this;
        }

        public Builder secret() {
            param = param.secret();
            return this;
        }

        public Builder allowed(String... values) {
            param = param.allowed(values);
            return this;
        }

        public Param<?> build() {
            return param;
        }
    }
}
