package io.stepwise.steps.tidb.support;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes the small TOML files the tools read (changefeed config, sync-diff-inspector config):
 * scalars first, then one {@code [table]} per nested mapping, in insertion order.
 */
public final class Toml {
    private Toml() {
    }

    public static String write(Map<String, ?> document) {
        StringBuilder out = new StringBuilder();
        writeTable(out, "", document);
        return out.toString();
    }

    private static void writeTable(StringBuilder out, String prefix, Map<String, ?> table) {
        boolean hasScalars = table.values().stream().anyMatch(v -> !(v instanceof Map));
        if (!prefix.isEmpty() && (hasScalars || table.isEmpty())) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append('[').append(prefix).append("]\n");
        }
        table.forEach((key, value) -> {
            if (value != null && !(value instanceof Map)) {
                out.append(key(key)).append(" = ").append(value(value)).append('\n');
            }
        });
        table.forEach((key, value) -> {
            if (value instanceof Map<?, ?> nested) {
                @SuppressWarnings("unchecked")
                Map<String, ?> child = (Map<String, ?>) nested;
                writeTable(out, prefix.isEmpty() ? key(key) : prefix + "." + key(key), child);
            }
        });
    }

    private static String key(String key) {
        return key.matches("[A-Za-z0-9_-]+") ? key : string(key);
    }

    static String value(Object value) {
        if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            return String.valueOf(value);
        }
        if (value instanceof Number n) {
            return String.valueOf(n.doubleValue());
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Toml::value).collect(Collectors.joining(", ", "[", "]"));
        }
        return string(String.valueOf(value));
    }

    /** A basic TOML string with quote, backslash and control characters escaped. */
    public static String string(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
