package io.stepwise.steps.mariadb.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.testkit.ListeningPort;
import io.stepwise.engine.testkit.StepHarness;
import io.stepwise.steps.embedded.Jdbc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** One real server through its life: first start, port taken, clean stop, warm restart on the same data dir, SIGKILL. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MariaDbLocalIT {
    @TempDir
    static Path runDir;

    private static final MariaDbLocalStep TYPE = new MariaDbLocalStep();
    private static StepHarness harness;
    private static int port;
    private static StepResult started;

    @BeforeAll
    static void startServer() {
        harness = StepHarness.builder().types(TYPE).runDir(runDir).build();
        port = ListeningPort.closedPort();
        long begin = System.nanoTime();
        started = harness.executeInBackground(TYPE, Map.of("name", "primary", "port", port, "server_id", 1,
                "binlog", true, "gtid_strict_mode", true, "log_slave_updates", true));
        System.out.printf("mariadb.local first start (unpack if needed + install + start): %d ms%n",
                (System.nanoTime() - begin) / 1_000_000);
    }

    @AfterAll
    static void stopAll() {
        harness.close();
    }

    @Test
    @Order(1)
    void givenAStartedServer_whenQueried_thenItRunsWithTheRequestedOptionsAndPublishesItsOutputs() throws Exception {
        assertThat(started.values()).containsEntry("host", "127.0.0.1").containsEntry("port", (long) port)
                .containsEntry("jdbc_url", "jdbc:mysql://127.0.0.1:" + port + "/").containsKeys("pid", "socket", "log_file");
        assertThat(Path.of((String) started.values().get("data_dir"))).startsWith(runDir).isDirectory();
        assertThat(Jdbc.value(port, "SELECT @@server_id")).isEqualTo("1");
        assertThat(Jdbc.value(port, "SELECT @@log_bin")).isEqualTo("1");
        assertThat(Jdbc.value(port, "SELECT @@gtid_strict_mode")).isEqualTo("1");
        assertThat(Jdbc.value(port, "SELECT @@version")).startsWith("11.4.5");
        assertThat(Jdbc.value(port, "SELECT @@innodb_log_file_size")).as("a demo-sized redo log").isEqualTo("8388608");
        Path socket = Path.of((String) started.values().get("socket"));
        assertThat(socket).isEqualTo(Path.of((String) started.values().get("data_dir")).resolve("mariadbd.sock"));
        assertThat(Files.exists(socket)).as("the socket is in the data dir").isTrue();
        assertThat(Path.of(System.getProperty("java.io.tmpdir"), "stepwise-mariadb-" + port + ".sock")).doesNotExist();
        assertThat(harness.backgrounds()).hasSize(1);
        assertThat(harness.backgrounds().get(0).keep()).isFalse();
        assertThat(harness.backgrounds().get(0).process().pid()).isEqualTo(started.values().get("pid"));
    }

    @Test
    @Order(2)
    void givenARunnerThatDiedAfterTheStart_whenProbed_thenTheRunningServerCountsAsDone() {
        MariaDbLocalConfig config = harness.bind(TYPE, Map.of("name", "primary", "port", port));

        var outcome = TYPE.probe(config, harness.context(TYPE, true));

        assertThat(outcome.state()).isEqualTo(io.stepwise.engine.spi.ProbeOutcome.State.DONE);
        assertThat(outcome.result()).get().extracting(r -> r.values().get("pid")).isEqualTo(started.values().get("pid"));
    }

    @Test
    @Order(2)
    void givenThePortIsTaken_whenASecondServerStarts_thenTheErrorNamesThePortAndItsHolder() {
        assertThatThrownBy(() -> harness.execute(TYPE, Map.of("name", "second", "port", port)))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("port " + port + " on 127.0.0.1 is already in use")
                .hasMessageContaining("pid " + started.values().get("pid"))
                .hasMessageContaining("mariadbd");
        assertThat(runDir.resolve("mariadb/second/data")).doesNotExist();
    }

    @Test
    @Order(3)
    void givenARunningServer_whenStoppedByName_thenItShutsDownCleanlyAndARestartReusesTheData() throws Exception {
        Jdbc.run(port, "CREATE DATABASE keepme", "CREATE TABLE keepme.t (id INT PRIMARY KEY)", "INSERT INTO keepme.t VALUES (1),(2)");
        long pid = (long) started.values().get("pid");

        StepResult stopped = harness.execute(TYPE, Map.of("action", "stop", "name", "primary"));

        assertThat(stopped.values()).containsEntry("was_running", true).containsEntry("pid", pid);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(Files.readString(Path.of((String) started.values().get("log_file")))).contains("Shutdown complete");

        long begin = System.nanoTime();
        started = harness.executeInBackground(TYPE, Map.of("name", "primary", "port", port, "binlog", true));
        System.out.printf("mariadb.local warm start (existing data dir): %d ms%n", (System.nanoTime() - begin) / 1_000_000);
        assertThat(Jdbc.count(port, "keepme.t")).isEqualTo(2);
    }

    @Test
    @Order(4)
    void givenACompletedStart_whenRolledBack_thenTheServerIsShutDown() {
        long pid = (long) started.values().get("pid");
        MariaDbLocalConfig config = harness.bind(TYPE, Map.of("name", "primary", "port", port));

        assertThat(TYPE.reversibility(config)).isEqualTo(io.stepwise.engine.spi.Reversibility.SELF);
        assertThat(TYPE.planRollback(config, started, harness.context(TYPE, false))).extracting(a -> a.summary())
                .containsExactly("shut down mariadbd 'primary' (pid " + pid + ")");
        TYPE.rollback(config, started, harness.context(TYPE, false));

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        started = harness.executeInBackground(TYPE, Map.of("name", "primary", "port", port, "binlog", true));
    }

    @Test
    @Order(5)
    void givenARunningServer_whenKilledByPid_thenTheProcessIsGoneAtOnceAndTheDataDirSurvives() throws Exception {
        long pid = (long) started.values().get("pid");
        Path dataDir = Path.of((String) started.values().get("data_dir"));

        StepResult killed = harness.execute(TYPE, Map.of("action", "kill", "pid", pid));

        assertThat(killed.values()).containsEntry("was_running", true);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        String log = Files.readString(Path.of((String) started.values().get("log_file")));
        assertThat(log.substring(log.lastIndexOf(MariaDbLauncher.READY)))
                .as("a SIGKILLed server logs no shutdown").doesNotContain("Shutdown complete");
        assertThat(dataDir.resolve("mysql")).isDirectory();
        assertThat(dataDir.resolve("keepme")).isDirectory();
        MariaDbLocalConfig config = harness.bind(TYPE, Map.of("name", "primary", "port", port));
        assertThat(TYPE.probe(config, harness.context(TYPE, true)).state())
                .isEqualTo(io.stepwise.engine.spi.ProbeOutcome.State.NOT_DONE);
    }

    @Test
    @Order(6)
    void givenAServerThatIsGone_whenKilledAgainByItsDataDir_thenTheStalePidFileIsIgnoredAndItSaysSo() {
        Path dataDir = Path.of((String) started.values().get("data_dir"));
        assertThat(dataDir.resolve(MariaDbCommands.PID_FILE)).as("SIGKILL leaves the pid file").exists();

        StepResult again = harness.execute(TYPE, Map.of("action", "kill", "data_dir", dataDir.toString()));

        assertThat(again.values()).containsEntry("was_running", false);
        assertThat(harness.said()).anyMatch(line -> line.contains("not running"));
    }

    @Test
    @Order(7)
    void givenADataDirTooDeepForASocketPath_whenStarted_thenTheSocketIsStillInIt() throws Exception {
        int other = ListeningPort.closedPort();
        String deep = "deep/" + "d".repeat(110) + "/data";

        StepResult deepStart = harness.executeInBackground(TYPE, Map.of("name", "deep", "port", other, "data_dir", deep));

        Path socket = Path.of((String) deepStart.values().get("socket"));
        assertThat(socket.toString().length()).as("longer than a unix socket path may be").isGreaterThan(107);
        assertThat(socket).isEqualTo(runDir.resolve(deep).resolve("mariadbd.sock"));
        assertThat(Files.exists(socket)).isTrue();
        assertThat(Jdbc.value(other, "SELECT @@socket")).isEqualTo("mariadbd.sock");
        assertThat(Path.of(System.getProperty("java.io.tmpdir"), "stepwise-mariadb-" + other + ".sock")).doesNotExist();
        harness.execute(TYPE, Map.of("action", "stop", "name", "deep"));
    }
}
