package io.stepwise.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.engine.Stepwise;
import io.stepwise.engine.api.DryRunFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values only the run can know, through the engine's own dry-run (the step types on the class path):
 * the steps see stand-ins, never deferred values, so each one plans, and the report shows the source.
 */
class DryRunValuesTest {
    @TempDir
    Path dir;

    private String dryRun(String steps) throws IOException {
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, "name: dry-run-values\nconnections:\n"
                + "  a: {type: mysql, host: 127.0.0.1, port: 3306, user: root}\n"
                + "  b: {type: mysql, host: 127.0.0.1, port: 3307, user: root}\nsteps:\n"
                + "  - id: pick\n    type: exec\n    with:\n      command: [echo, \"port=3306 ts=449123456789012345\"]\n"
                + "      extract: {port: 'port=(\\d+)', ts: 'ts=(\\d+)', code: 'port=(\\d)'}\n" + steps);
        return Stepwise.engine().dryRun(plan, Map.of(), DryRunFormat.MARKDOWN);
    }

    @Test
    void givenDeferredArgumentsEnvAndBody_whenDryRun_thenTheActionsShowTheirSource() throws IOException {
        String report = dryRun("""
                  - id: restore
                    type: exec
                    with:
                      command: [restore, --ts, "${steps.pick.ts}"]
                      env: {TS: "${steps.pick.ts}"}
                  - id: feed
                    type: http
                    with:
                      method: POST
                      url: http://127.0.0.1:1/feeds
                      body: {start_ts: "${steps.pick.ts}"}
                """);

        assertThat(report).contains("TS=<steps.pick.ts> restore --ts <steps.pick.ts>")
                .contains("{\"start_ts\":\"<steps.pick.ts>\"}")
                .doesNotContain("cannot plan this step");
    }

    @Test
    void givenADeferredPortStatusOrExitCode_whenDryRun_thenTheStepPlansAndShowsWhereTheValueComesFrom() throws IOException {
        String report = dryRun("""
                  - id: server
                    type: exec
                    background: true
                    with:
                      command: [sleep, "60"]
                      ready: {port: "${steps.pick.port}"}
                  - id: picky
                    type: exec
                    with:
                      command: ["true"]
                      expect_exit: [0, "${steps.pick.code}"]
                  - id: status
                    type: http
                    with:
                      url: http://127.0.0.1:1/status
                      expect_status: ["${steps.pick.port}"]
                """);

        assertThat(report).doesNotContain("cannot plan this step", "known only at run time:")
                .contains("ready when port <steps.pick.port> accepts connections")
                .contains("## 3. `picky` (exec)", "**exec** `true`")
                .contains("## 4. `status` (http)", "GET http://127.0.0.1:1/status");
    }

    @Test
    void givenAConditionOnlyTheRunKnows_whenDryRun_thenAssertShowsItBySource() throws IOException {
        String report = dryRun("""
                  - id: check
                    type: assert
                    with:
                      that: "${steps.pick.port == '3306'}"
                      message: wrong port
                """);

        assertThat(report).contains("check that <steps.pick.port == '3306'> is true, else fail: wrong port")
                .doesNotContain("cannot plan this step").doesNotContain("assumes");
    }

    @Test
    void givenADeferredSnapshot_whenDryRun_thenDiffSetsItBySource() throws IOException {
        String report = dryRun("""
                  - id: compare
                    type: diff
                    with:
                      source: a
                      target: b
                      tables: [test.*]
                      snapshot_source: "${steps.pick.ts}"
                """);

        assertThat(report).contains("SET @@tidb_snapshot = ").contains("<steps.pick.ts>")
                .doesNotContain("cannot plan this step");
    }

    /** Issue 12: a guard fed by an earlier step's value dry-runs as the run would go, not as a refusal. */
    @Test
    void givenRedoAppliedKnownOnlyAtRunTime_whenARemoveIsDryRun_thenItPlansTheRemoveAndSaysWhatItAssumed()
            throws IOException {
        String report = dryRun("""
                  - id: remove_feed
                    type: cdc.changefeed
                    with:
                      action: remove
                      server: "http://127.0.0.1:8300"
                      changefeed_id: dr-primary-to-secondary
                      redo_applied: "${steps.pick.exit_code == 0}"
                """);

        assertThat(report).contains("'redo_applied' is known only at run time (steps.pick.exit_code == 0);"
                        + " this dry-run assumes true")
                .contains("DELETE http://127.0.0.1:8300/api/v2/changefeeds/dr-primary-to-secondary")
                .doesNotContain("cannot plan this step");
    }
}
