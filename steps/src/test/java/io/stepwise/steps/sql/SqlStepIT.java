package io.stepwise.steps.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.StepInterruptedException;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.testkit.ListeningPort;
import io.stepwise.engine.testkit.StepHarness;
import io.stepwise.steps.testing.MariaDbServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqlStepIT {
    @RegisterExtension
    static final MariaDbServer DB = new MariaDbServer();

    private final SqlStep sql = new SqlStep();
    private StepHarness harness;

    @BeforeEach
    void setUp() {
        DB.execute("DROP TABLE IF EXISTS t", "CREATE TABLE t (id BIGINT PRIMARY KEY AUTO_INCREMENT, name VARCHAR(200), "
                + "amount DECIMAL(10,2), big BIGINT UNSIGNED, ratio DOUBLE, flag BOOLEAN, born DATE, seen DATETIME(3), "
                + "raw VARBINARY(16), note TEXT)");
        harness = StepHarness.builder().connection(DB.connection("db")).build();
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private static Map<String, Object> query(String text) {
        return Map.of("connection", "db", "query", text);
    }

    @Test
    void givenRows_whenQueried_thenRowsAreMapsByColumnLabelInColumnOrderWithPlainValues() throws Exception {
        DB.execute("INSERT INTO t (name, amount, big, ratio, flag, born, seen, raw, note) VALUES "
                + "('alice', 12.50, 18446744073709551615, 0.25, TRUE, '2024-02-29', '2024-03-01 12:34:56.789', x'00ff10', NULL),"
                + "('bob', 1.00, 7, 1.5, FALSE, '1999-12-31', '2000-01-01 00:00:00', 'text', 'hi')");

        StepResult result = harness.execute(sql, query(
                "SELECT name AS who, amount, big, ratio, flag, born, seen, raw, note, id * 2 AS twice FROM t ORDER BY id"));

        List<Map<String, Object>> rows = rows(result);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).keySet()).containsExactly("who", "amount", "big", "ratio", "flag", "born", "seen", "raw",
                "note", "twice");
        assertThat(rows.get(0)).containsEntry("who", "alice")
                .containsEntry("amount", new BigDecimal("12.50"))
                .containsEntry("big", new BigInteger("18446744073709551615"))
                .containsEntry("ratio", 0.25)
                .containsEntry("flag", true)
                .containsEntry("born", "2024-02-29")
                .containsEntry("seen", "2024-03-01T12:34:56.789")
                .containsEntry("raw", "0x00ff10")
                .containsEntry("note", null)
                .containsEntry("twice", 2L);
        assertThat(rows.get(1)).containsEntry("big", 7L).containsEntry("raw", "text").containsEntry("flag", false);
        assertThat(result.values()).containsEntry("affected", -1L)
                .containsEntry("columns", List.of("who", "amount", "big", "ratio", "flag", "born", "seen", "raw", "note", "twice"))
                .containsEntry("row", rows.get(0));
        assertThat(new ObjectMapper().writeValueAsString(result.values())).contains("\"who\":\"alice\"");
    }

    @Test
    void givenNoRows_whenQueried_thenRowsAreEmptyAndRowIsAnEmptyMap() {
        StepResult result = harness.execute(sql, query("SELECT id FROM t"));

        assertThat(rows(result)).isEmpty();
        assertThat(result.values()).containsEntry("row", Map.of()).containsEntry("columns", List.of("id"));
    }

    @Test
    void givenMoreRowsThanAStepKeeps_whenQueried_thenTheStepFailsAtOnceNamingTheLimitAndTheNextStepHasANewSession()
            throws Exception {
        Object session = harness.execute(sql, query("SELECT CONNECTION_ID() AS id")).values().get("row");

        // ten billion rows: reading the rest to close the result would never end
        StepFailedException error = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> catchThrowableOfType(
                StepFailedException.class, () -> harness.execute(sql, query("SELECT seq FROM seq_1_to_10000000000"))));

        assertThat(error.getMessage()).contains("returned more than 100000 rows (a step keeps no more)",
                "seq_1_to_10000000000", "the query was stopped by closing its session");
        assertThat(harness.execute(sql, query("SELECT 7 AS n")).values()).containsEntry("row", Map.of("n", 7L));
        assertThat(harness.execute(sql, query("SELECT CONNECTION_ID() AS id")).values().get("row")).isNotEqualTo(session);
        assertThat(runningCopies("SELECT seq FROM seq_1_to_10000000000")).as("the server stopped the query").isZero();
    }

    /** Sessions still running the statement, after the server had up to 10 s to notice its client left. */
    private static long runningCopies(String statement) throws InterruptedException {
        long running = 0;
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); System.nanoTime() < deadline; ) {
            running = ((Number) DB.query("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO = '"
                    + statement + "'").get(0).get(0)).longValue();
            if (running == 0) {
                break;
            }
            Thread.sleep(50);
        }
        return running;
    }

    @Test
    void givenRowsLargerThanAStepKeeps_whenQueried_thenTheStepFailsNamingTheSizeLimit() {
        StepFailedException error = catchThrowableOfType(StepFailedException.class,
                () -> harness.execute(sql, query("SELECT REPEAT('x', 1000000) AS big FROM seq_1_to_50")));

        assertThat(error.getMessage()).contains("returned more than 32 Mi characters in its first 34 rows");
    }

    @Test
    void givenAHostileValue_whenBoundAsAParameter_thenItIsStoredVerbatimAndNothingElseRuns() {
        String hostile = "x'); DROP TABLE t; --";
        Map<String, Object> params = Map.of("connection", "db",
                "query", "INSERT INTO t (name, amount) VALUES (${\"" + hostile + "\"}, ${3.5})");

        StepResult result = harness.execute(sql, params);

        assertThat(result.values()).containsEntry("affected", 1L);
        assertThat(DB.query("SELECT name, amount FROM t")).containsExactly(List.of(hostile, new BigDecimal("3.50")));
    }

    @Test
    void givenRowsToChange_whenUpdated_thenAffectedIsTheUpdateCount() {
        DB.execute("INSERT INTO t (name) VALUES ('a'), ('b'), ('c')");

        StepResult result = harness.execute(sql, query("UPDATE t SET note = 'seen' WHERE name <> 'b'"));

        assertThat(result.values()).containsEntry("affected", 2L).containsEntry("rows", List.of());
    }

    @Test
    void givenStatements_whenRun_thenTheyShareOneSessionAndEachResultIsKept() {
        Map<String, Object> params = Map.of("connection", "db", "statements", List.of(
                "SET @answer = 41",
                "CREATE TEMPORARY TABLE scratch (n INT)",
                "INSERT INTO scratch VALUES (@answer + 1), (7)",
                "SELECT MAX(n) AS n, @answer AS answer FROM scratch"));

        StepResult result = harness.execute(sql, params);

        assertThat(rows(result)).containsExactly(Map.of("n", 42L, "answer", 41L));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results = (List<Map<String, Object>>) result.values().get("results");
        assertThat(results).extracting(r -> r.get("affected")).containsExactly(0L, 0L, 2L, -1L);
    }

    @Test
    void givenTwoSteps_whenRunOnOneConnection_thenTheSessionLastsAcrossSteps() {
        harness.execute(sql, query("SET @kept = 'still here'"));

        StepResult result = harness.execute(sql, query("SELECT @kept AS kept"));

        assertThat(rows(result)).containsExactly(Map.of("kept", "still here"));
    }

    @Test
    void givenTheSessionWasKilled_whenTheNextStepRuns_thenItReconnectsOnce() {
        Object id = rows(harness.execute(sql, query("SELECT CONNECTION_ID() AS id"))).get(0).get("id");
        DB.execute("KILL " + id);

        StepResult result = harness.execute(sql, query("SELECT CONNECTION_ID() AS id"));

        assertThat(rows(result).get(0).get("id")).isNotEqualTo(id);
    }

    @Test
    void givenAWrongPassword_whenRun_thenTheFailureNamesTheConnectionAndCodeWithoutThePassword() {
        String wrong = "Wrong-Canary-9c1d";
        try (StepHarness wrongHarness = StepHarness.builder().connection(DB.connection("db", wrong)).build()) {
            StepFailedException error = catchThrowableOfType(StepFailedException.class,
                    () -> wrongHarness.execute(sql, query("SELECT 1")));

            assertThat(error.getMessage()).startsWith("cannot connect to db (mysql stepwise@127.0.0.1:" + DB.port() + "/test)")
                    .contains("error 1045 (28000)", "Access denied for user 'stepwise'").doesNotContain("\n");
            assertThat(error.hint()).hasValue("check user/password of connection db");
            assertThat(everything(error)).doesNotContain(wrong).doesNotContain(MariaDbServer.PASSWORD);
        }
    }

    @Test
    void givenNoServerOnThePort_whenRun_thenTheFailureSaysConnectionRefusedAndAsksIfTheServerRuns() {
        int port = ListeningPort.closedPort();
        ConnectionInfo nowhere = new ConnectionInfo("down", "mysql", Map.of("host", "127.0.0.1", "port", port,
                "user", "root", "password", MariaDbServer.PASSWORD));
        try (StepHarness downHarness = StepHarness.builder().connection(nowhere).build()) {
            StepFailedException error = catchThrowableOfType(StepFailedException.class,
                    () -> downHarness.execute(sql, Map.of("connection", "down", "query", "SELECT 1")));

            assertThat(error.getMessage()).isEqualTo("cannot connect to down (mysql root@127.0.0.1:" + port
                    + "): [08S01]: connection refused");
            assertThat(error.hint()).hasValue("is the server running on 127.0.0.1:" + port + "?");
            assertThat(everything(error)).doesNotContain(MariaDbServer.PASSWORD);
        }
    }

    @Test
    void givenABadStatementInAList_whenRun_thenTheFailureSaysWhichStatementAndTheServerMessage() {
        Map<String, Object> params = Map.of("connection", "db", "statements",
                List.of("INSERT INTO t (name) VALUES ('ok')", "SELEC oops FROM t"));

        StepFailedException error = catchThrowableOfType(StepFailedException.class, () -> harness.execute(sql, params));

        assertThat(error.getMessage()).startsWith("SQL failed on db (mysql stepwise@127.0.0.1:" + DB.port() + "/test): error 1064 (42000)")
                .contains("statement 2 of 2: SELEC oops FROM t");
        assertThat(error.hint()).hasValue("check the SQL syntax near the quoted text");
        assertThat(DB.query("SELECT name FROM t")).containsExactly(List.of("ok"));
    }

    @Test
    void givenASecretInTheFailingStatement_whenItFails_thenTheMessageAndCauseAreMasked() {
        harness.addSecret("Top-Secret-Value");

        StepFailedException error = catchThrowableOfType(StepFailedException.class,
                () -> harness.execute(sql, query("SELECT * FROM missing_table WHERE x = 'Top-Secret-Value'")));

        assertThat(error.getMessage()).contains("error 1146", "'****'");
        assertThat(everything(error)).doesNotContain("Top-Secret-Value");
    }

    @Test
    void givenALongStatement_whenTheRunIsInterrupted_thenTheStatementIsCancelledPromptly() {
        CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS).execute(harness::interrupt);
        long started = System.nanoTime();

        StepInterruptedException error = catchThrowableOfType(StepInterruptedException.class,
                () -> harness.execute(sql, query("SELECT SLEEP(30) AS slept")));

        assertThat(error.getMessage()).startsWith("interrupted; cancelled the statement on db");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(10);
    }

    @Test
    void givenAReadOnlyQueryAndAChange_whenDescribed_thenOnlyTheQueryIsIdempotentWithNothingToUndo() {
        SqlConfig read = harness.bind(sql, query("WITH c AS (SELECT 1 AS n) SELECT n FROM c"));
        SqlConfig write = harness.bind(sql, query("DELETE FROM t"));

        assertThat(sql.idempotent(read)).isTrue();
        assertThat(sql.reversibility(read)).isEqualTo(io.stepwise.engine.spi.Reversibility.NOTHING_TO_UNDO);
        assertThat(sql.idempotent(write)).isFalse();
        assertThat(sql.reversibility(write)).isEqualTo(io.stepwise.engine.spi.Reversibility.NEEDS_PERSON);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(StepResult result) {
        return (List<Map<String, Object>>) result.values().get("rows");
    }

    /** The message, hint and whole cause chain with stack traces, as --debug would print them. */
    private static String everything(StepFailedException error) {
        StringWriter text = new StringWriter();
        error.printStackTrace(new PrintWriter(text));
        return text + " " + error.hint().orElse("");
    }
}
