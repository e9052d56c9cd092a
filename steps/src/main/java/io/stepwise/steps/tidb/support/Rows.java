package io.stepwise.steps.tidb.support;

import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.action.SqlResult;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads result columns by name (never by position), as the TiDB statements' contracts ask. */
public final class Rows {
    private Rows() {
    }

    /** The value of a column, matched case-insensitively; empty when the row has no such column. */
    public static Optional<Object> column(Map<String, Object> row, String name) {
        if (row.containsKey(name)) {
            return Optional.ofNullable(row.get(name));
        }
        for (Map.Entry<String, Object> entry : row.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return Optional.ofNullable(entry.getValue());
            }
        }
        return Optional.empty();
    }

    public static boolean hasColumn(SqlResult result, String name) {
        return result.columns().stream().anyMatch(c -> c.equalsIgnoreCase(name));
    }

    /** The one row a statement returns, or a failure naming the statement. */
    public static Map<String, Object> single(SqlResult result, String what) {
        if (result.rows().isEmpty()) {
            throw new StepFailedException(what + " returned no row");
        }
        return result.rows().get(0);
    }

    /** A required column, or a failure listing the columns that came back. */
    public static Object required(SqlResult result, Map<String, Object> row, String name, String what) {
        return column(row, name).orElseThrow(() -> new StepFailedException(
                what + " returned no column '" + name + "' (columns: " + String.join(", ", result.columns()) + ")",
                "the TiDB version may differ from the documented result shape"));
    }

    /** Reads 0/1, ON/OFF, TRUE/FALSE as a boolean. */
    public static boolean bool(Object value, String what) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n.longValue() != 0;
        }
        String text = String.valueOf(value).trim().toUpperCase(Locale.ROOT);
        return switch (text) {
            case "1", "ON", "TRUE" -> true;
            case "0", "OFF", "FALSE" -> false;
            default -> throw new StepFailedException(what + " is neither on nor off: '" + value + "'");
        };
    }

    /** A whole number from a numeric or text column (TSOs fit in a signed long). */
    public static long number(Object value, String what) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw new StepFailedException(what + " is not a whole number: '" + value + "'");
        }
    }

    public static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    public static List<String> columns(SqlResult result) {
        return result.columns();
    }
}
