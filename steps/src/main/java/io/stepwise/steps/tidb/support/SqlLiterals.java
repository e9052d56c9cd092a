package io.stepwise.steps.tidb.support;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Literals spliced into statements that cannot take bound parameters (BACKUP, RESTORE, SET GLOBAL),
 * quoted the MySQL way: strings in single quotes with quote and backslash escaped, names in backticks.
 */
public final class SqlLiterals {
    private SqlLiterals() {
    }

    public static String string(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    public static String ident(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /** {@code db.table} as {@code `db`.`table`}; a name without a dot is one identifier. */
    public static String qualified(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? ident(name) : ident(name.substring(0, dot)) + "." + ident(name.substring(dot + 1));
    }

    public static String identList(List<String> names) {
        return names.stream().map(SqlLiterals::qualified).collect(Collectors.joining(", "));
    }
}
