package io.stepwise.engine.internal.actions;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class JdbcValuesTest {
    @Test
    void givenDriverValues_whenMadePlain_thenTheyBecomeJsonFriendlyJavaValues() throws SQLException {
        assertThat(JdbcValues.plain(7, Types.INTEGER)).isEqualTo(7L);
        assertThat(JdbcValues.plain(new BigInteger("12"), Types.BIGINT)).isEqualTo(12L);
        assertThat(JdbcValues.plain(new BigInteger("18446744073709551615"), Types.BIGINT))
                .isEqualTo(new BigInteger("18446744073709551615"));
        assertThat(JdbcValues.plain(1.5f, Types.REAL)).isEqualTo(1.5d);
        assertThat(JdbcValues.plain(Timestamp.valueOf("2024-01-02 03:04:05.5"), Types.TIMESTAMP)).isEqualTo("2024-01-02T03:04:05.500");
        assertThat(JdbcValues.plain(LocalDateTime.of(2024, 1, 2, 3, 4), Types.TIMESTAMP)).isEqualTo("2024-01-02T03:04");
        assertThat(JdbcValues.plain(java.sql.Date.valueOf("2024-02-29"), Types.DATE)).isEqualTo("2024-02-29");
    }

    @Test
    void givenBytes_whenMadePlain_thenTextStaysTextAndBinaryBecomesHex() throws SQLException {
        assertThat(JdbcValues.plain("héllo".getBytes(java.nio.charset.StandardCharsets.UTF_8), Types.VARBINARY)).isEqualTo("héllo");
        assertThat(JdbcValues.plain(new byte[] {0, (byte) 0xff}, Types.VARBINARY)).isEqualTo("0x00ff");
        assertThat(JdbcValues.plain(new byte[] {1, 2}, Types.BLOB)).isEqualTo("0x0102");
        assertThat(JdbcValues.plain(new byte[] {1}, Types.BIT)).isEqualTo(true);
        assertThat(JdbcValues.plain(new byte[] {1, 0}, Types.BIT)).isEqualTo(256L);
    }

    @Test
    void givenTheSameLabelTwice_whenLabelled_thenTheSecondGetsASuffix() throws SQLException {
        List<String> names = List.of("id", "name", "id");
        ResultSetMetaData meta = (ResultSetMetaData) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ResultSetMetaData.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getColumnCount" -> names.size();
                    case "getColumnLabel" -> names.get((Integer) args[0] - 1);
                    default -> throw new UnsupportedOperationException(method.getName());
                });

        assertThat(JdbcValues.labels(meta)).containsExactly("id", "name", "id_2");
    }
}
