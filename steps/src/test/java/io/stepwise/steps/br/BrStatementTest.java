package io.stepwise.steps.br;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.testkit.StepHarness;
import io.stepwise.steps.tidb.testing.Probes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The BACKUP and RESTORE statements and br argv as tidb-tooling.md 4.1-4.3 document them. */
class BrStatementTest {
    static final String STORAGE = "s3://backup/dr-1?access-key=minio&endpoint=http://127.0.0.1:6060&force-path-style=true";
    private final ConnectionInfo primary = Probes.mysql("primary", 4000, "pw");
    private final StepHarness harness = StepHarness.builder().connection(primary).build();

    @AfterEach
    void close() {
        harness.close();
    }

    private Map<String, Object> params(Object... kv) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("connection", "primary");
        params.put("storage", STORAGE);
        params.put("secret_access_key", "miniostorage");
        for (int i = 0; i < kv.length; i += 2) {
            params.put((String) kv[i], kv[i + 1]);
        }
        return params;
    }

    @Test
    void givenTheGuidesBackup_whenBuilt_thenItIsDatabaseStarWithRateLimitAndTheSecretInTheUri() {
        BackupConfig config = harness.bind(new BrBackup(), params("rate_limit", 120));

        assertThat(BrBackup.statement(config)).isEqualTo("BACKUP DATABASE * TO '" + STORAGE
                + "&secret-access-key=miniostorage'\n  RATE_LIMIT = 120 MB/SECOND");
    }

    @Test
    void givenEveryBackupOption_whenBuilt_thenEachIsSpelledAsTheGrammarHasIt() {
        BackupConfig config = harness.bind(new BrBackup(), params("databases", List.of("test", "app`x"),
                "rate_limit", 120, "concurrency", 8, "checksum", false, "checksum_concurrency", 2,
                "send_credentials_to_tikv", false, "compression", "zstd", "compression_level", 3,
                "ignore_stats", true, "snapshot", "431434047157698561", "last_backup", "2022-02-25 19:57:59"));

        assertThat(BrBackup.statement(config)).isEqualTo("BACKUP DATABASE `test`, `app``x` TO '" + STORAGE
                + "&secret-access-key=miniostorage'\n"
                + "  RATE_LIMIT = 120 MB/SECOND\n"
                + "  CONCURRENCY = 8\n"
                + "  CHECKSUM = FALSE\n"
                + "  CHECKSUM_CONCURRENCY = 2\n"
                + "  SEND_CREDENTIALS_TO_TIKV = FALSE\n"
                + "  COMPRESSION_TYPE = 'zstd'\n"
                + "  COMPRESSION_LEVEL = 3\n"
                + "  IGNORE_STATS = TRUE\n"
                + "  SNAPSHOT = 431434047157698561\n"
                + "  LAST_BACKUP = '2022-02-25 19:57:59'");
    }

    @Test
    void givenARelativeSnapshot_whenBuilt_thenItStaysBare() {
        BackupConfig config = harness.bind(new BrBackup(), params("tables", List.of("test.sbtest1"),
                "snapshot", "5 minute ago"));

        assertThat(BrBackup.statement(config)).startsWith("BACKUP TABLE `test`.`sbtest1` TO ")
                .endsWith("\n  SNAPSHOT = 5 MINUTE AGO");
    }

    @Test
    void givenEveryRestoreOption_whenBuilt_thenEachIsSpelledAsTheGrammarHasIt() {
        RestoreConfig config = harness.bind(new BrRestore(), params("rate_limit", 120, "concurrency", 4,
                "checksum", true, "checksum_concurrency", 4, "send_credentials_to_tikv", true, "load_stats", false,
                "with_sys_table", false, "wait_tiflash_ready", true));

        assertThat(BrRestore.statement(config)).isEqualTo("RESTORE DATABASE * FROM '" + STORAGE
                + "&secret-access-key=miniostorage'\n"
                + "  RATE_LIMIT = 120 MB/SECOND\n"
                + "  CONCURRENCY = 4\n"
                + "  CHECKSUM = TRUE\n"
                + "  CHECKSUM_CONCURRENCY = 4\n"
                + "  SEND_CREDENTIALS_TO_TIKV = TRUE\n"
                + "  LOAD_STATS = FALSE\n"
                + "  WITH_SYS_TABLE = FALSE\n"
                + "  WAIT_TIFLASH_READY = TRUE");
    }

    @Test
    void givenTheBackupPlan_whenRendered_thenTheSecretIsMasked() {
        var actions = harness.plan(new BrBackup(), params("rate_limit", 120));

        String rendered = harness.mask(actions.toString() + actions.get(1).block().orElseThrow());
        assertThat(rendered).contains("secret-access-key=****").doesNotContain("miniostorage")
                .contains("SHOW BACKUPS");
    }

    @Test
    void givenTargets_whenBuiltForTheCli_thenOneDbIsDbOneTableIsTableAndSeveralAreFilters() {
        BrOptions one = harness.bind(new BrBackup(), params("mode", "cli", "connection", null, "pd", "127.0.0.1:2379",
                "databases", List.of("test"))).options();
        BrOptions table = harness.bind(new BrBackup(), params("mode", "cli", "connection", null, "pd",
                "127.0.0.1:2379", "tables", List.of("test.sbtest1"))).options();
        BrOptions several = harness.bind(new BrBackup(), params("mode", "cli", "connection", null, "pd",
                "127.0.0.1:2379", "tables", List.of("test.sbtest1", "test.sbtest2"))).options();

        assertThat(BrCli.target(one)).containsExactly("db", "--db=test");
        assertThat(BrCli.target(table)).containsExactly("table", "--db=test", "--table=sbtest1");
        assertThat(BrCli.target(several)).containsExactly("full", "--filter=test.sbtest1", "--filter=test.sbtest2");
    }

    @Test
    void givenBrsSummaryLines_whenParsed_thenBackupTsAndSizeAreRead() {
        String full = "[2023/02/09 11:34:01.794 +08:00] [INFO] [collector.go:73] [\"Full Backup success summary\"]"
                + " [total-ranges=22] [ranges-succeed=22] [ranges-failed=0] [backup-checksum=91.994496ms]"
                + " [total-take=1.416143685s] [BackupTS=439330705621123078] [total-kv=1114] [total-kv-size=269.8kB]"
                + " [average-speed=190.5kB/s] [backup-data-size(after-compressed)=78.3MB] [Size=78300]";
        String db = "[2026/06/12 09:19:21.804 +00:00] [INFO] [collector.go:77] [\"Database Backup success summary\"]"
                + " [total-ranges=8] [Size=14079] [BackupTS=466945561939935258] [total-kv=8]";

        assertThat(BrCli.summary("Full Backup <---> 100.00%\n" + full).orElseThrow())
                .containsEntry("summary", "Full Backup").containsEntry("BackupTS", "439330705621123078")
                .containsEntry("Size", "78300").containsEntry("total-take", "1.416143685s");
        assertThat(BrCli.summary(db).orElseThrow()).containsEntry("BackupTS", "466945561939935258");
        assertThat(BrCli.summary("[\"Raw backup success summary\"] [backup-ts=1]")).isEmpty();
    }

    @Test
    void givenBrsDataBaseRestoreSummary_whenParsed_thenItsCapitalBSpellingAndRestoreTsAreRead() {
        // BR's const DBRestoreCmd is "DataBase Restore"; the summary carries [RestoreTS=...] since v6.2
        String line = "[2026/06/12 09:25:02.110 +00:00] [INFO] [collector.go:77] [\"DataBase Restore success summary\"]"
                + " [total-ranges=8] [ranges-succeed=8] [ranges-failed=0] [split-region=1.2ms]"
                + " [restore-ranges=4] [total-take=3.1s] [RestoreTS=466945600000000001] [BackupTS=466945561939935258]"
                + " [total-kv=8] [Size=14079]";

        assertThat(BrCli.summary(line).orElseThrow()).containsEntry("summary", "DataBase Restore")
                .containsEntry("RestoreTS", "466945600000000001").containsEntry("BackupTS", "466945561939935258");
    }
}
