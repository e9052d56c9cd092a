package io.stepwise.steps.mysql.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.testkit.StepHarness;
import io.stepwise.steps.testing.LocalMariaDb;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** mysql.replication against two real MariaDB servers: a primary (server-id 1) and a replica (server-id 2). */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicationIT {
    private static LocalMariaDb primary;
    private static LocalMariaDb replica;
    private final ReplicationStep step = new ReplicationStep();

    @TempDir
    Path runDir;

    @BeforeAll
    static void startServers() {
        primary = LocalMariaDb.replicationNode("repl-primary", 1);
        replica = LocalMariaDb.replicationNode("repl-replica", 2, "--read-only=1");
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

    private StepHarness harness() {
        return StepHarness.builder().connection(primary.connection("primary"))
                .connection(replica.connection("replica")).runDir(runDir).build();
    }

    private StepResult run(String action, Map<String, Object> extra) {
        Map<String, Object> with = new LinkedHashMap<>();
        with.put("action", action);
        with.put("connection", "replica");
        with.putAll(extra);
        try (StepHarness harness = harness()) {
            return harness.execute(step, with);
        }
    }

    @Test
    @Order(1)
    void startsFromCapturedGtidPositionAndCatchesUp() {
        // given a table copied to the replica without its binlog, and the position of that copy
        primary.exec("CREATE TABLE test.orders (id INT PRIMARY KEY, note VARCHAR(20))",
                "INSERT INTO test.orders VALUES (1, 'before backup'), (2, 'before backup')");
        String captured = primary.query("SELECT @@GLOBAL.gtid_binlog_pos");
        replica.exec("SET SESSION sql_log_bin = 0", "CREATE TABLE test.orders (id INT PRIMARY KEY, note VARCHAR(20))",
                "INSERT INTO test.orders VALUES (1, 'before backup'), (2, 'before backup')");
        // and writes after the backup
        for (int i = 3; i <= 50; i++) {
            primary.exec("INSERT INTO test.orders VALUES (" + i + ", 'after backup')");
        }

        // when the replica starts from the captured position and the plan waits for it
        StepResult started = run("start", Map.of("source", "primary", "gtid", captured));
        StepResult waited = run("wait", Map.of("source", "primary", "timeout", "60s"));

        // then it has every row, written before and after the capture, exactly once
        assertThat(started.values()).containsEntry("sql_running", true).containsEntry("io_running", true);
        assertThat(replica.queryLong("SELECT COUNT(*) FROM test.orders")).isEqualTo(50);
        assertThat(waited.values().get("target_gtid")).isEqualTo(primary.query("SELECT @@GLOBAL.gtid_binlog_pos"));
        assertThat(waited.values().get("gtid_slave_pos")).isEqualTo(waited.values().get("target_gtid"));
        assertThat(waited.values()).containsEntry("state", "running").containsEntry("last_error", "");
    }

    @Test
    @Order(2)
    void statusReadsReplicaColumnsByName() {
        // when
        StepResult status = run("status", Map.of());

        // then
        assertThat(status.values()).containsEntry("state", "running").containsEntry("io_state", "Yes")
                .containsEntry("source_host", "127.0.0.1").containsEntry("source_port", (long) primary.port());
        assertThat((String) status.values().get("gtid_io_pos")).isNotBlank();
        assertThat(status.values().get("seconds_behind")).isNotNull();
    }

    @Test
    @Order(3)
    void conflictingRowOnReplicaBecomesClearStepError() {
        // given a row that exists only on the replica, then the same key written on the primary
        replica.exec("SET SESSION sql_log_bin = 0", "INSERT INTO test.orders VALUES (1000, 'replica only')");
        primary.exec("INSERT INTO test.orders VALUES (1000, 'primary')");

        // when / then
        assertThatThrownBy(() -> run("wait", Map.of("source", "primary", "timeout", "30s")))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("stopped applying events: Error 1062")
                .hasMessageContaining("Duplicate entry '1000'")
                .satisfies(e -> assertThat(((StepFailedException) e).hint()).get().asString()
                        .contains("START SLAVE"));
        assertThat(run("status", Map.of()).values()).containsEntry("state", "error")
                .containsEntry("sql_running", false);

        // and once the person fixes the replica, replication goes on
        replica.exec("SET SESSION sql_log_bin = 0", "DELETE FROM test.orders WHERE id = 1000", "START SLAVE");
        StepResult waited = run("wait", Map.of("source", "primary", "timeout", "60s"));
        assertThat(waited.values()).containsEntry("state", "running");
        assertThat(replica.query("SELECT note FROM test.orders WHERE id = 1000")).isEqualTo("primary");
    }

    @Test
    @Order(4)
    void wrongSourcePortFailsStartWithTheIoError() {
        // given a port where nothing listens
        Map<String, Object> with = Map.of("source", "primary", "source_port", 1L, "timeout", "20s");

        // when / then
        assertThatThrownBy(() -> run("start", with)).isInstanceOf(StepFailedException.class)
                .hasMessageContaining("does not replicate from 127.0.0.1:1")
                .hasMessageContaining("Error");
    }

    @Test
    @Order(5)
    void promoteMakesTheReplicaAWritablePrimary() {
        // given replication running again from where it stopped
        run("start", Map.of("source", "primary"));
        run("wait", Map.of("source", "primary"));

        // when
        StepResult promoted = run("promote", Map.of());

        // then
        assertThat(promoted.values()).containsEntry("state", "none").containsEntry("read_only", false);
        assertThat(replica.query("SELECT @@GLOBAL.read_only")).isEqualTo("0");
        replica.exec("INSERT INTO test.orders VALUES (5000, 'new primary')");
        assertThat(run("status", Map.of()).values()).containsEntry("state", "none");
    }
}
