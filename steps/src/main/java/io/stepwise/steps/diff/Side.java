package io.stepwise.steps.diff;

import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.steps.jdbc.MysqlJdbc;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One side of the diff: a small pool of sessions on one server, each in UTC (TIMESTAMP values compare
 * alike) and, when asked, at a snapshot. A TiDB TSO or timestamp sets {@code tidb_snapshot} on every
 * session; {@code consistent} opens one {@code START TRANSACTION WITH CONSISTENT SNAPSHOT} session and
 * reads everything through it, as sessions cannot share a snapshot on MySQL or MariaDB.
 */
final class Side implements AutoCloseable {
    /** Work on one session. */
    interface SqlCall<T> {
        T apply(Connection connection) throws SQLException;
    }

    private final String role;
    private final ConnectionInfo info;
    private final Optional<String> snapshot;
    private final int size;
    private final LinkedBlockingQueue<Connection> idle = new LinkedBlockingQueue<>();
    private final List<Connection> all = new ArrayList<>();
    private volatile boolean closed;

    Side(String role, ConnectionInfo info, Optional<String> snapshot, int threads) {
        this.role = role;
        this.info = info;
        this.snapshot = snapshot;
        this.size = snapshot.filter(DiffConfig.CONSISTENT::equals).isPresent() ? 1 : threads;
    }

    String role() {
        return role;
    }

    ConnectionInfo info() {
        return info;
    }

    <T> T call(SqlCall<T> work) throws SQLException {
        Connection c = take();
        try {
            return work.apply(c);
        } finally {
            idle.offer(c);
        }
    }

    private Connection take() throws SQLException {
        Connection c = idle.poll();
        if (c != null) {
            return c;
        }
        synchronized (all) {
            if (all.size() < size) {
                Connection opened = open();
                all.add(opened);
                return opened;
            }
        }
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a " + role + " session", e);
        }
    }

    private Connection open() throws SQLException {
        if (closed) {
            throw new SQLException("the diff was stopped");
        }
        Properties props = new Properties();
        props.setProperty("yearIsDateType", "false");
        props.setProperty("tinyInt1isBit", "false");
        props.setProperty("transformedBitIsBoolean", "false");
        Connection c;
        try {
            c = MysqlJdbc.open(info, null, props);
        } catch (SQLException e) {
            throw MysqlJdbc.connectFailure(info, e);
        }
        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION time_zone = '+00:00'");
            if (snapshot.isPresent()) {
                startSnapshot(c, s, snapshot.get());
            }
        }
        return c;
    }

    private void startSnapshot(Connection c, Statement s, String value) throws SQLException {
        if (value.equals(DiffConfig.CONSISTENT)) {
            s.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            s.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
            return;
        }
        if (!isTidb(s)) {
            throw new StepFailedException("snapshot_" + role + " '" + value + "' is a TiDB TSO or timestamp, but "
                    + info.describe() + " is not TiDB", "use snapshot_" + role + ": consistent on MySQL and MariaDB");
        }
        try (var ps = c.prepareStatement("SET @@tidb_snapshot = ?")) {
            ps.setString(1, value);
            ps.execute();
        }
    }

    private static boolean isTidb(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT VERSION()")) {
            return rs.next() && rs.getString(1).contains("TiDB");
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (all) {
            for (Connection c : all) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // closing after an error
                }
            }
            all.clear();
        }
    }
}
