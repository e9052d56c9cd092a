package io.stepwise.engine.spi;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The one way to reach a MySQL-protocol server (MySQL, MariaDB, TiDB) from a plan connection, used by
 * the engine's SQL action runner and by every step type that opens connections itself, so a
 * connection behaves the same in {@code sql}, {@code diff}, {@code workload}, {@code br.*} and
 * {@code tidb.*}. Settings: {@code host} (127.0.0.1), {@code port} (3306), {@code user} (root),
 * {@code password}, {@code database} (none) and {@code options}, a mapping of Connector/J properties
 * that win over everything here. Stateless: each call builds a new URL or {@link Properties}.
 */
public final class JdbcConnections {
    /**
     * {@code connectTimeout}: connecting gives up after 10 s, so a wrong host or a firewall that drops
     * packets fails the step with "cannot connect" instead of hanging on the OS's minutes-long default.
     */
    public static final String CONNECT_TIMEOUT_MILLIS = "10000";
    /**
     * {@code socketTimeout}: one hour, a backstop for a peer that vanished without a reset (the driver's
     * default, none, waits forever). Interruption and a step's {@code timeout} end long statements long
     * before; a statement that legitimately blocks longer ({@code BACKUP}, {@code RESTORE}) sets
     * {@code options: {socketTimeout: 0}} on its own connection, and a caller may lower it.
     */
    public static final String SOCKET_TIMEOUT_MILLIS = "3600000";
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1", "[::1]");

    private JdbcConnections() {
    }

    /** {@code jdbc:mysql://host:port/database} with the connection's own database (or none). */
    public static String url(ConnectionInfo info) {
        return url(info, info.setting("database").map(String::valueOf).orElse(null));
    }

    /**
     * {@code jdbc:mysql://host:port/database}: an IPv6 host is bracketed, and the database is
     * percent-encoded (spaces as {@code %20}), so a name holding {@code ? / # & %} or a space stays one
     * database name instead of starting the URL's query or path. Options never go into the URL: as
     * properties they need no encoding and a password there would not leak into a URL in a message.
     */
    public static String url(ConnectionInfo info, String database) {
        String host = host(info);
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        String path = database == null ? "" : URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20");
        return "jdbc:mysql://" + host + ":" + info.string("port", "3306").trim() + "/" + path;
    }

    /** The connection's properties with no step-specific additions. */
    public static Properties properties(ConnectionInfo info) {
        return properties(info, new Properties());
    }

    /**
     * The driver properties, in increasing precedence: the defaults below, then {@code extra} (what a
     * step type needs, such as the diff's raw YEAR and BIT values), then the plan's {@code options}, so
     * the person writing the plan has the last word.
     * <ul>
     * <li>{@code user} (root) and {@code password} (only when set; an empty one is sent as empty).</li>
     * <li>{@code connectTimeout} and {@code socketTimeout}: see {@link #CONNECT_TIMEOUT_MILLIS} and
     * {@link #SOCKET_TIMEOUT_MILLIS}.</li>
     * <li>{@code sslMode}: {@code DISABLED} for a loopback host (TLS buys nothing on the same machine and
     * costs the CPU a diff or a workload needs; local test servers often have no certificate), else
     * {@code PREFERRED} (the driver's own default, stated so it does not change with the driver).</li>
     * <li>{@code allowPublicKeyRetrieval=true}: without TLS, MySQL 8's {@code caching_sha2_password}
     * needs the server's RSA key to send the password; without this the loopback default above would
     * refuse to log in.</li>
     * <li>{@code zeroDateTimeBehavior=CONVERT_TO_NULL}: a {@code 0000-00-00} date reads as null instead
     * of failing the whole query (the driver's default is an exception); values read as text keep it.</li>
     * <li>{@code characterEncoding=UTF-8}: text round-trips whatever the server's default charset.</li>
     * <li>{@code tcpKeepAlive=true}: an idle session kept across steps notices a dead peer.</li>
     * <li>{@code useLocalSessionState=true}: the driver keeps autocommit and isolation as the protocol
     * reports them instead of asking the server before each change (fewer round trips per transaction).</li>
     * </ul>
     * Not set: {@code cacheServerConfiguration}, which the steps' copy had. It caches server variables
     * per URL in a JVM-wide map, so a server restarted on the same port with another version or
     * settings (as {@code mariadb.local} and {@code tidb.*} plans do) would be read with the old ones.
     *
     * @throws IllegalArgumentException when {@code options} is not a mapping
     */
    public static Properties properties(ConnectionInfo info, Properties extra) {
        Properties props = new Properties();
        props.setProperty("user", info.string("user", "root"));
        info.setting("password").ifPresent(p -> props.setProperty("password", String.valueOf(p)));
        props.setProperty("connectTimeout", CONNECT_TIMEOUT_MILLIS);
        props.setProperty("socketTimeout", SOCKET_TIMEOUT_MILLIS);
        props.setProperty("sslMode", isLoopback(host(info)) ? "DISABLED" : "PREFERRED");
        props.setProperty("allowPublicKeyRetrieval", "true");
        props.setProperty("zeroDateTimeBehavior", "CONVERT_TO_NULL");
        props.setProperty("characterEncoding", "UTF-8");
        props.setProperty("tcpKeepAlive", "true");
        props.setProperty("useLocalSessionState", "true");
        props.putAll(extra);
        options(info).forEach((k, v) -> {
            if (k != null && v != null) {
                props.setProperty(String.valueOf(k), String.valueOf(v));
            }
        });
        return props;
    }

    /** True for the names of this machine: {@code localhost}, any {@code 127.x.x.x}, {@code ::1}. */
    public static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return LOOPBACK.contains(h) || h.startsWith("127.");
    }

    private static String host(ConnectionInfo info) {
        return info.string("host", "127.0.0.1");
    }

    private static Map<?, ?> options(ConnectionInfo info) {
        Optional<Object> options = info.setting("options");
        if (options.isEmpty()) {
            return Map.of();
        }
        if (options.get() instanceof Map<?, ?> map) {
            return map;
        }
        throw new IllegalArgumentException("connection " + info.name() + ": options must be a mapping of driver properties");
    }
}
