package io.stepwise.steps.br;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.engine.internal.actions.DefaultActionRunner;
import io.stepwise.engine.spi.StepInterruptedException;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.testkit.StepHarness;
import io.stepwise.steps.tidb.testing.RewritingContext;
import io.stepwise.steps.tidb.testing.SqlRewrite;
import io.stepwise.steps.tidb.testing.TidbMariaDb;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * BACKUP/RESTORE capture and progress on a real MariaDB. This checks parsing and the two-session
 * polling, NOT TiDB: MariaDB has no BACKUP, so the statement is swapped for a SELECT that blocks
 * (SLEEP) and returns BACKUP's documented columns (Destination, Size, BackupTS, Queue Time,
 * Execution Time; RESTORE optionally Cluster TS), and SHOW BACKUPS / SHOW RESTORES for a table with
 * their documented columns (tidb-tooling.md 4.1). The statements the step sent are asserted as written.
 */
class BrSqlMariaDbIT {
    static final long AFTER_RESTORE_TSO = 431434200000000000L;
    static final String STORAGE = "s3://backup/dr-1?access-key=minio&endpoint=http://127.0.0.1:6060&force-path-style=true";
    private final TidbMariaDb db = TidbMariaDb.get();
    private String database;
    private StepHarness harness;
    private DefaultActionRunner second;
    private SqlRewrite runner;

    @BeforeEach
    void start() {
        database = db.freshDatabase("tidb_br");
        db.run(database, "CREATE TABLE brie_tasks (Id BIGINT, Destination VARCHAR(255), State VARCHAR(32),"
                + " Progress DOUBLE, Queue_time DATETIME, Execution_time DATETIME, Finish_time DATETIME,"
                + " Connection BIGINT, Message TEXT)",
                "INSERT INTO brie_tasks VALUES (1, 's3://backup/dr-1', 'Backup', 42.5, NOW(), NOW(), NULL, 77, '')");
        db.run(database, "CREATE FUNCTION TIDB_CURRENT_TSO() RETURNS BIGINT UNSIGNED DETERMINISTIC"
                + " RETURN " + AFTER_RESTORE_TSO);
        Map<String, Object> shortTimeout = new LinkedHashMap<>(db.connection("short", database).settings());
        shortTimeout.put("options", Map.of("socketTimeout", 500));
        harness = StepHarness.builder().types(new BrBackup(), new BrRestore())
                .connection(db.connection("primary", database))
                .connection(new io.stepwise.engine.spi.ConnectionInfo("short", "mysql", shortTimeout)).build();
        second = new DefaultActionRunner(harness.runDir(), harness::mask, () -> false);
        runner = new SqlRewrite(harness.actions()).secondSessions(second)
                .rule("BACKUP ", sql -> "SELECT 's3://backup/dr-1' AS Destination, 10315858 AS Size,"
                        + " CAST(431434047157698561 AS UNSIGNED) AS BackupTS, '2022-02-25 19:57:59' AS `Queue Time`,"
                        + " '2022-02-25 19:57:59' AS `Execution Time` FROM (SELECT SLEEP(1.5) AS s) AS wait")
                .rule("SHOW BACKUPS", sql -> "SELECT * FROM brie_tasks")
                .rule("SHOW RESTORES", sql -> "SELECT * FROM brie_tasks")
                .rule("KILL TIDB QUERY", sql -> "DO 0");
    }

    @AfterEach
    void stop() {
        second.close();
        harness.close();
    }

    private Map<String, Object> params(Object... kv) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("connection", "primary");
        params.put("storage", STORAGE);
        params.put("secret_access_key", "miniostorage");
        params.put("progress_interval", "100ms");
        for (int i = 0; i < kv.length; i += 2) {
            params.put((String) kv[i], kv[i + 1]);
        }
        return params;
    }

    private RewritingContext context(Object type) {
        return new RewritingContext(harness.context((io.stepwise.engine.spi.StepType<?>) type, false), runner);
    }

    @Test
    void givenABlockingBackup_whenRun_thenBackupTsIsReadByNameAndProgressComesFromASecondSession() {
        BrBackup backup = new BrBackup();

        StepResult result = backup.execute(harness.bind(backup, params()), context(backup));

        assertThat(result.values()).containsEntry("backup_ts", 431434047157698561L).containsEntry("size", 10315858L)
                .containsEntry("destination", "s3://backup/dr-1").containsEntry("backup_ts_time",
                        "2022-02-25T11:57:59.990Z");
        assertThat(runner.sent().get(0)).isEqualTo("BACKUP DATABASE * TO '" + STORAGE
                + "&secret-access-key=miniostorage'");
        assertThat(runner.sent()).contains("SHOW BACKUPS");
        assertThat(harness.progress()).contains("BACKUPS: Backup 42.5%");
    }

    @Test
    void givenARestoreReturningClusterTs_whenRun_thenRestoreTsIsATsoReadAfterItReturnedNotTheClusterTs() {
        runner.rule("RESTORE ", sql -> "SELECT 's3://backup/dr-1' AS Destination, 10315858 AS Size,"
                + " 431434047157698561 AS BackupTS, 431434141450371074 AS `Cluster TS`, NOW() AS `Queue Time`,"
                + " NOW() AS `Execution Time`");
        BrRestore restore = new BrRestore();

        StepResult result = restore.execute(harness.bind(restore, params("require_empty", false)), context(restore));

        // Cluster TS is taken before BR creates the tables (tidb#36142): a read there finds no table
        assertThat(result.values()).containsEntry("restore_ts", AFTER_RESTORE_TSO)
                .containsEntry("cluster_ts", 431434141450371074L).containsEntry("backup_ts", 431434047157698561L);
        assertThat(runner.sent()).filteredOn(q -> !q.startsWith("SHOW")).containsSubsequence(
                runner.sent().stream().filter(q -> q.startsWith("RESTORE")).findFirst().orElseThrow(),
                "BEGIN", "SELECT TIDB_CURRENT_TSO()", "ROLLBACK");
    }

    @Test
    void givenADocumentedFiveColumnRestoreResult_whenRun_thenRestoreTsIsStillReadAfterwards() {
        runner.rule("RESTORE ", sql -> "SELECT 's3://backup/dr-1' AS Destination, 10315858 AS Size,"
                + " 431434141450371074 AS BackupTS, NOW() AS `Queue Time`, NOW() AS `Execution Time`");
        BrRestore restore = new BrRestore();

        StepResult result = restore.execute(harness.bind(restore, params("require_empty", false)), context(restore));

        assertThat(result.values()).containsEntry("restore_ts", AFTER_RESTORE_TSO).containsEntry("cluster_ts", null);
    }

    @Test
    void givenAConnectionWithAShortSocketTimeout_whenABackupBlocksLonger_thenItsOwnSessionHasNoSocketTimeout() {
        BrBackup backup = new BrBackup();

        // the rewritten BACKUP blocks 1.5 s; the plan's connection would drop after 0.5 s
        StepResult result = backup.execute(harness.bind(backup, params("connection", "short")), context(backup));

        assertThat(result.values()).containsEntry("backup_ts", 431434047157698561L);
        assertThat(BrSql.statementConnection(harness.bind(backup, params("connection", "short")).options()).name())
                .isEqualTo("short.br");
    }

    @Test
    void givenATargetDatabaseHoldingTables_whenRestored_thenRefusedBeforeRestore() {
        BrRestore restore = new BrRestore();

        assertThatThrownBy(() -> restore.execute(harness.bind(restore, params("databases", List.of(database))),
                context(restore)))
                .hasMessageContaining("is not empty: " + database + " (1 tables)");
        assertThat(runner.sent()).noneMatch(s -> s.startsWith("RESTORE"));
    }

    @Test
    void givenAnEmptyTargetDatabase_whenRestored_thenTheGuardPasses() {
        String empty = db.freshDatabase("tidb_empty");
        runner.rule("RESTORE ", sql -> "SELECT 'x' AS Destination, 1 AS Size, 5 AS BackupTS");
        BrRestore restore = new BrRestore();

        StepResult result = restore.execute(harness.bind(restore, params("databases", List.of(empty))),
                context(restore));

        assertThat(result.values()).containsEntry("restore_ts", AFTER_RESTORE_TSO);
        assertThat(runner.sent().get(0)).startsWith("SELECT TABLE_SCHEMA, COUNT(*) AS TABLE_COUNT");
    }

    @Test
    void givenARunningBackup_whenInterrupted_thenKillTidbQueryIsSentForTheTasksConnection() throws Exception {
        runner.rule("BACKUP ", sql -> "SELECT SLEEP(30) AS Destination");
        BrBackup backup = new BrBackup();
        Thread stopper = interruptOnceTheProgressRowIsRead();

        assertThatThrownBy(() -> backup.execute(harness.bind(backup, params()), context(backup)))
                .isInstanceOf(StepInterruptedException.class).hasMessageContaining("sent KILL TIDB QUERY 77");
        stopper.join();
        assertThat(runner.sent()).contains("KILL TIDB QUERY 77");
    }

    @Test
    void givenTheStatementsOwnSessionSeesTheStopFirst_whenInterrupted_thenKillTidbQueryIsStillSent() throws Exception {
        // the statement's runner checks for a stop every 100 ms, the step's loop every 500 ms at this
        // interval: the statement is cancelled and fails first, and the BR task behind it must still be killed
        runner.rule("BACKUP ", sql -> "SELECT SLEEP(30) AS Destination");
        BrBackup backup = new BrBackup();
        Thread stopper = interruptOnceTheProgressRowIsRead();

        assertThatThrownBy(() -> backup.execute(harness.bind(backup, params("progress_interval", "1s")), context(backup)))
                .isInstanceOf(StepInterruptedException.class).hasMessageContaining("sent KILL TIDB QUERY 77");
        stopper.join();
        assertThat(runner.sent()).contains("KILL TIDB QUERY 77");
    }

    /** Interrupts the run once the progress row (with the task's Connection) has been read, within 20 s. */
    private Thread interruptOnceTheProgressRowIsRead() {
        Thread stopper = new Thread(() -> {
            long deadline = System.nanoTime() + 20_000_000_000L;
            try {
                while (harness.progress().stream().noneMatch(p -> p.contains("42.5%")) && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
            } catch (InterruptedException e) {
                return;
            }
            harness.interrupt();
        });
        stopper.start();
        return stopper;
    }
}
