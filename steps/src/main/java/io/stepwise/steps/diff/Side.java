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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One side of the diff: a small pool of sessions on one server, each in UTC (TIMESTAMP values compare
 * alike) and, when asked, at a snapshot. A TiDB TSO or timestamp sets {@code tidb_snapshot} on every
 * session. {@code consistent} opens every session at once, each with {@code START TRANSACTION WITH
 * CONSISTENT SNAPSHOT}, and keeps them only when all report the same binlog position
 * ({@code binlog_snapshot_file}/{@code _position}): no transaction was written to the binlog between
 * them, so they read the same data. When writes keep them apart (a few tries), or the server has no
 * binlog to tell, one session reads everything, as before.
 */
final class Side implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Side.class);

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
    /** Sessions being opened outside the lock on {@code all}, counted against the side's size. */
    private int opening;

    Side(String role, ConnectionInfo info, Optional<String> snapshot, int threads) {
        this.role = role;
        this.info = info;
        this.snapshot = snapshot;
        this.size = threads;
    }

    private static final int SAME_POSITION_TRIES = 5;
    private boolean consistentOpened;

    /** True when the side reads at one consistent snapshot. */
    private boolean consistent() {
        return snapshot.filter(DiffConfig.CONSISTENT::equals).isPresent();
    }

    /** The sessions opened so far. */
    int sessions() {
        synchronized (all) {
            return all.size();
        }
    }

    /** Opens the consistent sessions all at once (see the class comment); under the lock on {@code all}. */
    private void openConsistent() throws SQLException {
        consistentOpened = true;
        for (int attempt = 1; attempt <= SAME_POSITION_TRIES && size > 1; attempt++) {
            List<Connection> opened = new ArrayList<>();
            try {
                for (int i = 0; i < size; i++) {
                    opened.add(open());
                }
                List<String> positions = new ArrayList<>();
                for (Connection c : opened) {
                    positions.add(snapshotPosition(c));
                }
                if (positions.stream().distinct().count() == 1 && !positions.get(0).isEmpty()) {
                    all.addAll(opened);
                    idle.addAll(opened);
                    return;
                }
                if (positions.get(0).isEmpty()) {
                    attempt = SAME_POSITION_TRIES; // no binlog: nothing tells whether they match
                }
            } catch (SQLException | RuntimeException e) {
                closeAll(opened);
                throw e;
            }
            closeAll(opened);
        }
        Connection one = open();
        all.add(one);
        idle.add(one);
    }

    /** The binlog position of a session's consistent snapshot, "" when the server keeps no binlog. */
    private static String snapshotPosition(Connection c) throws SQLException {
        StringBuilder position = new StringBuilder();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW SESSION STATUS LIKE 'binlog_snapshot_%'")) {
            while (rs.next()) {
                position.append(rs.getString(1)).append('=').append(rs.getString(2)).append(' ');
            }
        }
        String text = position.toString();
        return text.contains("position=0 ") || !text.contains("file=") || text.contains("file= ") ? "" : text;
    }

    private static void closeAll(List<Connection> connections) {
        for (Connection c : connections) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // a session we did not keep
            }
        }
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

    /**
     * Opens the rest of the side's sessions in the background, each on its own thread of
     * {@code pool}, while the first one reads the catalog: a session takes a few milliseconds to
     * open, which would otherwise fall on the first tables' checksums. Not for a consistent side,
     * whose sessions open all at once on first use.
     */
    void openAhead(ExecutorService pool) {
        if (consistent()) {
            return;
        }
        for (int i = 1; i < size; i++) {
            pool.execute(() -> {
                try {
                    openIfRoom().ifPresent(idle::offer);
                } catch (SQLException | RuntimeException e) {
                    // a call that finds no session opens one itself, and reports the failure then
                    LOG.debug("{} session not opened ahead: {}", role, e.toString());
                }
            });
        }
    }

    private Connection take() throws SQLException {
        while (true) {
            Connection c = idle.poll();
            if (c != null) {
                return c;
            }
            synchronized (all) {
                if (consistent() && !consistentOpened) {
                    openConsistent();
                    continue;
                }
            }
            Optional<Connection> opened = consistent() ? Optional.empty() : openIfRoom();
            if (opened.isPresent()) {
                return opened.get();
            }
            try {
                c = idle.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for a " + role + " session", e);
            }
            if (c != null) {
                return c;
            }
            if (closed) {
                throw new SQLException("the diff was stopped");
            }
        }
    }

    /**
     * A new session when the side has fewer than its size open or opening, else empty. Sessions
     * open outside the lock, so several open at once.
     */
    private Optional<Connection> openIfRoom() throws SQLException {
        synchronized (all) {
            if (all.size() + opening >= size) {
                return Optional.empty();
            }
            opening++;
        }
        Connection c = null;
        try {
            c = open();
        } finally {
            synchronized (all) {
                opening--;
                if (c != null && !closed) {
                    all.add(c);
                }
            }
        }
        if (closed) {
            closeAll(List.of(c));
            throw new SQLException("the diff was stopped");
        }
        return Optional.of(c);
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
