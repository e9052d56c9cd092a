package io.stepwise.steps.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.testkit.StepHarness;
import io.stepwise.steps.testing.LocalMariaDb;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** diff between two real MariaDB servers holding the same tables, then exactly ten planted differences. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DiffIT {
    private static final String[] SCHEMA = {
        "SET SESSION max_recursive_iterations = 1000000",
        "CREATE DATABASE other",
        "CREATE TABLE test.orders (id INT PRIMARY KEY, customer VARCHAR(40) NULL, amount DECIMAL(10,2) NOT NULL,"
                + " created DATETIME NOT NULL, updated TIMESTAMP NULL, note TEXT NULL)",
        "INSERT INTO test.orders SELECT n, CONCAT('customer ', n % 97), n * 1.25, '2024-01-01' + INTERVAL n MINUTE,"
                + " IF(n % 3 = 0, NULL, FROM_UNIXTIME(1700000000 + n)), IF(n % 5 = 0, NULL, CONCAT('note,', n))"
                + " FROM (WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 30000)"
                + " SELECT n FROM s) x",
        "CREATE TABLE test.items (order_id INT NOT NULL, line INT NOT NULL, qty INT NOT NULL, sku CHAR(10) NOT NULL,"
                + " price DOUBLE NULL, PRIMARY KEY (order_id, line))",
        "INSERT INTO test.items SELECT 1 + n DIV 3, n % 3, n % 7, CONCAT('sku-', n % 50), IF(n % 4 = 0, NULL, n / 8)"
                + " FROM (WITH RECURSIVE s(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM s WHERE n < 5999)"
                + " SELECT n FROM s) x",
        "CREATE TABLE test.blobs (code VARCHAR(20) COLLATE utf8mb4_general_ci PRIMARY KEY, payload VARBINARY(64) NULL,"
                + " flag BIT(1) NOT NULL, kind ENUM('a','b') NOT NULL)",
        "INSERT INTO test.blobs SELECT CONCAT('k', n), UNHEX(MD5(n)), n % 2, IF(n % 2, 'a', 'b')"
                + " FROM (WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 500)"
                + " SELECT n FROM s) x",
        "CREATE TABLE test.tricky (id BIGINT UNSIGNED PRIMARY KEY, a VARCHAR(20) NULL, b VARCHAR(20) NULL)",
        "INSERT INTO test.tricky VALUES (5, 'plain', 'x'), (6, '', NULL), (18446744073709551610, 'a,b', 'c')",
        "CREATE TABLE test.nokey (a INT, b VARCHAR(10))",
        "INSERT INTO test.nokey VALUES (1, 'x'), (2, 'y')",
        "CREATE TABLE other.skipme (id INT PRIMARY KEY, v INT)",
        "INSERT INTO other.skipme VALUES (1, 1), (2, 2)",
    };

    private static LocalMariaDb source;
    private static LocalMariaDb target;
    private final DiffStep step = new DiffStep();

    @TempDir
    static Path runDir;

    @BeforeAll
    static void startServers() {
        source = LocalMariaDb.start("diff-source", List.of());
        target = LocalMariaDb.start("diff-target", List.of());
        source.exec(SCHEMA);
        target.exec(SCHEMA);
    }

    @AfterAll
    static void stopServers() {
        if (target != null) {
            target.close();
        }
        if (source != null) {
            source.close();
        }
    }

    private StepResult diff(Map<String, Object> extra) {
        Map<String, Object> with = new LinkedHashMap<>();
        with.put("source", "up");
        with.put("target", "down");
        with.put("tables", List.of("test.*", "other.*"));
        with.put("exclude", List.of("other.skip*", "test.nokey"));
        with.put("chunk_size", 10_000L);
        with.put("fail_on_difference", false);
        with.putAll(extra);
        try (StepHarness harness = StepHarness.builder().connection(source.connection("up", null))
                .connection(target.connection("down", null)).runDir(runDir).build()) {
            return harness.execute(step, with);
        }
    }

    @Test
    @Order(1)
    void identicalTablesPass() {
        // when
        StepResult result = diff(Map.of());

        // then the checksums settle every table, and the rows of those tables are the server's estimate
        assertThat(result.values()).containsEntry("pass", true).containsEntry("rows_differing", 0L)
                .containsEntry("tables", 4).containsEntry("fix_statements", 0L).containsEntry("rows_estimated", true);
        assertThat((Long) result.values().get("rows_checked")).isPositive();
        assertThat(notes(result)).containsOnlyKeys("test.orders", "test.items", "test.blobs", "test.tricky")
                .allSatisfy((table, note) -> assertThat(note).startsWith("equal by CHECKSUM TABLE on both sides; about ")
                        .endsWith(" rows (the server's estimate; count_rows: true counts them)"));
    }

    @Test
    @Order(1)
    void countingTheEqualTablesMakesRowsCheckedExact() {
        // when
        StepResult result = diff(Map.of("count_rows", true));

        // then
        assertThat(result.values()).containsEntry("pass", true).containsEntry("rows_differing", 0L)
                .containsEntry("rows_checked", 36_503L).containsEntry("rows_estimated", false);
        assertThat(notes(result)).hasSize(4)
                .allSatisfy((table, note) -> assertThat(note).isEqualTo("equal by CHECKSUM TABLE on both sides"));
    }

    @Test
    @Order(1)
    void withoutTheFirstPassOrWithDefinitionsThatDifferTablesAreCheckedInChunksAlike() {
        // when
        StepResult chunked = diff(Map.of("first_pass", "none"));

        // then
        assertThat(chunked.values()).containsEntry("pass", true).containsEntry("rows_checked", 36_503L);
        assertThat(notes(chunked)).allSatisfy((table, note) -> assertThat(note).isEmpty());

        // given a definition that differs only where CHECKSUM TABLE is not to be trusted
        target.exec("ALTER TABLE test.items COMMENT = 'restored by hand'");
        try {
            // when
            StepResult result = diff(Map.of("count_rows", true));

            // then that table is checked in chunks, the others whole, and all pass
            assertThat(result.values()).containsEntry("pass", true).containsEntry("rows_checked", 36_503L);
            assertThat(notes(result)).containsEntry("test.items", "")
                    .containsEntry("test.orders", "equal by CHECKSUM TABLE on both sides");
        } finally {
            target.exec("ALTER TABLE test.items COMMENT = ''");
        }
    }

    @Test
    @Order(1)
    void aWildcardNeverSelectsASystemSchemaButALiteralNameDoes() {
        // when
        StepResult everything = diff(Map.of("tables", List.of("*.*")));
        StepResult named = diff(Map.of("tables", List.of("mysql.db"), "exclude", List.of()));

        // then
        assertThat(notes(everything).keySet()).contains("test.orders").noneMatch(t -> t.startsWith("mysql.")
                || t.startsWith("sys.") || t.startsWith("performance_schema.") || t.startsWith("information_schema."));
        assertThat(notes(named)).containsOnlyKeys("mysql.db");
    }

    private static Map<String, String> notes(StepResult result) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> details = (List<Map<String, Object>>) result.values().get("details");
        return details.stream().collect(Collectors.toMap(d -> (String) d.get("table"), d -> (String) d.get("note")));
    }

    @Test
    @Order(2)
    void findsExactlyThePlantedDifferencesAndItsFixSqlRepairsThem() throws Exception {
        // given ten differences on the target (and one in an excluded table)
        target.exec(
                "UPDATE test.orders SET amount = amount + 0.01 WHERE id = 17",
                "DELETE FROM test.orders WHERE id = 20001",
                "INSERT INTO test.orders VALUES (40000, 'intruder', 1, '2024-01-01', NULL, NULL)",
                "UPDATE test.orders SET note = '' WHERE id = 25000",
                "UPDATE test.items SET qty = qty + 1 WHERE order_id = 1001 AND line = 2",
                "DELETE FROM test.items WHERE order_id = 2000 AND line = 1",
                "UPDATE test.blobs SET payload = UNHEX('00ff') WHERE code = 'k42'",
                "INSERT INTO test.blobs VALUES ('zz-extra', NULL, 1, 'a')",
                "UPDATE test.tricky SET a = 'a', b = 'b,c' WHERE id = 18446744073709551610",
                "UPDATE other.skipme SET v = 99 WHERE id = 1");
        source.exec("UPDATE test.tricky SET a = 'O''Brien \\\\ ü', b = '\\n' WHERE id = 5");

        // when
        StepResult result = diff(Map.of("threads", 3L));

        // then
        assertThat(result.values()).containsEntry("pass", false).containsEntry("rows_differing", 10L)
                .containsEntry("tables_differing", 4);
        assertThat(counts(result)).isEqualTo(Map.of(
                "test.orders", "differing 2/1/1",
                "test.items", "differing 1/1/0",
                "test.blobs", "differing 1/0/1",
                "test.tricky", "differing 2/0/0"));

        // and the cheaper crc32 checksum finds the same
        StepResult crc = diff(Map.of("checksum", "crc32", "fix_sql_file", "crc32-fix.sql", "chunk_size", 2_000L));
        assertThat(counts(crc)).isEqualTo(counts(result));

        // when the fix SQL is applied to the target
        Path fix = Path.of((String) result.values().get("fix_sql_file"));
        apply(fix);

        // then the next diff passes
        assertThat(diff(Map.of()).values()).containsEntry("pass", true).containsEntry("rows_differing", 0L);
        assertThat(target.query("SELECT a FROM test.tricky WHERE id = 5")).isEqualTo("O'Brien \\ ü");
    }

    private static Map<String, String> counts(StepResult result) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> details = (List<Map<String, Object>>) result.values().get("details");
        return details.stream().filter(d -> !"equal".equals(d.get("status"))).collect(Collectors.toMap(
                d -> (String) d.get("table"),
                d -> d.get("status") + " " + d.get("changed") + "/" + d.get("missing") + "/" + d.get("extra")));
    }

    private static void apply(Path fix) throws Exception {
        List<String> statements = Files.readAllLines(fix, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.startsWith("--") && !line.isBlank()).toList();
        try (Connection c = target.jdbc(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    @Test
    @Order(3)
    void missingTableOnTargetIsRecreatedByTheFix() throws Exception {
        // given
        source.exec("CREATE TABLE test.fresh (id INT PRIMARY KEY, v VARCHAR(5))",
                "INSERT INTO test.fresh VALUES (1, 'one'), (2, 'two')");

        // when
        StepResult result = diff(Map.of("tables", List.of("test.fresh"), "fix_sql_file", "fresh.sql",
                "snapshot_source", "consistent", "snapshot_target", "consistent"));
        apply(Path.of((String) result.values().get("fix_sql_file")));

        // then
        assertThat(counts(result)).containsEntry("test.fresh", "missing_table 0/2/0");
        assertThat(target.queryLong("SELECT COUNT(*) FROM test.fresh")).isEqualTo(2);
        assertThat(diff(Map.of("tables", List.of("test.fresh"))).values()).containsEntry("pass", true);
    }

    @Test
    @Order(3)
    void aTableOnlyTheTargetHasIsDroppedByTheFixEvenInASchemaWhoseNameHasADot() throws Exception {
        // given
        target.exec("CREATE DATABASE `ops.v2`", "CREATE TABLE `ops.v2`.leftover (id INT PRIMARY KEY)");
        try {
            // when
            StepResult result = diff(Map.of("tables", List.of("*.leftover"), "fix_sql_file", "leftover.sql"));
            apply(Path.of((String) result.values().get("fix_sql_file")));

            // then
            assertThat(counts(result)).containsOnlyKeys("ops.v2.leftover").containsEntry("ops.v2.leftover", "extra_table 0/0/0");
            assertThat(target.queryLong("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'ops.v2'"))
                    .isZero();
        } finally {
            target.exec("DROP DATABASE IF EXISTS `ops.v2`");
        }
    }

    @Test
    @Order(4)
    void differenceFailsTheStepByDefaultAndNamesTheFixFile() {
        // given
        target.exec("DELETE FROM test.orders WHERE id = 3");

        // when / then
        assertThatThrownBy(() -> diff(Map.of("fail_on_difference", true))).isInstanceOf(StepFailedException.class)
                .hasMessageContaining("diff found 1 differing rows in 1 of 5 tables: test.orders differing"
                        + " (0 changed, 1 missing, 0 extra)")
                .satisfies(e -> assertThat(((StepFailedException) e).hint()).get().asString()
                        .contains("diff-fix.sql"));
    }

    @Test
    @Order(5)
    void tableWithoutKeyIsComparedWhole() {
        // given
        target.exec("UPDATE test.nokey SET b = 'z' WHERE a = 2");

        // when
        StepResult result = diff(Map.of("tables", List.of("test.nokey"), "exclude", List.of()));

        // then
        assertThat(counts(result)).containsEntry("test.nokey", "differing 0/0/0");
        assertThat(result.values()).containsEntry("pass", false);
    }
}
