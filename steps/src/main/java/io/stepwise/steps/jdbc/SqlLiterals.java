package io.stepwise.steps.jdbc;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * SQL literals for statements that cannot take {@code ?} parameters ({@code CHANGE MASTER TO},
 * {@code BACKUP}, {@code RESTORE}, {@code SET GLOBAL}) and for generated SQL files, quoted the MySQL way.
 * Identifiers are back-quoted with back-quotes doubled.
 */
public final class SqlLiterals {
    private SqlLiterals() {
    }

    /** {@code `name`} with embedded back-quotes doubled. */
    public static String ident(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /** {@code `db`.`table`}. */
    public static String ident(String schema, String table) {
        return ident(schema) + "." + ident(table);
    }

    /** {@code db.table} as {@code `db`.`table`}; a name without a dot is one identifier. */
    public static String qualified(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? ident(name) : ident(name.substring(0, dot), name.substring(dot + 1));
    }

    /** Names as {@link #qualified} ones, comma-separated. */
    public static String identList(List<String> names) {
        return names.stream().map(SqlLiterals::qualified).collect(Collectors.joining(", "));
    }

    /**
     * A string literal: quotes are doubled, backslashes and control characters escaped with a
     * backslash. Needs a session without {@code NO_BACKSLASH_ESCAPES} when {@link #needsBackslashEscapes}
     * says so.
     */
    public static String string(String value) {
        StringBuilder text = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\'' -> text.append("''");
                case '\\' -> text.append("\\\\");
                case '\0' -> text.append("\\0");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\u001a' -> text.append("\\Z");
                default -> text.append(c);
            }
        }
        return text.append('\'').toString();
    }

    /** True when {@link #string} would use a backslash escape for this value. */
    public static boolean needsBackslashEscapes(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '\0' || c == '\n' || c == '\r' || c == '\u001a') {
                return true;
            }
        }
        return false;
    }

    /** The statement that makes backslash escapes work in the current session whatever its sql_mode. */
    public static String allowBackslashEscapes() {
        return "SET SESSION sql_mode = REPLACE(@@SESSION.sql_mode, 'NO_BACKSLASH_ESCAPES', '')";
    }

    /**
     * A text value for a SQL file that is read under any client character set and any sql_mode:
     * printable ASCII as a plain literal, anything else as {@code _utf8mb4 X'...'}.
     */
    public static String portableText(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '\\') {
                return "_utf8mb4 X'" + HexFormat.of().formatHex(value.getBytes(StandardCharsets.UTF_8)) + "'";
            }
        }
        return "'" + value.replace("'", "''") + "'";
    }

    /** A binary value as {@code X'...'}. */
    public static String hex(byte[] value) {
        return "X'" + HexFormat.of().formatHex(value) + "'";
    }
}
