package io.stepwise.engine.internal.actions;

import io.stepwise.engine.spi.ConnectionInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

/**
 * The JDBC URL and properties of a MySQL-protocol connection: {@code host} (127.0.0.1), {@code port}
 * (3306), {@code user} (root), {@code password}, {@code database}, and {@code options}, extra driver
 * properties that win over the defaults here.
 */
final class JdbcUrls {
    /** Connecting gives up after this long; the hint then says nothing answered. */
    static final String CONNECT_TIMEOUT_MILLIS = "10000";
    /** A backstop for a dead peer; interruption cancels long statements long before. */
    static final String SOCKET_TIMEOUT_MILLIS = "3600000";

    private JdbcUrls() {
    }

    static String url(ConnectionInfo info) {
        String host = info.string("host", "127.0.0.1");
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        String database = info.setting("database").map(String::valueOf).orElse("");
        return "jdbc:mysql://" + host + ":" + info.string("port", "3306") + "/"
                + URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static Properties properties(ConnectionInfo info) {
        Properties properties = new Properties();
        properties.setProperty("user", info.string("user", "root"));
        info.setting("password").ifPresent(p -> properties.setProperty("password", String.valueOf(p)));
        properties.setProperty("connectTimeout", CONNECT_TIMEOUT_MILLIS);
        properties.setProperty("socketTimeout", SOCKET_TIMEOUT_MILLIS);
        properties.setProperty("zeroDateTimeBehavior", "CONVERT_TO_NULL");
        properties.setProperty("tcpKeepAlive", "true");
        Object options = info.settings().get("options");
        if (options instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (k != null && v != null) {
                    properties.setProperty(String.valueOf(k), String.valueOf(v));
                }
            });
        } else if (options != null) {
            throw new IllegalArgumentException("connection " + info.name() + ": options must be a mapping of driver properties");
        }
        return properties;
    }
}
