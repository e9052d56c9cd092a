package io.stepwise.steps.diff;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/** A {@code schema.table} pattern with {@code *} and {@code ?} wildcards, such as {@code test.*} or {@code db.t_?}. */
public record TablePattern(String text, Pattern schema, Pattern table) {
    public TablePattern {
        Objects.requireNonNull(text, "text");
    }

    /** Parses {@code schema.table}; the table part may contain dots only if the schema part has none. */
    public static TablePattern parse(String text) {
        String trimmed = text.trim();
        int dot = trimmed.indexOf('.');
        if (dot <= 0 || dot == trimmed.length() - 1) {
            throw new IllegalArgumentException("table pattern '" + text + "' must be schema.table, such as test.*"
                    + " or test.orders");
        }
        return new TablePattern(trimmed, glob(trimmed.substring(0, dot)), glob(trimmed.substring(dot + 1)));
    }

    private static Pattern glob(String part) {
        StringBuilder regex = new StringBuilder();
        for (char c : part.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    public boolean matches(String schemaName, String tableName) {
        return schema.matcher(schemaName).matches() && table.matcher(tableName).matches();
    }

    /** Whether some table of the schema could match. */
    public boolean matchesSchema(String schemaName) {
        return schema.matcher(schemaName).matches();
    }

    /** Whether the pattern names one table outright, without wildcards. */
    public boolean isLiteral() {
        return !text.contains("*") && !text.contains("?");
    }

    @Override
    public String toString() {
        return text;
    }

    /** Schemas a pattern can never mean unless it names them outright. */
    static boolean isSystemSchema(String schema) {
        return switch (schema.toLowerCase(Locale.ROOT)) {
            case "mysql", "information_schema", "performance_schema", "sys", "metrics_schema" -> true;
            default -> false;
        };
    }
}
