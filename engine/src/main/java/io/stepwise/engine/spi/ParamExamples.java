package io.stepwise.engine.spi;

import java.util.List;

/** Reads an example written as YAML text into the value a plan would hold, for the untyped declarations. */
final class ParamExamples {
    private ParamExamples() {
    }

    static Object typed(ParamType type, String text) {
        switch (type) {
            case STRING, TEXT, SQL, CONNECTION, DURATION -> {
                return text;
            }
            default -> {
                try {
                    Object value = new org.snakeyaml.engine.v2.api.Load(org.snakeyaml.engine.v2.api.LoadSettings.builder().build()).loadFromString(text);
                    if (value instanceof Integer i) {
                        return Long.valueOf(i);
                    }
                    if (value instanceof List<?> list) {
                        return list.stream().map(v -> v instanceof Integer i ? (Object) Long.valueOf(i) : v).toList();
                    }
                    return value == null ? text : value;
                } catch (RuntimeException e) {
                    return text;
                }
            }
        }
    }
}
