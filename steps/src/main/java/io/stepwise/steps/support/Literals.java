package io.stepwise.steps.support;

import io.stepwise.engine.spi.Deferred;
import io.stepwise.engine.spi.DeferredValueException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks shared by {@code validate} (on literal values as written) and {@code bind} (on resolved
 * values): each returns the problem, or empty when the value is fine or not known yet.
 */
public final class Literals {
    private Literals() {
    }

    /** True for a value known only when the step runs: a {@code ${...}} template, or a dry-run's {@link Deferred}. */
    public static boolean isTemplate(Object value) {
        return value instanceof Deferred || value instanceof String s && s.contains("${");
    }

    /** Throws {@link DeferredValueException} for a value dry-run cannot know, where a step needs it exactly. */
    public static Object known(String parameter, Object value) {
        if (value instanceof Deferred deferred) {
            throw new DeferredValueException(parameter, deferred);
        }
        return value;
    }

    /** The value as a whole number, empty when it is none. */
    public static Optional<Long> whole(Object value) {
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return Optional.of(n.longValue());
        }
        if (value instanceof String s && s.strip().matches("-?\\d{1,18}")) {
            return Optional.of(Long.parseLong(s.strip()));
        }
        return Optional.empty();
    }

    /** Whole numbers between min and max; templates are left alone. */
    public static Optional<String> wholeNumbers(String name, List<?> values, long min, long max) {
        for (Object value : values) {
            if (isTemplate(value)) {
                continue;
            }
            Optional<Long> number = whole(value);
            if (number.isEmpty() || number.get() < min || number.get() > max) {
                return Optional.of(name + " must hold whole numbers from " + min + " to " + max + ", not '" + value + "'");
            }
        }
        return Optional.empty();
    }

    /** The resolved list as ints; a value dry-run cannot know throws {@link DeferredValueException}. */
    public static List<Integer> ints(String name, List<?> values, long min, long max) {
        List<Integer> ints = new ArrayList<>();
        for (Object value : values) {
            Optional<Long> number = whole(known(name, value)).filter(n -> n >= min && n <= max);
            if (number.isEmpty()) {
                throw new IllegalArgumentException(name + " must hold whole numbers from " + min + " to " + max
                        + ", not '" + value + "'");
            }
            ints.add(number.get().intValue());
        }
        return List.copyOf(ints);
    }

    /** A regex that compiles, with exactly {@code groups} capture groups (or any number when negative). */
    public static Optional<String> regex(String name, Object value, int groups) {
        if (isTemplate(value)) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            return Optional.of(name + " must be a regular expression (a string)");
        }
        try {
            int found = Pattern.compile(text).matcher("").groupCount();
            if (groups >= 0 && found != groups) {
                return Optional.of(name + " must have exactly " + groups + " capture group" + (groups == 1 ? "" : "s")
                        + ", /" + text + "/ has " + found);
            }
            return Optional.empty();
        } catch (PatternSyntaxException e) {
            return Optional.of(name + " is not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex());
        }
    }
}
