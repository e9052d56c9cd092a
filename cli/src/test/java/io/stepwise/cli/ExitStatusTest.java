package io.stepwise.cli;

import static io.stepwise.cli.FakeEngine.report;
import static io.stepwise.cli.FakeEngine.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.engine.api.ErrorCode;
import io.stepwise.engine.api.Position;
import io.stepwise.engine.api.Problem;
import io.stepwise.engine.api.RunStatus;
import io.stepwise.engine.api.StepStatus;
import io.stepwise.engine.api.StepwiseException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExitStatusTest {
    private final CliHarness cli = new CliHarness();

    private static List<Problem> threeProblems() {
        return List.of(
                Problem.at(new Position("plans/x.yaml", 3, 5), "unknown step type 'sqll'", "did you mean 'sql'?")
                        .inStep("load", "sqll"),
                Problem.at(new Position("plans/x.yaml", 9, 12), "unknown input 'evn'"),
                Problem.at(new Position("plans/x.yaml", 14, 3), "duplicate step id 'load'"));
    }

    @Test
    void invalidPlanPrintsEveryProblemOnStandardErrorAndNothingOnStandardOutput() {
        // given
        cli.engine.problems = threeProblems();

        // when
        CliHarness.Result result = cli.run("validate", "plans/x.yaml");

        // then
        assertThat(result.status()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().lines()).containsExactly(
                "plans/x.yaml:3:5: step 'load' (sqll): unknown step type 'sqll' (did you mean 'sql'?)",
                "plans/x.yaml:9:12: unknown input 'evn'",
                "plans/x.yaml:14:3: duplicate step id 'load'",
                "plans/x.yaml: 3 problems, nothing was run");
    }

    @Test
    void runOfAnInvalidPlanRunsNothingAndExitsWithTwo() {
        // given
        cli.engine.problems = threeProblems().subList(0, 1);

        // when
        CliHarness.Result result = cli.run("run", "plans/x.yaml");

        // then
        assertThat(result.status()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().lines()).hasSize(2).last().isEqualTo("plans/x.yaml: 1 problem, nothing was run");
    }

    @Test
    void invalidPlanStackTraceOnlyWithDebug() {
        // given
        cli.engine.problems = threeProblems();

        // when
        CliHarness.Result result = cli.run("dry-run", "plans/x.yaml", "--debug");

        // then
        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("InvalidPlanException");
    }

    @ParameterizedTest
    @CsvSource({"SUCCEEDED,0", "FAILED,1", "ROLLED_BACK,1", "ROLLBACK_INCOMPLETE,1", "INTERRUPTED,130"})
    void runExitStatusFollowsTheRunStatus(RunStatus status, int exit) {
        // given
        cli.engine.behaviour = options -> report(status);

        // when
        CliHarness.Result result = cli.run("run", "plan.yaml");

        // then
        assertThat(result.status()).isEqualTo(exit);
    }

    @ParameterizedTest
    @CsvSource({"ROLLED_BACK,0", "ROLLBACK_INCOMPLETE,1", "INTERRUPTED,130", "FAILED,1"})
    void rollbackSucceedsWhenEverythingWasUndone(RunStatus status, int exit) {
        // given
        cli.engine.behaviour = options -> report(status);

        // when
        CliHarness.Result result = cli.run("rollback", "r1");

        // then
        assertThat(result.status()).isEqualTo(exit);
    }

    @Test
    void stepFailureExitsWithOneAndTellsHowToGoOn() {
        // given
        cli.engine.behaviour = options -> report(RunStatus.FAILED,
                step("backup", "exec", StepStatus.COMPLETED, 1200, Map.of("ts", "2025-01-01")),
                step("restore", "exec", StepStatus.FAILED, 300, Map.of()));

        // when
        CliHarness.Result result = cli.run("run", "plans/demo.yaml", "--state-dir", "my state");

        // then
        assertThat(result.status()).isEqualTo(1);
        assertThat(result.out()).contains(
                "Run r1 failed at step 'restore' (1 of 2 steps done).",
                "stepwise resume r1 --state-dir '" + Path.of("my state").toAbsolutePath() + "'",
                "stepwise rollback r1 --state-dir '" + Path.of("my state").toAbsolutePath() + "'");
    }

    @Test
    void stepwiseExceptionIsOneLineWithItsHintAndItsExitStatus() {
        // given
        cli.engine.behaviour = FakeEngine.throwing(new StepwiseException(ErrorCode.LOCKED,
                "run r1 is locked by pid 42 on host db1", "wait for it, or stop it"));

        // when
        CliHarness.Result result = cli.run("resume", "r1");

        // then
        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("stepwise: run r1 is locked by pid 42 on host db1 (wait for it, or stop it)\n");
    }

    @Test
    void usageErrorFromTheEngineExitsWithTwo() {
        // given
        cli.engine.behaviour = FakeEngine.throwing(new StepwiseException(ErrorCode.USAGE, "no run 'r9'"));

        // when
        CliHarness.Result result = cli.run("rollback", "r9");

        // then
        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("stepwise: no run 'r9'\n");
    }

    @Test
    void anyOtherExceptionIsAnInternalErrorOnOneLine() {
        // given
        cli.engine.behaviour = FakeEngine.throwing(new IllegalStateException("boom\nsecond line"));

        // when
        CliHarness.Result result = cli.run("run", "plan.yaml");

        // then
        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err())
                .isEqualTo("stepwise: internal error: boom second line (run with --debug for the stack trace)\n");
    }

    @Test
    void engineThatCannotStartIsAnInternalError() {
        // given
        StringWriter err = new StringWriter();
        CliContext context = CliContext.builder(() -> {
            throw new UnsupportedOperationException("engine not built yet");
        }).out(new PrintWriter(new StringWriter())).err(new PrintWriter(err, true)).build();

        // when
        int status = StepwiseCli.commandLine(context).execute("steps");

        // then
        assertThat(status).isEqualTo(1);
        assertThat(err.toString())
                .isEqualTo("stepwise: internal error: engine not built yet (run with --debug for the stack trace)\n");
    }

    @Test
    void interruptedExceptionFromTheEngineExitsWith130() {
        // given
        cli.engine.behaviour = FakeEngine.throwing(new StepwiseException(ErrorCode.INTERRUPTED, "interrupted by Ctrl-C"));

        // when
        CliHarness.Result result = cli.run("run", "plan.yaml");

        // then
        assertThat(result.status()).isEqualTo(130);
    }

    @Test
    void aFailureAfterCtrlCCountsAsAnInterruption() {
        // given
        RunInterrupter interrupter = RunInterrupter.interruptingThread();
        cli.interrupter = interrupter;
        cli.engine.behaviour = options -> {
            interrupter.requestStop();
            return report(RunStatus.FAILED, step("sleep", "sleep", StepStatus.FAILED, 10, Map.of()));
        };

        // when
        CliHarness.Result result = cli.run("run", "plan.yaml");

        // then
        assertThat(result.status()).isEqualTo(130);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }
}
