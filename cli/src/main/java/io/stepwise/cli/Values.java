package io.stepwise.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Captured values and event data, made printable and made plain JSON. */
final class Values {
    static final ObjectMapper JSON = new ObjectMapper();

    private Values() {
    }

    /** A value on one line: strings as they are, lists and maps as compact JSON. */
    static String display(Object value) {
        Object plain = plain(value);
        String text;
        if (plain instanceof Map || plain instanceof List) {
            try {
                text = JSON.writeValueAsString(plain);
            } catch (JsonProcessingException e) {
                text = String.valueOf(plain);
            }
        } else {
            text = String.valueOf(plain);
        }
        return text.replace("\r", "").replace("\n", "\\n");
    }

    /**
     * Only what JSON can hold: maps with string keys, lists, strings, numbers, booleans and null;
     * durations in milliseconds; anything else as its text.
     */
    static Object plain(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return value;
        }
        if (value instanceof Number number) {
            double d = number.doubleValue();
            return Double.isFinite(d) ? number : String.valueOf(number);
        }
        if (value instanceof Optional<?> optional) {
            return optional.map(Values::plain).orElse(null);
        }
        if (value instanceof Duration duration) {
            return duration.toMillis();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> plain = new LinkedHashMap<>();
            map.forEach((k, v) -> plain.put(String.valueOf(k), plain(v)));
            return plain;
        }
        if (value instanceof Collection<?> collection) {
            List<Object> plain = new ArrayList<>();
            collection.forEach(item -> plain.add(plain(item)));
            return plain;
        }
        if (value instanceof Object[] array) {
            return plain(java.util.Arrays.asList(array));
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        if (value instanceof Path path) {
            return path.toString();
        }
        return String.valueOf(value);
    }
}
