package io.stepwise.steps.jdbc;

import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.StepFailedException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * Opens JDBC connections to MySQL-protocol servers (MySQL, MariaDB, TiDB) from a plan connection's
 * settings: {@code host}, {@code port}, {@code user}, {@code password}, {@code database} and
 * {@code options}, a mapping of Connector/J properties that win over the defaults (as in the action
 * runner). Loopback hosts default to {@code sslMode=DISABLED} (TLS buys nothing there and costs CPU the
 * diff needs), others to {@code PREFERRED}. Step types that stream data or keep transactions open use
 * it; one-off statements go through the action runner.
 */
public final class MysqlJdbc {
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1", "[::1]");

    private MysqlJdbc() {
    }

    /** Fails with a clear message when a connection is not of type {@code mysql}. */
    public static ConnectionInfo requireMysql(ConnectionInfo info, String parameter) {
        if (!"mysql".equals(info.type())) {
            throw new IllegalArgumentException("parameter '" + parameter + "' names connection '" + info.name()
                    + "' of type " + info.type() + "; this step needs a connection of type mysql");
        }
        return info;
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

    public static String url(ConnectionInfo info, String database) {
        String host = host(info);
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return "jdbc:mysql://" + host + ":" + port(info) + "/" + (database == null ? "" : database);
    }

    /** Connector/J properties for a connection; {@code extra} wins over the defaults. */
    public static Properties properties(ConnectionInfo info, Properties extra) {
        Properties props = new Properties();
        props.setProperty("user", user(info));
        props.setProperty("password", password(info));
        props.setProperty("connectTimeout", "10000");
        props.setProperty("sslMode", isLoopback(host(info)) ? "DISABLED" : "PREFERRED");
        props.setProperty("allowPublicKeyRetrieval", "true");
        props.setProperty("characterEncoding", "UTF-8");
        props.setProperty("useLocalSessionState", "true");
        props.setProperty("cacheServerConfiguration", "true");
        props.setProperty("tcpKeepAlive", "true");
        props.putAll(extra);
        if (info.settings().get("options") instanceof java.util.Map<?, ?> options) {
            options.forEach((k, v) -> {
                if (k != null && v != null) {
                    props.setProperty(String.valueOf(k), String.valueOf(v));
                }
            });
        }
        return props;
    }

    /** Opens a connection to the connection's database (or none). */
    public static Connection open(ConnectionInfo info) throws SQLException {
        return open(info, info.setting("database").map(String::valueOf).orElse(null), new Properties());
    }

    public static Connection open(ConnectionInfo info, String database, Properties extra) throws SQLException {
        return DriverManager.getConnection(url(info, database), properties(info, extra));
    }

    public static boolean isLoopback(String host) {
        return LOOPBACK.contains(host.toLowerCase(Locale.ROOT));
    }

    /** A failure to reach a server, phrased for the person running the plan; the password never appears. */
    public static StepFailedException connectFailure(ConnectionInfo info, SQLException e) {
        return new StepFailedException("cannot connect to " + info.describe() + ": " + e.getMessage(),
                "check that the server is up and that host, port, user and password of connection '"
                        + info.name() + "' are right", e);
    }
}
