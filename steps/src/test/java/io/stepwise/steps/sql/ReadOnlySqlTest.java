package io.stepwise.steps.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReadOnlySqlTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT 1",
        "  select * from t where note = 'DELETE FROM t'",
        "-- count them\nSELECT COUNT(*) FROM t",
        "/* hint */ SHOW MASTER STATUS",
        "# comment\nDESCRIBE t",
        "DESC t",
        "EXPLAIN UPDATE t SET a = 1",
        "WITH c AS (SELECT 1 AS n) SELECT n FROM c",
        "WITH RECURSIVE r (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT * FROM r",
        "(SELECT 1) UNION (SELECT 2)",
        "SELECT 1;",
        "TABLE t",
    })
    void givenAStatementThatOnlyReads_whenClassified_thenItIsReadOnly(String sql) {
        assertThat(ReadOnlySql.isReadOnly(sql)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "INSERT INTO t VALUES (1)",
        "UPDATE t SET a = 1",
        "DELETE FROM t",
        "CREATE TABLE t (id INT)",
        "SET @x = 1",
        "SELECT * FROM t INTO OUTFILE '/tmp/x'",
        "WITH c AS (SELECT 1) DELETE FROM t WHERE id IN (SELECT * FROM c)",
        "EXPLAIN ANALYZE SELECT 1",
        "SELECT 1; DROP TABLE t",
        "/*!40101 SET NAMES utf8 */",
        "CALL refresh()",
        "",
        "-- only a comment",
    })
    void givenAStatementThatMayChangeSomething_whenClassified_thenItIsNotReadOnly(String sql) {
        assertThat(ReadOnlySql.isReadOnly(sql)).isFalse();
    }
}
