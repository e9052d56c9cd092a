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

    /** What the diff reads of one server before it compares: its version, the selected tables and their definitions. */
    record Catalog(String version, List<Listed> tables, Map<String, TableMeta> metas) {
        Optional<TableMeta> meta(Listed table) {
            return Optional.ofNullable(metas.get(table.qualified()));
        }
    }

    /** A selected table and the server's estimate of its rows ({@code TABLE_ROWS}, 0 when it has none). */
    record Listed(String schema, String table, long estimatedRows) {
        String qualified() {
            return schema + "." + table;
        }
    }

    /** The server's catalog, read on one session: four queries, whatever the number of tables. */
    static Catalog catalog(Connection c, DiffConfig config) throws SQLException {
        String version;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT VERSION()")) {
            version = rs.next() ? rs.getString(1) : "";
        }
        List<Listed> tables = tables(c, config);
        return new Catalog(version, tables, describe(c, tables));
    }

    /**
     * Every base table the config selects, in order. The schemas come first (cheap), then the tables
     * of only the schemas a pattern can select: listing every table of the server opens the system
     * schemas' hundred-odd tables, which costs more than checksumming a small table. A system schema
     * counts only when a pattern names one of its tables outright.
     */
    static List<Listed> tables(Connection c, DiffConfig config) throws SQLException {
        List<String> schemas = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(DiffSql.SCHEMAS)) {
            while (rs.next()) {
                String schema = rs.getString(1);
                boolean wanted = config.tables().stream().anyMatch(p -> p.matchesSchema(schema)
                        && (p.isLiteral() || !TablePattern.isSystemSchema(schema)));
                if (wanted) {
                    schemas.add(schema);
                }
            }
        }
        List<Listed> tables = new ArrayList<>();
        if (schemas.isEmpty()) {
            return tables;
        }
        try (PreparedStatement ps = c.prepareStatement(DiffSql.tables(schemas.size()))) {
            bind(ps, schemas);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String schema = rs.getString(1);
                    String table = rs.getString(2);
                    boolean named = config.tables().stream().anyMatch(p -> p.isLiteral() && p.matches(schema, table));
                    if ((named || !TablePattern.isSystemSchema(schema)) && config.selects(schema, table)) {
                        tables.add(new Listed(schema, table, rs.getLong(3)));
                    }
                }
            }
        }
        return tables;
    }

    /**
     * The definitions of the given tables ({@code schema.table} to its meta), read with one query on
     * information_schema.COLUMNS and one on STATISTICS for all of them: a query per table would cost
     * more than the first pass's checksum of a small table. A table with no comparable column has no entry.
     */
    static Map<String, TableMeta> describe(Connection c, List<Listed> tables) throws SQLException {
        if (tables.isEmpty()) {
            return Map.of();
        }
        List<String> schemas = tables.stream().map(Listed::schema).distinct().toList();
        Map<String, Definition> definitions = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(DiffSql.columns(schemas.size()))) {
            bind(ps, schemas);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Column column = new Column(rs.getString(1), rs.getString(2), rs.getString(3),
                            "YES".equals(rs.getString(4)), TableMeta.kindOf(rs.getString(2)),
                            rs.getString(6) == null ? "" : rs.getString(6));
                    boolean generated = String.valueOf(rs.getString(5)).toUpperCase(Locale.ROOT).contains("GENERATED");
                    definitions.computeIfAbsent(rs.getString(7) + "." + rs.getString(8), k -> new Definition())
                            .column(column, generated);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(DiffSql.indexes(schemas.size()))) {
            bind(ps, schemas);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Definition definition = definitions.get(rs.getString(5) + "." + rs.getString(6));
                    if (definition != null) {
                        definition.indexColumn(rs.getString(1), rs.getString(2), rs.getInt(3) != 0, rs.getObject(4) != null);
                    }
                }
            }
        }
        Map<String, TableMeta> metas = new LinkedHashMap<>();
        for (Listed t : tables) {
            Definition definition = definitions.get(t.qualified());
            if (definition != null && !definition.compared.isEmpty()) {
                metas.put(t.qualified(), definition.meta(t));
            }
        }
        return metas;
    }

    /** One table's columns and unique indexes as the two queries return them, row by row. */
    private static final class Definition {
        private final List<Column> compared = new ArrayList<>();
        private final Map<String, Column> byName = new LinkedHashMap<>();
        private final Map<String, List<Column>> uniqueIndexes = new LinkedHashMap<>();
        private final java.util.Set<String> unusable = new java.util.HashSet<>();

        void column(Column column, boolean generated) {
            byName.put(column.name().toLowerCase(Locale.ROOT), column);
            if (!generated) {
                compared.add(column);
            }
        }

        /** An index can order and split the table only if it is unique, whole-column, and on compared NOT NULL columns. */
        void indexColumn(String index, String columnName, boolean nonUnique, boolean prefix) {
            Column column = byName.get(columnName.toLowerCase(Locale.ROOT));
            if (nonUnique || prefix || column == null || column.nullable() || !compared.contains(column)) {
                unusable.add(index);
            }
            uniqueIndexes.computeIfAbsent(index, k -> new ArrayList<>()).add(column);
        }

        /** The primary key if usable (it comes first), else the first usable unique index, else none. */
        TableMeta meta(Listed table) {
            return uniqueIndexes.entrySet().stream().filter(e -> !unusable.contains(e.getKey())).findFirst()
                    .map(e -> new TableMeta(table.schema(), table.table(), compared, e.getValue(),
                            e.getKey().equals("PRIMARY") ? KeyKind.PRIMARY : KeyKind.UNIQUE))
                    .orElseGet(() -> new TableMeta(table.schema(), table.table(), compared, List.of(), KeyKind.NONE));
        }
    }

    private static void bind(PreparedStatement ps, List<String> schemas) throws SQLException {
        for (int i = 0; i < schemas.size(); i++) {
            ps.setString(i + 1, schemas.get(i));
        }
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
