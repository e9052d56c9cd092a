package io.stepwise.steps.mysql.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.testkit.StepHarness;
import io.stepwise.steps.testing.LocalMariaDb;
import io.stepwise.steps.workload.WorkloadStep;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disaster: the primary is SIGKILLed under the bank load; the replica drains what it received,
 * is promoted, and holds every transfer the load saw acknowledged.
 */
class FailoverIT {
    private static LocalMariaDb primary;
    private static LocalMariaDb replica;

    @TempDir
    static Path runDir;

    @BeforeAll
    static void startServers() {
        primary = LocalMariaDb.replicationNode("fo-primary", 1);
        replica = LocalMariaDb.replicationNode("fo-replica", 2, "--read-only=1");
    }

    @AfterAll
    static void stopServers() {
        if (replica != null) {
            replica.close();
        }
        if (primary != null) {
            primary.close();
        }
    }

    private static StepHarness harness() {
        return StepHarness.builder().connection(primary.connection("primary"))
                .connection(replica.connection("replica")).runDir(runDir).build();
    }

    @Test
    void drainAndPromoteAfterPrimaryKilledKeepsEveryAcknowledgedTransfer() throws Exception {
        // given semi-synchronous replication from the start of the primary's history, and a bank on it
        ReplicationStep replication = new ReplicationStep();
        WorkloadStep workload = new WorkloadStep();
        StepHarness run = harness();
        run.execute(replication, Map.of("action", "start", "connection", "replica", "source", "primary",
                "gtid", "", "semi_sync", true));
        run.execute(workload, Map.of("action", "prepare", "mode", "bank", "connection", "primary",
                "accounts", 200L));
        run.execute(replication, Map.of("action", "wait", "connection", "replica", "source", "primary"));

        // and the bank load running in the background
        StepResult started = run.executeInBackground(workload, Map.of("action", "run", "mode", "bank", "connection", "primary",
                "threads", 4L, "report_interval", "1s"));
        Thread.sleep(Duration.ofSeconds(3).toMillis());

        // when the primary dies mid-load, the replica drains and is promoted
        primary.kill();
        Thread.sleep(500);
        StepResult drained = run.execute(replication, Map.of("action", "drain", "connection", "replica",
                "timeout", "60s"));
        StepResult promoted = run.execute(replication, Map.of("action", "promote", "connection",
                "replica"));
        run.backgrounds().forEach(b -> b.process().stop());

        // then the new primary is writable and holds the invariant and every acknowledged transfer
        StepResult check = run.execute(workload, Map.of("action", "check", "mode", "bank",
                "connection", "replica", "accounts", 200L));
        assertThat(started.values()).containsKey("ledger");
        // complete is false only when the primary died in the middle of sending a transaction it never acknowledged
        assertThat(drained.values()).containsKey("complete").containsEntry("sql_running", true)
                .containsEntry("last_sql_error", "");
        assertThat(promoted.values()).containsEntry("read_only", false);
        assertThat(check.values()).containsEntry("total_ok", true).containsEntry("missing", 0L)
                .containsEntry("pass", true);
        assertThat((Long) check.values().get("acknowledged")).isGreaterThan(100);
        assertThat(run.backgrounds().get(0).process().outputTail(10_000)).contains("tps:").contains("stopped");
        replica.exec("UPDATE test.bank_accounts SET balance = balance WHERE id = 1");
        run.close();
    }
}
