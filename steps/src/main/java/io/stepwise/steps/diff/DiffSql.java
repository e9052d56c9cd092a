package io.stepwise.steps.diff;

import io.stepwise.steps.diff.TableMeta.Column;
import io.stepwise.steps.diff.TableMeta.Kind;
import io.stepwise.steps.jdbc.SqlLiterals;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The diff's SQL. The chunk checksum follows sync-diff-inspector ({@code COUNT(*)} and a
 * {@code BIT_XOR} of an MD5 per row over {@code CONCAT_WS}) with three changes: MD5 is computed once
 * per row and its first 64 bits are folded in (sync-diff evaluates MD5 twice to XOR both halves, which
 * adds cost but no strength to a 64-bit sum); text columns are hashed as bytes ({@code CAST(.. AS
 * BINARY)}), so columns of different collations never raise "illegal mix of collations"; and the
 * byte length of every text column is hashed too, so that a separator inside a value cannot make two
 * different rows hash alike ({@code 'a,b','c'} vs {@code 'a','b,c'}). A bitmap of {@code ISNULL} over
 * the nullable columns tells NULL from empty, as CONCAT_WS skips NULLs. With {@code checksum: crc32} the
 * row hash is pt-table-checksum's {@code CRC32} instead: 32 bits a row, about three times cheaper.
 */
final class DiffSql {
    static final String SCHEMAS = "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA ORDER BY SCHEMA_NAME";

    /** The catalog queries as dry-run shows them, before the schemas are known. */
    static String tablesTemplate() {
        return SCHEMAS + "; SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA IN"
                + " (<each schema a pattern selects>) AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_SCHEMA, TABLE_NAME";
    }

    /** The base tables of {@code schemas} schemas (bound as parameters) and their row estimates, in order. */
    static String tables(int schemas) {
        return "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA IN ("
                + placeholders(schemas) + ") AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_SCHEMA, TABLE_NAME";
    }

    /** The columns of every table in {@code schemas} schemas (bound as parameters), in table and column order. */
    static String columns(int schemas) {
        return "SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, IS_NULLABLE, EXTRA, CHARACTER_SET_NAME, TABLE_SCHEMA,"
                + " TABLE_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA IN (" + placeholders(schemas) + ")"
                + " ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION";
    }

    /** The index columns of every table in {@code schemas} schemas, the primary key first in each table. */
    static String indexes(int schemas) {
        return "SELECT INDEX_NAME, COLUMN_NAME, NON_UNIQUE, SUB_PART, TABLE_SCHEMA, TABLE_NAME"
                + " FROM information_schema.STATISTICS WHERE TABLE_SCHEMA IN (" + placeholders(schemas) + ")"
                + " ORDER BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME = 'PRIMARY' DESC, INDEX_NAME, SEQ_IN_INDEX";
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private DiffSql() {
    }

    static String ident(String name) {
        return SqlLiterals.ident(name);
    }

    static String table(TableMeta t) {
        return SqlLiterals.ident(t.schema(), t.table());
    }

    /** The per-row text that is hashed. */
    static String rowText(List<Column> columns) {
        List<String> parts = new ArrayList<>();
        for (Column c : columns) {
            parts.add(c.kind() == Kind.TEXT ? "CAST(" + ident(c.name()) + " AS BINARY)" : ident(c.name()));
        }
        List<Column> nullable = columns.stream().filter(Column::nullable).toList();
        if (!nullable.isEmpty()) {
            parts.add("CONCAT(" + nullable.stream().map(c -> "ISNULL(" + ident(c.name()) + ")")
                    .collect(Collectors.joining(", ")) + ")");
        }
        columns.stream().filter(c -> c.kind() == Kind.TEXT).forEach(c -> parts.add("LENGTH(" + ident(c.name()) + ")"));
        return "CONCAT_WS(',', " + String.join(", ", parts) + ")";
    }

    static String checksum(TableMeta t, KeyRange range, DiffConfig.Algorithm algorithm) {
        return checksum(table(t), rowText(t.columns()), t.hasKey() ? range.where(t.key()) : "1 = 1", algorithm);
    }

    static String checksum(String table, String rowText, String where, DiffConfig.Algorithm algorithm) {
        String rowHash = algorithm == DiffConfig.Algorithm.CRC32 ? "CRC32(" + rowText + ")"
                : "CAST(CONV(LEFT(MD5(" + rowText + "), 16), 16, 10) AS UNSIGNED)";
        return "SELECT COUNT(*) AS cnt, COALESCE(BIT_XOR(" + rowHash + "), 0) AS crc FROM " + table + " WHERE " + where;
    }

    static String columnList(List<Column> columns) {
        return columns.stream().map(c -> ident(c.name())).collect(Collectors.joining(", "));
    }

    static String rows(TableMeta t, KeyRange range) {
        return "SELECT " + columnList(t.columns()) + " FROM " + table(t) + " WHERE " + range.where(t.key());
    }

    static String allRows(TableMeta t) {
        return "SELECT " + columnList(t.columns()) + " FROM " + table(t)
                + (t.hasKey() ? " ORDER BY " + columnList(t.key()) : "");
    }

    static String midpoint(TableMeta t, KeyRange range) {
        return "SELECT " + columnList(t.key()) + " FROM " + table(t) + " WHERE " + range.where(t.key())
                + " ORDER BY " + columnList(t.key()) + " LIMIT 1 OFFSET ?";
    }

    /** The key {@code chunk_size} rows after a lower bound (or the start): where the next chunk begins. */
    static String boundary(TableMeta t, boolean hasLower) {
        return "SELECT " + columnList(t.key()) + " FROM " + table(t) + " WHERE "
                + KeyRange.where(t.key(), hasLower, false) + " ORDER BY " + columnList(t.key()) + " LIMIT 1 OFFSET ?";
    }

    /** MIN and MAX of an integer key (read from the index ends) and the table's estimated row count. */
    static String bounds(TableMeta t) {
        String k = ident(t.key().get(0).name());
        return "SELECT MIN(" + k + "), MAX(" + k + "), (SELECT TABLE_ROWS FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = " + SqlLiterals.string(t.schema()) + " AND TABLE_NAME = "
                + SqlLiterals.string(t.table()) + ") FROM " + table(t);
    }

    static String count(TableMeta t) {
        return "SELECT COUNT(*) FROM " + table(t);
    }

    /** Reads column {@code i} the way rows are compared: bytes for binary kinds, text otherwise. */
    static Object read(ResultSet rs, int i, Column column) throws SQLException {
        return column.kind() == Kind.BINARY ? rs.getBytes(i) : rs.getString(i);
    }

    static List<Object> readTuple(ResultSet rs, List<Column> columns) throws SQLException {
        List<Object> values = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            values.add(read(rs, i + 1, columns.get(i)));
        }
        return values;
    }

    /** The first pass over a whole table, as dry-run shows it. */
    static String wholeTableTemplate() {
        return "SHOW CREATE TABLE <schema>.<table>; CHECKSUM TABLE <schema>.<table> EXTENDED";
    }

    static String checksumTable(TableMeta t) {
        return "CHECKSUM TABLE " + table(t) + " EXTENDED";
    }

    /** The checksum query as dry-run shows it, before any table is known. */
    static String checksumTemplate(DiffConfig.Algorithm algorithm) {
        return checksum("<schema>.<table>", "CONCAT_WS(',', <each column; text as CAST(c AS BINARY)>,"
                + " CONCAT(ISNULL(<each nullable column>)), LENGTH(<each text column>))",
                "<key> >= ? AND <key> < ?", algorithm);
    }
}
