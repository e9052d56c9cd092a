package io.stepwise.steps.workload;

import static io.stepwise.steps.jdbc.SqlLiterals.ident;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.concurrent.atomic.AtomicLong;

/**
 * sysbench's oltp tables ({@code oltp_common.lua}: {@code sbtest<i>} with id, k, c CHAR(120),
 * pad CHAR(60), secondary index {@code k_<i>} created after the rows) and the oltp_write_only
 * transaction: an index update, a non-index update, and a delete plus re-insert of one row, each on
 * a table of its own random choice. Ids are drawn uniformly (sysbench's default is its "special"
 * distribution).
 */
final class OltpWorkload {
    private final WorkloadConfig config;

    OltpWorkload(WorkloadConfig config) {
        this.config = config;
    }

    String table(int i) {
        return ident(config.database(), "sbtest" + i);
    }

    String createTable(int i) {
        return "CREATE TABLE " + table(i) + " (\n  id INTEGER NOT NULL AUTO_INCREMENT,\n"
                + "  k INTEGER DEFAULT '0' NOT NULL,\n  c CHAR(120) DEFAULT '' NOT NULL,\n"
                + "  pad CHAR(60) DEFAULT '' NOT NULL,\n  PRIMARY KEY (id)\n) /*! ENGINE = innodb */";
    }

    String createIndex(int i) {
        return "CREATE INDEX k_" + i + " ON " + table(i) + "(k)";
    }

    String insertTemplate(int i) {
        return "INSERT INTO " + table(i) + " (id, k, c, pad) VALUES (<id>, <k>, '<c>', '<pad>'), ... ("
                + Math.min(config.batchSize(), config.tableSize()) + " rows a statement)";
    }

    List<String> cleanup() {
        List<String> statements = new ArrayList<>();
        for (int i = 1; i <= config.tables(); i++) {
            statements.add("DROP TABLE IF EXISTS " + table(i));
        }
        return statements;
    }

    /** Creates table {@code i}, fills it in batches, then adds the secondary index, as sysbench does. */
    void prepareTable(Connection c, int i, RandomGenerator random, AtomicLong rowsDone) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(createTable(i));
            StringBuilder batch = new StringBuilder();
            int inBatch = 0;
            for (long id = 1; id <= config.tableSize(); id++) {
                batch.append(inBatch == 0 ? "INSERT INTO " + table(i) + " (id, k, c, pad) VALUES " : ",")
                        .append('(').append(id).append(',').append(1 + random.nextInt((int) Math.min(Integer.MAX_VALUE,
                                config.tableSize()))).append(",'").append(digits(random, 10)).append("','")
                        .append(digits(random, 5)).append("')");
                if (++inBatch == config.batchSize() || id == config.tableSize()) {
                    s.execute(batch.toString());
                    rowsDone.addAndGet(inBatch);
                    batch.setLength(0);
                    inBatch = 0;
                }
            }
            s.execute(createIndex(i));
        }
    }

    /** sysbench's c and pad values: groups of 11 random digits separated by dashes. */
    static String digits(RandomGenerator random, int groups) {
        char[] text = new char[groups * 12 - 1];
        for (int i = 0; i < text.length; i++) {
            text[i] = i % 12 == 11 ? '-' : (char) ('0' + random.nextInt(10));
        }
        return new String(text);
    }

    /** The statements of one oltp_write_only transaction, for dry-run. */
    List<String> transactionTemplate() {
        String t = "`" + config.database() + "`.sbtest<random 1.." + config.tables() + ">";
        return List.of("BEGIN", "UPDATE " + t + " SET k=k+1 WHERE id=?", "UPDATE " + t + " SET c=? WHERE id=?",
                "DELETE FROM " + t + " WHERE id=?", "INSERT INTO " + t + " (id, k, c, pad) VALUES (?, ?, ?, ?)",
                "COMMIT");
    }

    /** Per-connection prepared statements for the write-only transaction. */
    LoadGenerator.Session open(Connection c) throws SQLException {
        int n = config.tables();
        PreparedStatement[][] statements = new PreparedStatement[n][4];
        for (int i = 0; i < n; i++) {
            statements[i][0] = c.prepareStatement("UPDATE " + table(i + 1) + " SET k=k+1 WHERE id=?");
            statements[i][1] = c.prepareStatement("UPDATE " + table(i + 1) + " SET c=? WHERE id=?");
            statements[i][2] = c.prepareStatement("DELETE FROM " + table(i + 1) + " WHERE id=?");
            statements[i][3] = c.prepareStatement("INSERT INTO " + table(i + 1) + " (id, k, c, pad) VALUES (?, ?, ?, ?)");
        }
        c.setAutoCommit(false);
        long size = config.tableSize();
        return random -> {
            PreparedStatement[] a = statements[random.nextInt(n)];
            a[0].setLong(1, 1 + random.nextLong(size));
            a[0].executeUpdate();
            PreparedStatement[] b = statements[random.nextInt(n)];
            b[1].setString(1, digits(random, 10));
            b[1].setLong(2, 1 + random.nextLong(size));
            b[1].executeUpdate();
            PreparedStatement[] d = statements[random.nextInt(n)];
            long id = 1 + random.nextLong(size);
            d[2].setLong(1, id);
            d[2].executeUpdate();
            d[3].setLong(1, id);
            d[3].setLong(2, 1 + random.nextLong(size));
            d[3].setString(3, digits(random, 10));
            d[3].setString(4, digits(random, 5));
            d[3].executeUpdate();
            c.commit();
        };
    }

    /** Row counts per table: after any amount of write-only load each table still holds table_size rows. */
    List<Long> rowCounts(Connection c) throws SQLException {
        List<Long> counts = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            for (int i = 1; i <= config.tables(); i++) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table(i))) {
                    rs.next();
                    counts.add(rs.getLong(1));
                }
            }
        }
        return counts;
    }
}
