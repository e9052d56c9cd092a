package io.stepwise.steps.diff;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The whole-table first pass: {@code CHECKSUM TABLE ... EXTENDED} of a table on both sides at once,
 * one read of the data per side, and (with {@code count_rows: true}) a {@code COUNT(*)} for
 * {@code rows_checked} on one side: the source for every other table, the target for the rest, so
 * neither server does all the counting.
 * Only asked when the two sides can produce the same checksum for the same rows: the same
 * {@code VERSION()} (so the same row checksum code; never TiDB, whose {@code ADMIN CHECKSUM TABLE}
 * depends on table ids) and the same {@code SHOW CREATE TABLE} apart from {@code AUTO_INCREMENT} (so
 * the same columns, types, charsets and row format). Equal checksums settle the table (the count only
 * reports its size): different rows then give the same 32-bit checksum with a chance of about 2^-32,
 * the bound pt-table-checksum's CRC32 accepts per chunk. Anything else (different checksums, a NULL
 * checksum, different definitions) proves nothing either way: the table is checked in chunks, which
 * find every differing row.
 */
final class WholeTable {
    /** What the two sides agree on of a table; no count when it was not asked for. */
    record Sum(String checksum, OptionalLong count) {
    }

    private WholeTable() {
    }

    /** Whether the two servers' checksums can be compared at all, from their {@code VERSION()}. */
    static boolean comparable(String sourceVersion, String targetVersion) {
        return sourceVersion.equals(targetVersion) && !sourceVersion.contains("TiDB");
    }

    /** The table's sum when its definitions and checksums are the same on both sides; else empty (check in chunks). */
    static Optional<Sum> equal(TableMeta meta, Side source, Side target, ExecutorService targetPool,
            Optional<Side> counting) throws SQLException {
        Future<String> theirs = targetPool.submit(() -> target.call(c -> definition(c, meta)));
        String mine = source.call(c -> definition(c, meta));
        if (!mine.equals(TableDiff.await(theirs))) {
            return Optional.empty();
        }
        Future<String> other = targetPool.submit(() -> target.call(c -> checksum(c, meta)));
        String checksum = source.call(c -> checksum(c, meta));
        String otherChecksum = TableDiff.await(other);
        if (checksum == null || !checksum.equals(otherChecksum)) {
            return Optional.empty();
        }
        return Optional.of(new Sum(checksum, counting.isPresent()
                ? OptionalLong.of(counting.get().call(c -> count(c, meta))) : OptionalLong.empty()));
    }

    private static String definition(Connection c, TableMeta meta) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW CREATE TABLE " + DiffSql.table(meta))) {
            return rs.next() ? rs.getString(2).replaceAll(" AUTO_INCREMENT=\\d+", "") : "";
        }
    }

    private static String checksum(Connection c, TableMeta meta) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(DiffSql.checksumTable(meta))) {
            return rs.next() ? rs.getString(2) : null;
        }
    }

    /** The table's row count on one side, for rows_checked (equal checksums say the other side has as many). */
    private static long count(Connection c, TableMeta meta) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(DiffSql.count(meta))) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
