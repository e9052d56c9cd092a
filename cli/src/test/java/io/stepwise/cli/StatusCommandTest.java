package io.stepwise.cli;

import static io.stepwise.cli.FakeEngine.report;
import static io.stepwise.cli.FakeEngine.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.engine.api.RunReport;
import io.stepwise.engine.api.RunStatus;
import io.stepwise.engine.api.StepStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusCommandTest {
    private final CliHarness cli = new CliHarness();

    @Test
    void showsOneRunInDetailWithWhatToTypeNext() {
        // given
        cli.engine.runs = List.of(report(RunStatus.FAILED,
                step("backup", "br.backup", StepStatus.COMPLETED, 12_300, Map.of("backup_ts", "2025-01-01")),
                step("restore", "exec", StepStatus.FAILED, 1_500, Map.of()),
                step("verify", "sql", StepStatus.PENDING, 0, Map.of())));

        // when
        CliHarness.Result result = cli.run("status", "r1", "--plan", "plans/demo.yaml");

        // then
        assertThat(result.status()).isZero();
        assertThat(cli.engine.lastRun).contains("r1");
        assertThat(result.out().lines()).containsSubsequence(
                "Run r1  failed",
                "Plan:      demo (plans/demo.yaml)",
                "Directory: plans/.stepwise/r1",
                "STEP     TYPE       STATUS     DURATION  CAPTURED",
                "backup   br.backup  completed  12.3s     backup_ts = 2025-01-01",
                "restore  exec       failed     1.5s",
                "verify   sql        pending",
                "  ✖ restore: exit code 3 from /bin/false",
                "Run r1 failed at step 'restore' (1 of 3 steps done).",
                "To continue:                  stepwise resume r1",
                "To undo the completed steps:  stepwise rollback r1");
    }

    @Test
    void listsEveryRunWithAll() {
        // given
        RunReport older = new RunReport("r0", "demo", Path.of("plans/demo.yaml"), Path.of("plans/.stepwise/r0"),
                RunStatus.ROLLED_BACK, List.of(step("a", "log", StepStatus.ROLLED_BACK, 1, Map.of())), List.of());
        cli.engine.runs = List.of(report(RunStatus.SUCCEEDED, step("a", "log", StepStatus.COMPLETED, 1, Map.of())), older);

        // when
        CliHarness.Result result = cli.run("status", "--all", "--state-dir", "plans/.stepwise");

        // then
        assertThat(result.status()).isZero();
        assertThat(cli.engine.lastStateDir).isEqualTo(Optional.of(Path.of("plans/.stepwise")));
        assertThat(result.out().lines()).containsExactly(
                "RUN  STATUS       STEPS DONE  PLAN",
                "r1   succeeded    1/1         demo (plans/demo.yaml)",
                "r0   rolled back  0/1         demo (plans/demo.yaml)");
    }

    @Test
    void saysSoWhenThereAreNoRuns() {
        // when
        CliHarness.Result result = cli.run("status", "--all");

        // then
        assertThat(result.out()).isEqualTo("No runs yet.\n");
    }

    @Test
    void aRunAndAllTogetherIsAUsageError() {
        // when
        CliHarness.Result result = cli.run("status", "r1", "--all");

        // then
        assertThat(result.status()).isEqualTo(2);
        assertThat(cli.engine.calls).isEmpty();
    }
}
