package io.stepwise.steps.jdbc;

import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.JdbcConnections;
import io.stepwise.engine.spi.StepFailedException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens JDBC connections to MySQL-protocol servers (MySQL, MariaDB, TiDB) from a plan connection's
 * settings, through the engine's {@link JdbcConnections} (the URL and driver properties the action runner
 * uses too), adding a readable port check and the step-facing failure. Step types that stream data or
 * keep transactions open use it; one-off statements go through the action runner.
 */
public final class MysqlJdbc {
    private MysqlJdbc() {
    }

    /** The same server without a default database, for statements that name their schema themselves. */
    public static ConnectionInfo withoutDatabase(ConnectionInfo info) {
        java.util.Map<String, Object> settings = new java.util.LinkedHashMap<>(info.settings());
        settings.remove("database");
        return new ConnectionInfo(info.name(), info.type(), settings);
    }

    public static String host(ConnectionInfo info) {
        return info.string("host", "127.0.0.1");
    }

    public static int port(ConnectionInfo info) {
        String text = info.string("port", "3306").trim();
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new StepFailedException("connection '" + info.name() + "' has port '" + text + "', not a number",
                    "set connections." + info.name() + ".port to a TCP port");
        }
    }

    public static String user(ConnectionInfo info) {
        return info.string("user", "root");
    }

    public static String password(ConnectionInfo info) {
        return info.string("password", "");
    }

    /** See {@link JdbcConnections#url(ConnectionInfo, String)}. */
    public static String url(ConnectionInfo info, String database) {
        port(info);
        return JdbcConnections.url(info, database);
    }

    /** Connector/J properties for a connection; see {@link JdbcConnections#properties(ConnectionInfo, Properties)}. */
    public static Properties properties(ConnectionInfo info, Properties extra) {
        try {
            return JdbcConnections.properties(info, extra);
        } catch (IllegalArgumentException e) {
            throw new StepFailedException(e.getMessage(), "write options: {name: value, ...}");
        }
    }

    /** Opens a connection to the connection's database (or none). */
    public static Connection open(ConnectionInfo info) throws SQLException {
        return open(info, info.setting("database").map(String::valueOf).orElse(null), new Properties());
    }

    public static Connection open(ConnectionInfo info, String database, Properties extra) throws SQLException {
        return DriverManager.getConnection(url(info, database), properties(info, extra));
    }

    public static boolean isLoopback(String host) {
        return JdbcConnections.isLoopback(host);
    }

    /** A failure to reach a server, phrased for the person running the plan; the password never appears. */
    public static StepFailedException connectFailure(ConnectionInfo info, SQLException e) {
        return new StepFailedException("cannot connect to " + info.describe() + ": " + e.getMessage(),
                "check that the server is up and that host, port, user and password of connection '"
                        + info.name() + "' are right", e);
    }
}
