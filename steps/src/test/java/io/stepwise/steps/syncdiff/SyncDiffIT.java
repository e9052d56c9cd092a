package io.stepwise.steps.syncdiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.testkit.StepHarness;
import io.stepwise.steps.tidb.support.Toml;
import io.stepwise.steps.tidb.testing.Probes;
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
 * sync-diff against a stand-in sync_diff_inspector that reads output-dir from the generated TOML,
 * writes a summary.txt in the real layout (tablewriter boxes) and ends stdout with the real closing
 * line and exit code (tidb-tooling.md 6.3); not against sync-diff-inspector.
 */
class SyncDiffIT {
    static final String EQUAL_BOX = "+------------------+---------+-----------+\n"
            + "|      TABLE       | UPCOUNT | DOWNCOUNT |\n"
            + "+------------------+---------+-----------+\n"
            + "| `test`.`sbtest1` |   10000 |     10000 |\n"
            + "| `test`.`sbtest2` |   10000 |     10000 |\n"
            + "+------------------+---------+-----------+\n";
    static final String DIFF_BOX = "+------------------+---------+--------------------+----------------+---------+-----------+\n"
            + "|      TABLE       | RESULT  | STRUCTURE EQUALITY | DATA DIFF ROWS | UPCOUNT | DOWNCOUNT |\n"
            + "+------------------+---------+--------------------+----------------+---------+-----------+\n"
            + "| `test`.`sbtest3` | succeed | true               | +3/-1          |   10002 |     10000 |\n"
            + "+------------------+---------+--------------------+----------------+---------+-----------+\n";

    @TempDir
    Path dir;
    private StepHarness harness;

    @BeforeEach
    void start() {
        harness = StepHarness.builder().types(new SyncDiff()).runDir(dir.resolve("run"))
                .connection(Probes.mysql("primary", 4000, "up-pw"))
                .connection(Probes.mysql("secondary", 4001, "down-pw")).build();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private static String writesSummary(String body) {
        return "cfg=${1#--config=}; out=$(sed -n \"s/^task\\.output-dir = '\\(.*\\)'$/\\1/p\" \"$cfg\"); mkdir -p \"$out\";"
                + " cat > \"$out/summary.txt\" <<'__SUMMARY__'\nSummary\n\n\n\nSource Database\n\n\n\n"
                + "{\"host\":\"127.0.0.1\",\"port\":4000}\nTarget Databases\n\n\n\n{\"host\":\"127.0.0.1\"}\n"
                + "Comparison Result\n\n\n\nThe table structure and data in following tables are equivalent\n\n"
                + body + "\nTime Cost: 1.2s\nAverage Speed: 1.000000MB/s\n__SUMMARY__";
    }

    private Map<String, Object> params(Path tool, Object... kv) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("source", "primary");
        params.put("target", "secondary");
        params.put("source_snapshot", "431434047157698561");
        params.put("target_snapshot", "431434141450371074");
        params.put("command", List.of(tool.toString()));
        for (int i = 0; i < kv.length; i += 2) {
            params.put((String) kv[i], kv[i + 1]);
        }
        return params;
    }

    @Test
    void givenEqualData_whenChecked_thenTheTomlCarriesBothSnapshotsAndTheSummaryIsParsed() throws Exception {
        StandIn tool = StandIn.named(dir.resolve("bin"), "sync_diff_inspector").when("--config=",
                "A total of 2 table have been compared and all are equal.\nYou can view the comparison details through"
                        + " 'x/sync_diff.log'", "", 0, writesSummary(EQUAL_BOX + "\n\n"));

        StepResult result = harness.execute(new SyncDiff(), params(tool.write()));

        Path out = dir.resolve("run/sync-diff-primary-secondary-output");
        Path toml = dir.resolve("run/sync-diff-primary-secondary.toml");
        assertThat(tool.invocations()).containsExactly(List.of("--config=" + toml));
        assertThat(Toml.read(Files.readString(toml))).isEqualTo(Map.of(
                "check-thread-count", 4,
                "export-fix-sql", true,
                "check-struct-only", false,
                "data-sources", Map.of(
                        "primary", Map.of("host", "127.0.0.1", "port", 4000, "user", "root", "password", "up-pw",
                                "snapshot", "431434047157698561"),
                        "secondary", Map.of("host", "127.0.0.1", "port", 4001, "user", "root", "password", "down-pw",
                                "snapshot", "431434141450371074")),
                "task", Map.of("output-dir", out.toString(), "source-instances", List.of("primary"),
                        "target-instance", "secondary", "target-check-tables", List.of("*.*"))));
        assertThat(result.values()).containsEntry("passed", true).containsEntry("exit_code", 0)
                .containsEntry("compared", 2L).containsEntry("failed", 0L).containsEntry("ran", true);
        assertThat(result.values().get("tables")).isEqualTo(List.of(
                Map.of("table", "test.sbtest1", "upcount", 10000L, "downcount", 10000L, "result", "equal"),
                Map.of("table", "test.sbtest2", "upcount", 10000L, "downcount", 10000L, "result", "equal")));
    }

    @Test
    void givenADifference_whenChecked_thenTheStepFailsNamingTheTableAndTheFixSql() throws Exception {
        StandIn tool = StandIn.named(dir.resolve("bin"), "sync_diff_inspector").when("--config=",
                "The data of `test`.`sbtest3` is not equal\n\nThe rest of tables are all equal.\n\n"
                        + "A total of 3 tables have been compared, 2 tables finished, 1 tables failed, 0 tables skipped.\n"
                        + "The patch file has been generated in \n\t'x/fix-on-secondary/'\n", "", 1,
                writesSummary(EQUAL_BOX + "\n\nThe following tables contains inconsistent data\n\n" + DIFF_BOX));

        assertThatThrownBy(() -> harness.execute(new SyncDiff(), params(tool.write())))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("1 failed, 0 skipped: test.sbtest3 (succeed, +3/-1)")
                .satisfies(e -> assertThat(((StepFailedException) e).hint()).get().asString()
                        .contains("sync-diff-primary-secondary-output/fix-on-secondary"));
    }

    @Test
    void givenADifferenceAndFailOnDifferenceOff_whenChecked_thenTheRowsAreOutputs() throws Exception {
        StandIn tool = StandIn.named(dir.resolve("bin"), "sync_diff_inspector").when("--config=",
                "A total of 3 tables have been compared, 2 tables finished, 1 tables failed, 0 tables skipped.\n", "", 1,
                writesSummary(EQUAL_BOX + "\n\nThe following tables contains inconsistent data\n\n" + DIFF_BOX));

        StepResult result = harness.execute(new SyncDiff(), params(tool.write(), "fail_on_difference", false));

        assertThat(result.values()).containsEntry("passed", false).containsEntry("failed", 1L);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> tables = (List<Map<String, Object>>) result.values().get("tables");
        assertThat(tables).hasSize(3);
        assertThat(tables.get(2)).containsEntry("table", "test.sbtest3").containsEntry("result", "succeed")
                .containsEntry("structure_equality", "true").containsEntry("data_diff_rows", "+3/-1")
                .containsEntry("upcount", 10002L);
    }

    @Test
    void givenABadConfig_whenChecked_thenExitTwoIsAConfigFailure() throws Exception {
        StandIn tool = StandIn.named(dir.resolve("bin"), "sync_diff_inspector").when("--config=", "",
                "Error: invalid config", 2, "");

        assertThatThrownBy(() -> harness.execute(new SyncDiff(), params(tool.write())))
                .hasMessageContaining("sync_diff_inspector exited 2");
    }

    @Test
    void givenARuntimeErrorBeforeComparing_whenChecked_thenExitOneWithoutCountsIsAnError() throws Exception {
        StandIn tool = StandIn.named(dir.resolve("bin"), "sync_diff_inspector").when("--config=", "",
                "[FATAL] fetching auto-position tidb_snapshot failed: Table 'tidb_cdc.syncpoint_v1' doesn't exist", 1, "");

        assertThatThrownBy(() -> harness.execute(new SyncDiff(), params(tool.write())))
                .hasMessageContaining("exited 1").hasMessageContaining("syncpoint_v1");
    }

    @Test
    void givenASecondCheckInTheSameRun_whenChecked_thenItGetsAFreshOutputDir() throws Exception {
        StandIn tool = StandIn.named(dir.resolve("bin"), "sync_diff_inspector").when("--config=",
                "A total of 2 table have been compared and all are equal.", "", 0, writesSummary(EQUAL_BOX));
        Path program = tool.write();

        harness.execute(new SyncDiff(), params(program));
        StepResult second = harness.execute(new SyncDiff(), params(program));

        assertThat(second.values()).containsEntry("output_dir",
                dir.resolve("run/sync-diff-primary-secondary-2-output").toString());
        assertThat(tool.invocations().get(1)).containsExactly("--config="
                + dir.resolve("run/sync-diff-primary-secondary-2.toml"));
    }

    @Test
    void givenAnExistingOutputDir_whenChecked_thenRefusedBecauseItWouldResumeAnOldCheckpoint() throws Exception {
        Path old = Files.createDirectories(dir.resolve("old-output"));
        Path program = StandIn.named(dir.resolve("bin"), "sync_diff_inspector").write();

        assertThatThrownBy(() -> harness.execute(new SyncDiff(), params(program, "output_dir", old.toString())))
                .hasMessageContaining("exists");
    }

    @Test
    void givenNoBinaryAndIfMissingSkip_whenChecked_thenRanIsFalseForTheBuiltInDiffToTakeOver() {
        StepResult result = harness.execute(new SyncDiff(), params(dir.resolve("bin/absent"), "if_missing", "skip"));

        assertThat(result.values()).containsEntry("ran", false);
        assertThat(harness.said()).anyMatch(s -> s.contains("is not installed"));
    }

    @Test
    void givenPasswords_whenPlanned_thenTheTomlIsShownMasked() throws Exception {
        Path program = StandIn.named(dir.resolve("bin"), "sync_diff_inspector").write();

        String rendered = harness.mask(harness.plan(new SyncDiff(), params(program)).get(0).block().orElseThrow());

        assertThat(rendered).contains("data-sources.primary.password = '****'")
                .contains("data-sources.secondary.password = '****'").doesNotContain("up-pw").doesNotContain("down-pw");
    }
}
