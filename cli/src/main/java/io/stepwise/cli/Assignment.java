package io.stepwise.cli;

import java.util.Objects;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A {@code NAME=VALUE} argument; the value may itself contain {@code =}. */
record Assignment(String name, String value) {
    Assignment {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    static Assignment parse(String text) {
        int equals = text.indexOf('=');
        if (equals <= 0) {
            throw new TypeConversionException("'" + text + "' is not NAME=VALUE");
        }
        String name = text.substring(0, equals).strip();
        if (name.isEmpty()) {
            throw new TypeConversionException("'" + text + "' has no name before '='");
        }
        return new Assignment(name, text.substring(equals + 1));
    }

    /** Lets picocli parse {@code --set} values; a bad one is a usage error (exit status 2). */
    static final class Converter implements ITypeConverter<Assignment> {
        @Override
        public Assignment convert(String value) {
            return parse(value);
        }
    }
}
