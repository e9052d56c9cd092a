package io.stepwise.steps.tidb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.engine.spi.Reversibility;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.testkit.StepHarness;
import io.stepwise.steps.tidb.testing.RewritingContext;
import io.stepwise.steps.tidb.testing.SqlRewrite;
import io.stepwise.steps.tidb.testing.TidbMariaDb;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * tidb.fence-user's statements and its reading of results on the shared MariaDB. The test server runs
 * with --skip-grant-tables, so the account lock itself is NOT exercised here: ALTER USER is recorded and
 * answered with DO 0, CLUSTER_PROCESSLIST is a fixture table of sessions, KILL n deletes row n (as a
 * killed session leaves the list), and mysql.user's Account_locked is a fixture column.
 */
class TidbFenceUserMariaDbIT {
    private final TidbMariaDb db = TidbMariaDb.get();
    private String database;
    private StepHarness harness;
    private SqlRewrite runner;

    @BeforeEach
    void start() {
        database = db.freshDatabase("tidb_fence");
        db.run(database, "CREATE TABLE sessions (ID BIGINT, USER VARCHAR(64))",
                "INSERT INTO sessions VALUES (11, 'cdc_sink'), (12, 'cdc_sink'), (13, 'app')",
                "CREATE TABLE accounts (User VARCHAR(64), Host VARCHAR(64), Account_locked CHAR(1))",
                "INSERT INTO accounts VALUES ('cdc_sink', '%', 'N')");
        harness = StepHarness.builder().types(new TidbFenceUser()).connection(db.connection("secondary", database))
                .build();
        runner = new SqlRewrite(harness.actions())
                .rule("ALTER USER 'cdc_sink'@'%' ACCOUNT LOCK", sql -> "UPDATE accounts SET Account_locked = 'Y'")
                .rule("ALTER USER 'cdc_sink'@'%' ACCOUNT UNLOCK", sql -> "UPDATE accounts SET Account_locked = 'N'")
                .rule("SELECT ID FROM information_schema.CLUSTER_PROCESSLIST", sql -> "SELECT ID FROM sessions"
                        + " WHERE USER = ?")
                .rule("KILL ", sql -> "DELETE FROM sessions WHERE ID = " + sql.substring("KILL ".length()))
                .rule("SELECT Account_locked FROM mysql.user", sql -> "SELECT Account_locked FROM accounts"
                        + " WHERE User = ? AND Host = ?");
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private RewritingContext context(TidbFenceUser fence) {
        return new RewritingContext(harness.context(fence, false), runner);
    }

    @Test
    void givenTheSinkAccountWithTwoSessions_whenFenced_thenLockedThenEachSessionKilledThenReadBack() {
        TidbFenceUser fence = new TidbFenceUser();
        FenceConfig config = harness.bind(fence, Map.of("connection", "secondary", "user", "cdc_sink"));

        StepResult result = fence.execute(config, context(fence));

        assertThat(result.values()).containsEntry("killed", 2).containsEntry("locked", true)
                .containsEntry("user", "cdc_sink@%");
        assertThat(runner.sent()).containsExactly("ALTER USER 'cdc_sink'@'%' ACCOUNT LOCK",
                TidbFenceUser.SESSIONS, "KILL 11", "KILL 12", TidbFenceUser.SESSIONS, TidbFenceUser.LOCKED);
        assertThat(fence.reversibility(config)).isEqualTo(Reversibility.SELF);

        fence.rollback(config, result, context(fence));

        assertThat(runner.sent()).endsWith("ALTER USER 'cdc_sink'@'%' ACCOUNT UNLOCK");
    }

    @Test
    void givenASessionThatSurvivesKill_whenFenced_thenTheStepFailsNamingIt() {
        runner.rule("KILL ", sql -> "DO 0");
        TidbFenceUser fence = new TidbFenceUser();

        assertThatThrownBy(() -> fence.execute(harness.bind(fence, Map.of("connection", "secondary", "user",
                "cdc_sink")), context(fence)))
                .hasMessageContaining("still has session(s) [11, 12] after KILL");
    }

    @Test
    void givenAnAccountThatDoesNotReadBackLocked_whenFenced_thenTheStepFails() {
        runner.rule("ALTER USER 'cdc_sink'@'%' ACCOUNT LOCK", sql -> "DO 0");
        TidbFenceUser fence = new TidbFenceUser();

        assertThatThrownBy(() -> fence.execute(harness.bind(fence, Map.of("connection", "secondary", "user",
                "cdc_sink")), context(fence)))
                .hasMessageContaining("does not read back as locked");
    }

    @Test
    void givenTheConnectionLogsInAsTheAccountToFence_whenBound_thenRefused() {
        assertThatThrownBy(() -> harness.bind(new TidbFenceUser(), Map.of("connection", "secondary", "user", "root")))
                .hasMessageContaining("connect as another account");
    }
}
