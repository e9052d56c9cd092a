package io.stepwise.steps.tidb;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.engine.spi.Reversibility;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.testkit.StepHarness;
import io.stepwise.engine.testkit.TestStepContext;
import io.stepwise.steps.tidb.testing.RewritingContext;
import io.stepwise.steps.tidb.testing.SqlRewrite;
import io.stepwise.steps.tidb.testing.TidbMariaDb;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The capture logic of tidb.gc and tidb.tso on a real MariaDB. This checks parsing, read-back and
 * session handling, NOT TiDB: MariaDB has no tidb_gc_enable, so the GC statements are swapped for the
 * same statements on a MariaDB boolean global returning the column {@code @@global.tidb_gc_enable};
 * TIDB_CURRENT_TSO() is a stored function returning a fixed TSO. The statements the steps sent are
 * asserted as written (tidb-tooling.md section 5).
 */
class TidbGcAndTsoMariaDbIT {
    static final String STAND_IN_VARIABLE = "log_queries_not_using_indexes";
    private final TidbMariaDb db = TidbMariaDb.get();
    private String database;
    private StepHarness harness;
    private SqlRewrite runner;

    @BeforeEach
    void start() {
        database = db.freshDatabase("tidb_gc");
        db.run(database, "CREATE TABLE brie_tasks (Id BIGINT, Destination VARCHAR(255), State VARCHAR(32),"
                + " Progress DOUBLE, Queue_time DATETIME, Execution_time DATETIME, Finish_time DATETIME,"
                + " Connection BIGINT, Message TEXT)");
        harness = StepHarness.builder().types(new TidbGc(), new TidbTso())
                .connection(db.connection("primary", database)).build();
        runner = new SqlRewrite(harness.actions())
                .rule(TidbGc.DISABLE, sql -> "SET GLOBAL " + STAND_IN_VARIABLE + " = OFF")
                .rule(TidbGc.ENABLE, sql -> "SET GLOBAL " + STAND_IN_VARIABLE + " = ON")
                .rule(TidbGc.READ, sql -> "SELECT @@global." + STAND_IN_VARIABLE + " AS `@@global.tidb_gc_enable`")
                .rule(TidbGc.SHOW_BACKUPS, sql -> "SELECT * FROM brie_tasks");
    }

    @AfterEach
    void stop() {
        db.run("mysql", "SET GLOBAL " + STAND_IN_VARIABLE + " = OFF");
        harness.close();
    }

    private RewritingContext context(Object type) {
        TestStepContext inner = harness.context((io.stepwise.engine.spi.StepType<?>) type, false);
        return new RewritingContext(inner, runner);
    }

    @Test
    void givenGcOn_whenDisabled_thenReadBackShowsOffAndThePreviousStateIsOutput() {
        db.run("mysql", "SET GLOBAL " + STAND_IN_VARIABLE + " = ON");
        TidbGc gc = new TidbGc();
        GcConfig config = harness.bind(gc, Map.of("connection", "primary", "action", "disable"));

        StepResult result = gc.execute(config, context(gc));

        assertThat(result.values()).containsEntry("previous_enabled", true).containsEntry("enabled", false);
        assertThat(runner.sent()).containsExactly("SELECT @@global.tidb_gc_enable",
                "SET GLOBAL tidb_gc_enable = OFF", "SELECT @@global.tidb_gc_enable");
        assertThat(gc.reversibility(config)).isEqualTo(Reversibility.SELF);
    }

    @Test
    void givenADisableThatTurnedGcOff_whenRolledBack_thenGcIsOnAgainAndReadBack() {
        db.run("mysql", "SET GLOBAL " + STAND_IN_VARIABLE + " = ON");
        TidbGc gc = new TidbGc();
        GcConfig config = harness.bind(gc, Map.of("connection", "primary", "action", "disable"));
        StepResult result = gc.execute(config, context(gc));

        gc.rollback(config, result, context(gc));

        assertThat(runner.sent()).endsWith("SHOW BACKUPS", "SET GLOBAL tidb_gc_enable = ON",
                "SELECT @@global.tidb_gc_enable");
        StepResult now = gc.execute(harness.bind(gc, Map.of("connection", "primary", "action", "enable")), context(gc));
        assertThat(now.values()).containsEntry("previous_enabled", true);
    }

    @Test
    void givenABackupStillRunning_whenTheDisableIsRolledBack_thenGcStaysOffAndTheTaskIsNamed() {
        db.run("mysql", "SET GLOBAL " + STAND_IN_VARIABLE + " = ON");
        db.run(database, "INSERT INTO brie_tasks VALUES (1, 's3://backup/old', 'Backup', 100, NOW(), NOW(), NOW(), 12,"
                + " NULL), (2, 's3://backup/dr-1', 'Backup', 40, NOW(), NOW(), NULL, 77, NULL)");
        TidbGc gc = new TidbGc();
        GcConfig config = harness.bind(gc, Map.of("connection", "primary", "action", "disable", "backup_wait", "1s"));
        StepResult result = gc.execute(config, context(gc));
        TestStepContext inner = harness.context(gc, false);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> gc.rollback(config, result,
                new RewritingContext(inner, runner)))
                .hasMessageContaining("a BACKUP is still running")
                .hasMessageContaining("s3://backup/dr-1 (Backup 40.0%, connection 77)")
                .hasMessageNotContaining("s3://backup/old");

        assertThat(runner.sent()).doesNotContain("SET GLOBAL tidb_gc_enable = ON");
        StepResult now = gc.execute(harness.bind(gc, Map.of("connection", "primary", "action", "enable")), context(gc));
        assertThat(now.values()).containsEntry("previous_enabled", false);
    }

    @Test
    void givenNoShowBackups_whenTheDisableIsRolledBack_thenGcIsOnAndTheStepSaysItCouldNotCheck() {
        db.run("mysql", "SET GLOBAL " + STAND_IN_VARIABLE + " = ON");
        runner.rule(TidbGc.SHOW_BACKUPS, sql -> "SHOW BACKUPS");
        TidbGc gc = new TidbGc();
        GcConfig config = harness.bind(gc, Map.of("connection", "primary", "action", "disable"));
        StepResult result = gc.execute(config, context(gc));

        gc.rollback(config, result, context(gc));

        assertThat(harness.said()).anyMatch(s -> s.contains("could not read SHOW BACKUPS"));
        assertThat(runner.sent()).endsWith("SET GLOBAL tidb_gc_enable = ON", "SELECT @@global.tidb_gc_enable");
    }

    @Test
    void givenGcAlreadyOffBeforeThePlan_whenTheDisableIsRolledBack_thenItStaysOff() {
        db.run("mysql", "SET GLOBAL " + STAND_IN_VARIABLE + " = OFF");
        TidbGc gc = new TidbGc();
        GcConfig config = harness.bind(gc, Map.of("connection", "primary", "action", "disable"));
        StepResult result = gc.execute(config, context(gc));
        int sentBefore = runner.sent().size();

        gc.rollback(config, result, context(gc));

        assertThat(result.values()).containsEntry("previous_enabled", false);
        assertThat(runner.sent()).hasSize(sentBefore);
        assertThat(gc.planRollback(config, result, context(gc)).get(0).summary()).contains("already disabled");
    }

    @Test
    void givenEnable_whenDeclared_thenItsRollbackNeverTurnsGcOff() {
        TidbGc gc = new TidbGc();
        GcConfig config = harness.bind(gc, Map.of("connection", "primary", "action", "enable"));

        assertThat(gc.reversibility(config)).isEqualTo(Reversibility.NOTHING_TO_UNDO);
    }

    @Test
    void givenAStoredTidbCurrentTso_whenReadInATransaction_thenTheTsoAndItsTimeAreOutput() {
        db.run(database, "CREATE FUNCTION TIDB_CURRENT_TSO() RETURNS BIGINT UNSIGNED DETERMINISTIC"
                + " RETURN 431434047157698561");
        TidbTso tso = new TidbTso();

        StepResult result = tso.execute(harness.bind(tso, Map.of("connection", "primary")), context(tso));

        assertThat(runner.sent()).containsExactly("BEGIN", "SELECT TIDB_CURRENT_TSO()", "ROLLBACK");
        assertThat(result.values())
                .containsEntry("tso", 431434047157698561L)
                .containsEntry("physical_ms", 431434047157698561L >>> 18)
                .containsEntry("logical", 431434047157698561L & 0x3FFFF)
                .containsEntry("tso_time", "2022-02-25T11:57:59.990Z");
    }
}
