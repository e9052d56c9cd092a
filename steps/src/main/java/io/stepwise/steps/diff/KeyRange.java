package io.stepwise.steps.diff;

import io.stepwise.steps.diff.TableMeta.Column;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A range of key tuples: from {@code lower} (inclusive) to {@code upper} (exclusive); a null bound is
 * open, so the first and last chunk also catch rows the other side has beyond the source's ends.
 * The server compares the bounds, with the key's own collation.
 */
record KeyRange(List<Object> lower, List<Object> upper) {
    static final KeyRange ALL = new KeyRange(null, null);

    KeyRange {
        lower = lower == null ? null : java.util.Collections.unmodifiableList(new ArrayList<>(lower));
        upper = upper == null ? null : java.util.Collections.unmodifiableList(new ArrayList<>(upper));
    }

    /** The WHERE condition over the key columns, with {@code ?} for the bounds in {@link #bind} order. */
    String where(List<Column> key) {
        return where(key, lower != null, upper != null);
    }

    static String where(List<Column> key, boolean hasLower, boolean hasUpper) {
        String first = DiffSql.ident(key.get(0).name());
        List<String> parts = new ArrayList<>();
        if (hasLower) {
            parts.add(first + " >= ?");
            if (key.size() > 1) {
                parts.add(tupleCompare(key, ">", ">="));
            }
        }
        if (hasUpper) {
            parts.add(key.size() > 1 ? first + " <= ?" : first + " < ?");
            if (key.size() > 1) {
                parts.add(tupleCompare(key, "<", "<"));
            }
        }
        return parts.isEmpty() ? "1 = 1" : String.join(" AND ", parts);
    }

    /** {@code (k1 > ?) OR (k1 = ? AND k2 > ?) OR ... (k1 = ? AND ... AND kn >= ?)}. */
    private static String tupleCompare(List<Column> key, String strict, String last) {
        List<String> alternatives = new ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
            List<String> terms = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                terms.add(DiffSql.ident(key.get(j).name()) + " = ?");
            }
            terms.add(DiffSql.ident(key.get(i).name()) + " " + (i == key.size() - 1 ? last : strict) + " ?");
            alternatives.add("(" + String.join(" AND ", terms) + ")");
        }
        return "(" + String.join(" OR ", alternatives) + ")";
    }

    /** Binds the bounds from {@code index} on; returns the next free index. */
    int bind(PreparedStatement ps, int index, List<Column> key) throws SQLException {
        int i = index;
        if (lower != null) {
            i = bindTuple(ps, i, key, lower, key.size() > 1);
        }
        if (upper != null) {
            i = bindTuple(ps, i, key, upper, key.size() > 1);
        }
        return i;
    }

    private static int bindTuple(PreparedStatement ps, int index, List<Column> key, List<Object> values,
            boolean expanded) throws SQLException {
        int i = index;
        bindValue(ps, i++, key.get(0), values.get(0));
        if (expanded) {
            for (int n = 0; n < key.size(); n++) {
                for (int j = 0; j <= n; j++) {
                    bindValue(ps, i++, key.get(j), values.get(j));
                }
            }
        }
        return i;
    }

    static void bindValue(PreparedStatement ps, int index, Column column, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, java.sql.Types.NULL);
        } else if (value instanceof byte[] bytes) {
            ps.setBytes(index, bytes);
        } else if (column.kind() == TableMeta.Kind.INTEGER) {
            BigInteger number = value instanceof BigInteger b ? b : new BigInteger(String.valueOf(value).trim());
            if (number.bitLength() < 64) {
                ps.setLong(index, number.longValue());
            } else {
                ps.setBigDecimal(index, new BigDecimal(number));
            }
        } else if (column.kind() == TableMeta.Kind.DECIMAL) {
            ps.setBigDecimal(index, new BigDecimal(String.valueOf(value)));
        } else {
            ps.setString(index, String.valueOf(value));
        }
    }

    /** For messages and fix SQL comments. */
    String describe() {
        return "[" + (lower == null ? "-inf" : render(lower)) + ", " + (upper == null ? "+inf" : render(upper)) + ")";
    }

    private static String render(List<Object> tuple) {
        return tuple.stream().map(v -> v instanceof byte[] b ? "0x" + java.util.HexFormat.of().formatHex(b)
                : String.valueOf(v)).toList().toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeyRange r && deepEquals(lower, r.lower) && deepEquals(upper, r.upper);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(new Object[] {lower == null ? null : lower.toArray(),
                upper == null ? null : upper.toArray()});
    }

    private static boolean deepEquals(List<Object> a, List<Object> b) {
        return a == null || b == null ? a == b : Arrays.deepEquals(a.toArray(), b.toArray());
    }
}
