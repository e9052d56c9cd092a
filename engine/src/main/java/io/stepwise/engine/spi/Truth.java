package io.stepwise.engine.spi;

import java.util.Collection;
import java.util.Map;

/**
 * The one truthiness rule for conditions: a step's {@code when} and {@code until}, and the {@code wait}
 * step's {@code until}. False are {@code false}, null, zero (any number type), empty collections and
 * maps, and text that is blank, {@code "0"} or {@code "false"} (any case, surrounding blanks ignored):
 * a value read from SQL or a command's output is often text, so {@code "0"} means what {@code 0} means.
 * Everything else is true.
 */
public final class Truth {
    private Truth() {
    }

    public static boolean of(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value == null) {
            return false;
        }
        if (value instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (value instanceof CharSequence text) {
            String s = text.toString().strip();
            return !(s.isEmpty() || s.equals("0") || s.equalsIgnoreCase("false"));
        }
        if (value instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        if (value instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        return true;
    }
}
