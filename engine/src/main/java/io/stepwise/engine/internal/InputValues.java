package io.stepwise.engine.internal;

import io.stepwise.engine.spi.Secrets;
import io.stepwise.engine.api.InputDef;

/** Converts input values (from --set, the environment or a default) to the declared type. */
final class InputValues {
    private InputValues() {
    }

    /** An input's value before conversion, as a dry-run or a review sees it: --set, else its env, else its default. */
    static Object given(InputDef input, java.util.Map<String, String> given) {
        Object raw = given.get(input.name());
        if (raw == null && input.env().isPresent()) {
            raw = System.getenv(input.env().get());
        }
        return raw == null ? input.defaultValue().orElse(null) : raw;
    }

    static Object convert(InputDef input, Object value) {
        String text = String.valueOf(value).trim();
        return switch (input.type()) {
            case STRING -> String.valueOf(value);
            case INTEGER -> {
                if (value instanceof Long l) {
                    yield l;
                }
                try {
                    yield Long.parseLong(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + (input.secret() ? Secrets.MASK : text) + "' is not a whole number");
                }
            }
            case NUMBER -> {
                if (value instanceof Number n) {
                    yield n.doubleValue();
                }
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + (input.secret() ? Secrets.MASK : text) + "' is not a number");
                }
            }
            case BOOLEAN -> {
                if (value instanceof Boolean b) {
                    yield b;
                }
                if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                    yield Boolean.parseBoolean(text);
                }
                throw new IllegalArgumentException("'" + text + "' is not true or false");
            }
            case DURATION -> {
                Durations.parse(value);
                yield text;
            }
        };
    }
}
