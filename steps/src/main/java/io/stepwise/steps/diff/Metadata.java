package io.stepwise.steps.diff;

import io.stepwise.steps.diff.TableMeta.Column;
import io.stepwise.steps.diff.TableMeta.KeyKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads tables, columns and keys from information_schema. */
final class Metadata {
    private Metadata() {
    }

    /** {@code schema.table} of every base table the config selects, in order. */
    static List<String[]> tables(Connection c, DiffConfig config) throws SQLException {
        List<String[]> tables = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(DiffSql.TABLES)) {
            while (rs.next()) {
                String schema = rs.getString(1);
                String table = rs.getString(2);
                boolean named = config.tables().stream().anyMatch(p -> !p.text().contains("*")
                        && !p.text().contains("?") && p.matches(schema, table));
                if ((named || !TablePattern.isSystemSchema(schema)) && config.selects(schema, table)) {
                    tables.add(new String[] {schema, table});
                }
            }
        }
        return tables;
    }

    static Optional<TableMeta> table(Connection c, String schema, String table) throws SQLException {
        List<Column> columns = new ArrayList<>();
        Map<String, Column> byName = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(DiffSql.COLUMNS)) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String extra = String.valueOf(rs.getString(5)).toUpperCase(Locale.ROOT);
                    Column column = new Column(rs.getString(1), rs.getString(2), rs.getString(3),
                            "YES".equals(rs.getString(4)), TableMeta.kindOf(rs.getString(2)),
                            rs.getString(6) == null ? "" : rs.getString(6));
                    byName.put(column.name().toLowerCase(Locale.ROOT), column);
                    if (!extra.contains("GENERATED")) {
                        columns.add(column);
                    }
                }
            }
        }
        if (columns.isEmpty()) {
            return Optional.empty();
        }
        Map<String, List<String>> unique = new LinkedHashMap<>();
        java.util.Set<String> unusable = new java.util.HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(DiffSql.INDEXES)) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String index = rs.getString(1);
                    Column column = byName.get(rs.getString(2).toLowerCase(Locale.ROOT));
                    if (rs.getInt(3) != 0 || rs.getObject(4) != null || column == null || column.nullable()
                            || !columns.contains(column)) {
                        unusable.add(index);
                    }
                    unique.computeIfAbsent(index, k -> new ArrayList<>()).add(column == null ? "" : column.name());
                }
            }
        }
        unique.keySet().removeAll(unusable);
        if (unique.isEmpty()) {
            return Optional.of(new TableMeta(schema, table, columns, List.of(), KeyKind.NONE));
        }
        Map.Entry<String, List<String>> chosen = unique.entrySet().iterator().next();
        List<Column> key = chosen.getValue().stream().map(n -> byName.get(n.toLowerCase(Locale.ROOT))).toList();
        return Optional.of(new TableMeta(schema, table, columns, key,
                chosen.getKey().equals("PRIMARY") ? KeyKind.PRIMARY : KeyKind.UNIQUE));
    }

    static String showCreate(Connection c, TableMeta t) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW CREATE TABLE " + DiffSql.table(t))) {
            rs.next();
            // one line, like every fix statement (SHOW CREATE TABLE escapes newlines inside literals)
            return rs.getString(2).replace("\n", " ").replaceFirst("^CREATE TABLE `", "CREATE TABLE IF NOT EXISTS "
                    + DiffSql.ident(t.schema()) + ".`");
        }
    }
}
