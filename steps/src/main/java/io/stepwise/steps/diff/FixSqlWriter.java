package io.stepwise.steps.diff;

import io.stepwise.steps.diff.TableMeta.Column;
import io.stepwise.steps.jdbc.SqlLiterals;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The fix SQL file: statements that make the target equal the source, one a line. Per compared range,
 * DELETEs of extra rows come before REPLACEs, so a key the collation considers equal ('a' vs 'A') is
 * replaced, not deleted after being written. Values are written so that the file reads the same under
 * any client character set and sql_mode.
 */
final class FixSqlWriter implements AutoCloseable {
    private final Path file;
    private final BufferedWriter out;
    private long statements;

    FixSqlWriter(Path file, String source, String target) {
        this.file = file;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            out.write("-- stepwise diff: statements that make " + target + " equal " + source + "\n");
            out.write("-- written " + Instant.now() + "; review before applying\n");
            out.write("SET SESSION time_zone = '+00:00';\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write fix SQL " + file, e);
        }
    }

    Path file() {
        return file;
    }

    synchronized long statements() {
        return statements;
    }

    /** The fix for one range: deletes of target-only rows, then replaces of missing or changed rows. */
    synchronized void rows(TableMeta t, String comment, List<List<Object>> extra, List<List<Object>> replace) {
        List<String> lines = new ArrayList<>();
        lines.add("-- " + t.qualified() + " " + comment);
        for (List<Object> row : extra) {
            lines.add(delete(t, row));
        }
        for (List<Object> row : replace) {
            lines.add(replace(t, row));
        }
        write(lines, extra.size() + replace.size());
    }

    synchronized void statement(String comment, String sql) {
        write(List.of("-- " + comment, sql.endsWith(";") ? sql : sql + ";"), 1);
    }

    private void write(List<String> lines, int count) {
        try {
            for (String line : lines) {
                out.write(line);
                out.write('\n');
            }
            statements += count;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write fix SQL " + file, e);
        }
    }

    static String replace(TableMeta t, List<Object> row) {
        StringBuilder sql = new StringBuilder("REPLACE INTO ").append(DiffSql.table(t)).append(" (")
                .append(DiffSql.columnList(t.columns())).append(") VALUES (");
        for (int i = 0; i < row.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(literal(row.get(i)));
        }
        return sql.append(");").toString();
    }

    static String delete(TableMeta t, List<Object> row) {
        List<Column> columns = t.hasKey() ? t.key() : t.columns();
        StringBuilder sql = new StringBuilder("DELETE FROM ").append(DiffSql.table(t)).append(" WHERE ");
        for (int i = 0; i < columns.size(); i++) {
            Object value = row.get(t.columns().indexOf(columns.get(i)));
            sql.append(i == 0 ? "" : " AND ").append(DiffSql.ident(columns.get(i).name()))
                    .append(value == null ? " IS NULL" : " = " + literal(value));
        }
        return sql.append(t.hasKey() ? ";" : " LIMIT 1;").toString();
    }

    static String literal(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof byte[] bytes) {
            return SqlLiterals.hex(bytes);
        }
        return SqlLiterals.portableText(String.valueOf(value));
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write fix SQL " + file, e);
        }
    }
}
