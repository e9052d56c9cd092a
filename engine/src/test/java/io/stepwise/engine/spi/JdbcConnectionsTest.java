package io.stepwise.engine.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class JdbcConnectionsTest {
    @Test
    void pinsTheUrlAndPropertiesOfARemoteConnectionWithOptions() {
        // given a remote server, a database name that needs encoding, options and TLS settings
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("host", "db.example.com");
        settings.put("port", 4000);
        settings.put("user", "app");
        settings.put("password", "pw");
        settings.put("database", "sales 2024?/#&%");
        settings.put("options", Map.of("sslMode", "VERIFY_IDENTITY", "trustCertificateKeyStoreUrl", "file:/ca.jks",
                "socketTimeout", 0));
        ConnectionInfo info = new ConnectionInfo("primary", "mysql", settings);
        Properties extra = new Properties();
        extra.setProperty("tinyInt1isBit", "false");
        extra.setProperty("connectTimeout", "3000");

        // when
        String url = JdbcConnections.url(info);
        Properties props = JdbcConnections.properties(info, extra);

        // then the database stays one path segment, and options win over extra, which wins over defaults
        assertThat(url).isEqualTo("jdbc:mysql://db.example.com:4000/sales%202024%3F%2F%23%26%25");
        Map<Object, Object> expected = new LinkedHashMap<>();
        expected.put("user", "app");
        expected.put("password", "pw");
        expected.put("connectTimeout", "3000");
        expected.put("socketTimeout", "0");
        expected.put("sslMode", "VERIFY_IDENTITY");
        expected.put("trustCertificateKeyStoreUrl", "file:/ca.jks");
        expected.put("allowPublicKeyRetrieval", "true");
        expected.put("zeroDateTimeBehavior", "CONVERT_TO_NULL");
        expected.put("characterEncoding", "UTF-8");
        expected.put("tcpKeepAlive", "true");
        expected.put("useLocalSessionState", "true");
        expected.put("tinyInt1isBit", "false");
        assertThat(props).containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Test
    void defaultsForALoopbackServerWithoutDatabase() {
        ConnectionInfo info = new ConnectionInfo("local", "mysql", Map.of("host", "::1"));

        assertThat(JdbcConnections.url(info)).isEqualTo("jdbc:mysql://[::1]:3306/");
        assertThat(JdbcConnections.url(info, "other db")).isEqualTo("jdbc:mysql://[::1]:3306/other%20db");
        Properties props = JdbcConnections.properties(info);
        assertThat(props).containsEntry("user", "root").containsEntry("sslMode", "DISABLED")
                .containsEntry("connectTimeout", JdbcConnections.CONNECT_TIMEOUT_MILLIS)
                .containsEntry("socketTimeout", JdbcConnections.SOCKET_TIMEOUT_MILLIS)
                .doesNotContainKey("password").doesNotContainKey("cacheServerConfiguration");
    }

    @Test
    void loopbackHosts() {
        assertThat(JdbcConnections.isLoopback("127.0.0.2")).isTrue();
        assertThat(JdbcConnections.isLoopback("LOCALHOST")).isTrue();
        assertThat(JdbcConnections.isLoopback("[::1]")).isTrue();
        assertThat(JdbcConnections.isLoopback("10.0.0.1")).isFalse();
    }

    @Test
    void refusesOptionsThatAreNotAMapping() {
        ConnectionInfo info = new ConnectionInfo("primary", "mysql", Map.of("options", "sslMode=DISABLED"));

        assertThatThrownBy(() -> JdbcConnections.properties(info))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("connection primary: options must be a mapping of driver properties");
    }
}
