package io.stepwise.engine.internal;

import io.stepwise.engine.spi.NestedStep;
import io.stepwise.engine.spi.Param;
import io.stepwise.engine.spi.SqlText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a parameter's value, as written or as resolved, into the Java value its declaration promises
 * (Long for an integer, Duration for a duration...). One conversion for validate, bind and dry-run.
 */
final class ParamConversion {
    private ParamConversion() {
    }

    /** The typed value; throws {@link IllegalArgumentException} naming the parameter when it does not fit. */
    @SuppressWarnings("unchecked")
    static <T> T convert(Param<T> p, Object value) {
        return (T) switch (p.type()) {
            case STRING, TEXT, CONNECTION -> scalarText(p, value);
            case INTEGER -> wholeNumber(p, value);
            case NUMBER -> number(p, value);
            case BOOLEAN -> bool(p, value);
            case DURATION -> duration(p, value);
            case STRING_LIST -> stringList(p, value);
            case MAP -> mapping(p, value);
            case LIST -> list(p, value);
            case ANY -> value;
            case SQL -> value instanceof SqlText sql ? sql : new SqlText(scalarText(p, value), List.of());
            case SQL_LIST -> sqlList(p, value);
            case STEP -> nested(p, value);
        };
    }

    private static String scalarText(Param<?> p, Object value) {
        if (value instanceof Map || value instanceof List) {
            throw bad(p, "must be a string, not a " + (value instanceof Map ? "mapping" : "list"));
        }
        return String.valueOf(value);
    }

    private static Long wholeNumber(Param<?> p, Object value) {
        if (value instanceof Number n && !(value instanceof Double || value instanceof Float)) {
            return n.longValue();
        }
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && !Double.isInfinite(n.doubleValue())) {
            return n.longValue();
        }
        if (value instanceof String s && s.strip().matches("[-+]?\\d{1,18}")) {
            return Long.parseLong(s.strip());
        }
        throw bad(p, "must be a whole number, not '" + value + "'");
    }

    private static Double number(Param<?> p, Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(value).strip());
        } catch (NumberFormatException e) {
            throw bad(p, "must be a number, not '" + value + "'");
        }
    }

    private static Boolean bool(Param<?> p, Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        String text = String.valueOf(value).strip();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw bad(p, "must be true or false, not '" + value + "'");
    }

    private static java.time.Duration duration(Param<?> p, Object value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw bad(p, e.getMessage());
        }
    }

    private static List<String> stringList(Param<?> p, Object value) {
        if (!(value instanceof List<?> list)) {
            throw bad(p, "must be a list of strings, not '" + value + "'");
        }
        List<String> strings = new ArrayList<>();
        for (Object item : list) {
            if (item instanceof Map || item instanceof List || item == null) {
                throw bad(p, "must be a list of strings");
            }
            strings.add(String.valueOf(item));
        }
        return List.copyOf(strings);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapping(Param<?> p, Object value) {
        if (value instanceof Map<?, ?> map) {
            return Collections.unmodifiableMap(new LinkedHashMap<>((Map<String, Object>) map));
        }
        throw bad(p, "must be a mapping, not '" + value + "'");
    }

    private static List<Object> list(Param<?> p, Object value) {
        if (value instanceof List<?> list) {
            return Collections.unmodifiableList(new ArrayList<>(list));
        }
        throw bad(p, "must be a list, not '" + value + "'");
    }

    private static List<SqlText> sqlList(Param<?> p, Object value) {
        if (!(value instanceof List<?> list)) {
            throw bad(p, "must be a list of SQL statements");
        }
        List<SqlText> texts = new ArrayList<>();
        for (Object item : list) {
            texts.add(item instanceof SqlText sql ? sql : new SqlText(scalarText(p, item), List.of()));
        }
        return List.copyOf(texts);
    }

    private static NestedStep nested(Param<?> p, Object value) {
        if (value instanceof NestedStep nested) {
            return nested;
        }
        throw bad(p, "must be a step: {type: ..., with: {...}}");
    }

    private static IllegalArgumentException bad(Param<?> p, String message) {
        return new IllegalArgumentException("'" + p.name() + "' " + message);
    }
}
