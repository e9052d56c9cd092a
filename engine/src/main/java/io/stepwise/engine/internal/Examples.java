package io.stepwise.engine.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A typed value as a plan author writes it in YAML flow style: {@code [mysqladmin, ping]}, {@code 5s}. */
final class Examples {
    private Examples() {
    }

    static String asYaml(Object value) {
        if (value instanceof Duration d) {
            return Durations.asPlanText(d);
        }
        if (value instanceof io.stepwise.engine.spi.NestedStep nested) {
            return asYaml(nested.toPlain());
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Examples::asYaml).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> e.getKey() + ": " + asYaml(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (value instanceof io.stepwise.engine.spi.SqlText sql) {
            return sql.sql();
        }
        return String.valueOf(value);
    }

    /** The value as JSON would hold it (for the schema): durations as their text, SQL as its text. */
    static Object asJson(Object value) {
        if (value instanceof Duration d) {
            return Durations.asPlanText(d);
        }
        if (value instanceof io.stepwise.engine.spi.NestedStep nested) {
            return nested.toPlain();
        }
        if (value instanceof io.stepwise.engine.spi.SqlText sql) {
            return sql.sql();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Examples::asJson).toList();
        }
        return value;
    }
}
