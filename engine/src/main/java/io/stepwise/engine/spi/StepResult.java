package io.stepwise.engine.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a step produced: its declared outputs and anything else a {@code capture} may read as
 * {@code result.<name>}. Values are plain data (Map, List, String, numbers, Boolean, null).
 */
public record StepResult(Map<String, Object> values) {
    public static final StepResult EMPTY = new StepResult(Map.of());

    public StepResult {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static StepResult of(String key, Object value) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(key, value);
        return new StepResult(values);
    }
}
