package io.stepwise.steps.br;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.testkit.StepHarness;
import io.stepwise.steps.tidb.testing.StandIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * br.backup and br.restore in cli mode against a stand-in {@code br} that records its argv and prints
 * BR's success summary (tidb-tooling.md 4.3); not against BR.
 */
class BrCliIT {
    static final String SUMMARY = "Full Backup <------------------------------------> 100.00%\n"
            + "Checksum <---------------------------------------> 100.00%\n"
            + "[2024/05/01 10:00:00.000 +00:00] [INFO] [collector.go:77] [\"Full Backup success summary\"]"
            + " [total-ranges=19] [ranges-succeed=19] [ranges-failed=0] [backup-checksum=168.863382ms]"
            + " [total-take=6.578538393s] [BackupTS=431434047157698561] [total-kv=1398] [total-kv-size=408.8kB]"
            + " [average-speed=62.15kB/s] [backup-data-size(after-compressed)=102.5kB] [Size=102451]";

    @TempDir
    Path dir;
    private StepHarness harness;

    @BeforeEach
    void start() {
        harness = StepHarness.builder().types(new BrBackup(), new BrRestore()).runDir(dir.resolve("run")).build();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private Map<String, Object> params(Path br, String storage, Object... kv) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("mode", "cli");
        params.put("pd", "127.0.0.1:2379");
        params.put("command", List.of(br.toString()));
        params.put("storage", storage);
        for (int i = 0; i < kv.length; i += 2) {
            params.put((String) kv[i], kv[i + 1]);
        }
        return params;
    }

    @Test
    void givenAFreshLocalPrefix_whenBackedUp_thenTheArgvIsExactAndBackupTsComesFromTheSummary() throws Exception {
        StandIn br = StandIn.named(dir.resolve("bin"), "br").when("backup full", SUMMARY, 0);
        String storage = "local://" + dir.resolve("backup-1");

        StepResult result = harness.execute(new BrBackup(), params(br.write(), storage, "rate_limit", 120,
                "checksum", true, "gc_ttl", 86400, "extra_args", List.of("--log-file=" + dir.resolve("br.log"))));

        assertThat(br.invocations()).containsExactly(List.of("backup", "full", "--pd=127.0.0.1:2379",
                "--storage=" + storage, "--ratelimit=120", "--checksum=true", "--gcttl=86400",
                "--log-file=" + dir.resolve("br.log")));
        assertThat(result.values()).containsEntry("backup_ts", 431434047157698561L).containsEntry("size", 102451L)
                .containsEntry("total_take", "6.578538393s");
    }

    @Test
    void givenNoSummaryOnStdout_whenBackedUp_thenBackupTsIsDecodedFromTheBackupmeta() throws Exception {
        StandIn br = StandIn.named(dir.resolve("bin"), "br")
                .when("validate decode", "[INFO] decoding\n431434047157698999\n", 0)
                .when("backup db", "Database Backup <---> 100.00%", 0);

        String storage = "s3://backup/p?access-key=a&endpoint=http://127.0.0.1:"
                + io.stepwise.engine.testkit.ListeningPort.closedPort();

        StepResult result = harness.execute(new BrBackup(), params(br.write(), storage,
                "secret_access_key", "s3cr3t", "databases", List.of("test")));

        assertThat(br.invocations()).containsExactly(
                List.of("backup", "db", "--db=test", "--pd=127.0.0.1:2379",
                        "--storage=" + storage + "&secret-access-key=s3cr3t"),
                List.of("validate", "decode", "--field=end-version",
                        "--storage=" + storage + "&secret-access-key=s3cr3t"));
        assertThat(result.values()).containsEntry("backup_ts", 431434047157698999L);
        assertThat(harness.said()).anyMatch(s -> s.contains("could not list s3://backup/p"));
    }

    @Test
    void givenAPrefixHoldingABackupmeta_whenBackedUp_thenRefusedBeforeBrRuns() throws Exception {
        Path used = Files.createDirectories(dir.resolve("backup-used"));
        Files.writeString(used.resolve("backupmeta"), "x");
        StandIn br = StandIn.named(dir.resolve("bin"), "br").when("backup", SUMMARY, 0);

        assertThatThrownBy(() -> harness.execute(new BrBackup(), params(br.write(), "local://" + used)))
                .hasMessageContaining("already holds a backupmeta")
                .satisfies(e -> assertThat(((StepFailedException) e).hint()).get().asString().contains("fresh prefix"));
        assertThat(br.invocations()).isEmpty();
    }

    @Test
    void givenBrRefusesAUsedPrefix_whenBackedUp_thenItsMessageGetsTheFreshPrefixHint() throws Exception {
        StandIn br = StandIn.named(dir.resolve("bin"), "br").when("backup", "", "Error: backup meta file exists in"
                + " s3://backup/p, there may be some backup files in the path already, please specify a correct backup"
                + " directory!", 1, "");

        assertThatThrownBy(() -> harness.execute(new BrBackup(), params(br.write(), "s3://backup/p")))
                .hasMessageContaining("br backup exited 1")
                .satisfies(e -> assertThat(((StepFailedException) e).hint()).get().asString().contains("fresh prefix"));
    }

    @Test
    void givenTwoTables_whenRestored_thenFullWithFiltersAndTheRestoreFlags() throws Exception {
        StandIn br = StandIn.named(dir.resolve("bin"), "br").when("restore full", SUMMARY.replace("Backup success",
                "Restore success"), 0);

        StepResult result = harness.execute(new BrRestore(), params(br.write(), "local://" + dir.resolve("b"),
                "tables", List.of("test.sbtest1", "test.sbtest2"), "with_sys_table", false, "load_stats", true,
                "require_empty", false));

        assertThat(br.invocations()).containsExactly(List.of("restore", "full", "--filter=test.sbtest1",
                "--filter=test.sbtest2", "--pd=127.0.0.1:2379", "--storage=local://" + dir.resolve("b"),
                "--with-sys-table=false", "--load-stats=true"));
        assertThat(result.values()).containsEntry("backup_ts", 431434047157698561L);
    }

    @Test
    void givenOneDatabase_whenRestoredThroughTheCli_thenTheDataBaseRestoreSummaryAndItsRestoreTsAreRead()
            throws Exception {
        StandIn br = StandIn.named(dir.resolve("bin"), "br").when("restore db", "[2026/06/12 09:25:02.110 +00:00]"
                + " [INFO] [collector.go:77] [\"DataBase Restore success summary\"] [total-ranges=8]"
                + " [total-take=3.1s] [RestoreTS=466945600000000001] [BackupTS=466945561939935258] [Size=14079]", 0);

        StepResult result = harness.execute(new BrRestore(), params(br.write(), "local://" + dir.resolve("b"),
                "databases", List.of("test"), "require_empty", false));

        assertThat(result.values()).containsEntry("backup_ts", 466945561939935258L)
                .containsEntry("cluster_ts", 466945600000000001L).containsEntry("total_take", "3.1s")
                .containsEntry("restore_ts", null);
        assertThat(harness.said()).anyMatch(s -> s.contains("restore_ts is not read"));
    }

    @Test
    void givenANotFreshCluster_whenBrRefusesTheRestore_thenTheHintSaysWhatToDo() throws Exception {
        StandIn br = StandIn.named(dir.resolve("bin"), "br").when("restore", "", "Error: [BR:Restore:"
                + "ErrRestoreNotFreshCluster]the target cluster is not fresh, cannot restore.", 1, "");

        assertThatThrownBy(() -> harness.execute(new BrRestore(), params(br.write(), "s3://backup/p")))
                .hasMessageContaining("BR:Restore:ErrRestoreNotFreshCluster")
                .satisfies(e -> assertThat(((StepFailedException) e).hint()).get().asString()
                        .contains("drop the user databases"));
        assertThat(harness.said()).anyMatch(s -> s.contains("no connection to check that the target is empty"));
    }
}
