package io.stepwise.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.engine.api.ErrorCode;
import io.stepwise.engine.api.InteractiveRun;
import io.stepwise.engine.api.RunOptions;
import io.stepwise.engine.api.RunReport;
import io.stepwise.engine.api.RunStatus;
import io.stepwise.engine.api.StepStatus;
import io.stepwise.engine.api.StepwiseException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InteractiveRunTest {
    @TempDir
    Path dir;

    private final DefaultEngine engine = new DefaultEngine(FakeSteps.registry());

    private Path plan() {
        return PlanFiles.write(dir, "p.yaml", """
                name: stepping
                inputs:
                  who: {type: string, default: world}
                  token: {type: string, secret: true, default: tok-123456}
                steps:
                  - id: a
                    type: mark
                    with: {file: "%1$s", text: a}
                    capture: {n: "${result.lines}"}
                  - id: b
                    type: echo
                    with: {value: "hello ${inputs.who} after ${steps.a.n}"}
                  - id: c
                    type: mark
                    with: {file: "%1$s", text: c}
                  - id: d
                    type: mark
                    with: {file: "%1$s", text: d}
                """.formatted(dir.resolve("marks")));
    }

    private RunOptions options() {
        return RunOptions.defaults().withStateDir(dir.resolve("state"));
    }

    @Test
    void stepsOneAtATimeWithShowVarsEvalAndSet() throws Exception {
        try (InteractiveRun run = engine.open(plan(), options())) {
            assertThat(run.cursor()).contains("a");
            assertThat(run.show("b")).contains("echo hello world after <steps.a.n>");

            assertThat(run.next().status()).isEqualTo(StepStatus.COMPLETED);
            assertThat(run.cursor()).contains("b");
            assertThat(run.show("b")).contains("echo hello world after 1");

            run.setInput("who", "shell");
            assertThat(run.next().outputs()).containsEntry("value", "hello shell after 1");
            assertThat(run.evaluate("${steps.a.n + 1}")).isEqualTo(2L);
            assertThat(run.evaluate("inputs.token")).isEqualTo("****");
            assertThat(run.variables().toString()).doesNotContain("tok-123456");

            run.skip("c");
            assertThat(run.cursor()).contains("d");
        }
        assertThat(Files.readAllLines(dir.resolve("marks"))).containsExactly("a");
        String journal = Files.readString(Files.list(dir.resolve("state/runs")).findFirst().orElseThrow()
                .resolve("journal.jsonl"));
        assertThat(journal).contains("\"input_set\"").contains("skipped in the shell").doesNotContain("tok-123456");
    }

    @Test
    void runUntilStopsAtABreakpointAndResumeFinishesAfterQuit() throws Exception {
        String runId;
        try (InteractiveRun run = engine.open(plan(), options())) {
            runId = run.runId();
            RunReport report = run.runUntil(Optional.empty(), Set.of("c"));
            assertThat(run.cursor()).contains("c");
            assertThat(report.status()).isEqualTo(RunStatus.RUNNING);
        }
        RunReport resumed = engine.resume(Optional.of(runId), Optional.empty(), options());
        assertThat(resumed.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(Files.readAllLines(dir.resolve("marks"))).containsExactly("a", "c", "d");
    }

    @Test
    void theShellCanAttachToARunThatRunStartedAndFinishIt() throws Exception {
        Path plan = plan();
        Path blocker = dir.resolve("blocker");
        RunReport failed = engine.run(PlanFiles.write(dir, "p.yaml", Files.readString(plan).replace(
                "  - id: c\n", "  - id: gate\n    type: flaky\n    with: {counter: \"" + blocker + "\", succeed_on: 2}\n  - id: c\n")),
                options());
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        try (InteractiveRun run = engine.attach(Optional.of(failed.runId()), Optional.empty(), options())) {
            assertThat(run.cursor()).contains("gate");
            assertThat(run.retry("gate").status()).isEqualTo(StepStatus.COMPLETED);
            run.runUntil(Optional.empty(), Set.of());
            assertThat(run.report().status()).isEqualTo(RunStatus.SUCCEEDED);
        }
        assertThatThrownBy(() -> engine.resume(Optional.of(failed.runId()), Optional.empty(), options()))
                .isInstanceOf(StepwiseException.class).hasMessageContaining("already succeeded");
    }

    @Test
    void aQueryThatCannotConnectFailsWithTheApisException() {
        // given
        Path plan = PlanFiles.write(dir, "q.yaml", """
                name: query
                connections:
                  db: {type: mysql, host: 127.0.0.1, port: 1, user: root}
                steps:
                  - id: a
                    type: echo
                    with: {value: x}
                """);
        try (InteractiveRun run = engine.open(plan, options())) {
            // when / then
            assertThatThrownBy(() -> run.query("db", "SELECT 1")).isInstanceOf(StepwiseException.class)
                    .hasMessageContaining("cannot connect to db")
                    .satisfies(e -> assertThat(((StepwiseException) e).code()).isEqualTo(ErrorCode.STEP_FAILED));
        }
    }

    @Test
    void nextOnAStepAKilledRunnerLeftInFlightAsksForRetryOrSkipUnlessItIsSafe() throws Exception {
        RunReport first = engine.run(plan(), options());
        Path journal = first.runDir().resolve("journal.jsonl");
        java.util.List<String> lines = Files.readAllLines(journal);
        int started = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"step_started\"") && lines.get(i).contains("\"step\":\"c\"")) {
                started = i;
            }
        }
        Files.write(journal, lines.subList(0, started + 1)); // as if killed while 'c' (a mark) ran

        try (InteractiveRun run = engine.attach(Optional.of(first.runId()), Optional.empty(), options())) {
            assertThat(run.cursor()).contains("c");
            assertThatThrownBy(run::next).isInstanceOf(StepwiseException.class)
                    .hasMessageContaining("was running when the run stopped")
                    .satisfies(e -> assertThat(((StepwiseException) e).hint()).hasValueSatisfying(h ->
                            assertThat(h).contains("retry c").contains("skip c")));
            assertThat(run.retry("c").status()).isEqualTo(StepStatus.COMPLETED);
        }
    }
}
