package io.stepwise.steps.embedded;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Plain JDBC to a local test server (root, no password: grant tables are off). */
public final class Jdbc {
    private Jdbc() {
    }

    public static Connection open(int port) throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port
                + "/?user=root&sslMode=DISABLED&allowPublicKeyRetrieval=true&connectTimeout=5000");
    }

    public static void run(int port, String... statements) throws SQLException {
        try (Connection c = open(port); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    public static String value(int port, String query) throws SQLException {
        try (Connection c = open(port); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    public static long count(int port, String table) throws SQLException {
        return Long.parseLong(value(port, "SELECT COUNT(*) FROM " + table));
    }
}
