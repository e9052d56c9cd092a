package io.stepwise.engine.internal.actions;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns JDBC values into plain data that serialises to JSON: whole numbers become Long (BigInteger
 * beyond 64 bits), decimals BigDecimal, floating point Double, dates and times ISO-8601 strings, and
 * bytes a UTF-8 string when they decode cleanly to printable text, else {@code 0x}-prefixed hex.
 */
final class JdbcValues {
    private JdbcValues() {
    }

    /**
     * Column labels in order. A label seen twice (as in {@code SELECT a.id, b.id}) gets a suffix
     * ({@code id_2}) so no value is lost in the row maps.
     */
    static List<String> labels(ResultSetMetaData meta) throws SQLException {
        List<String> labels = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            String label = meta.getColumnLabel(i);
            String unique = label;
            for (int n = 2; !seen.add(unique); n++) {
                unique = label + "_" + n;
            }
            labels.add(unique);
        }
        return labels;
    }

    static Map<String, Object> row(ResultSet rs, List<String> labels, int[] types) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            row.put(labels.get(i), plain(rs.getObject(i + 1), types[i]));
        }
        return row;
    }

    static Object plain(Object value, int sqlType) throws SQLException {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof BigDecimal || value instanceof Double) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < 64 ? (Object) big.longValue() : big;
        }
        if (value instanceof Float f) {
            return Double.valueOf(f.toString());
        }
        if (value instanceof byte[] bytes) {
            return bytes(bytes, sqlType);
        }
        if (value instanceof Blob blob) {
            return bytes(blob.getBytes(1, (int) Math.min(Integer.MAX_VALUE, blob.length())), sqlType);
        }
        if (value instanceof Clob clob) {
            return clob.getSubString(1, (int) Math.min(Integer.MAX_VALUE, clob.length()));
        }
        return temporal(value);
    }

    private static Object temporal(Object value) {
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toLocalDateTime().toString();
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate().toString();
        }
        if (value instanceof java.sql.Time time) {
            return time.toLocalTime().toString();
        }
        if (value instanceof TemporalAccessor || value instanceof java.time.Duration) {
            return value.toString();
        }
        if (value instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        return String.valueOf(value);
    }

    /** A BIT(1) is a flag; other bytes are text when they are valid UTF-8, else hex. */
    private static Object bytes(byte[] bytes, int sqlType) {
        if ((sqlType == Types.BIT || sqlType == Types.BOOLEAN) && bytes.length == 1) {
            return bytes[0] != 0;
        }
        if (sqlType == Types.BIT) {
            BigInteger bits = new BigInteger(1, bytes);
            return bits.bitLength() < 64 ? (Object) bits.longValue() : bits;
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            if (text.chars().noneMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r')) {
                return text;
            }
        } catch (CharacterCodingException e) {
            // not text: hex below
        }
        return "0x" + HexFormat.of().formatHex(bytes);
    }
}
