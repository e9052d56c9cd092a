package io.stepwise.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.engine.api.ErrorCode;
import io.stepwise.engine.api.RunEvent;
import io.stepwise.engine.api.RunOptions;
import io.stepwise.engine.api.RunReport;
import io.stepwise.engine.api.RunStatus;
import io.stepwise.engine.api.StepReport;
import io.stepwise.engine.api.StepStatus;
import io.stepwise.engine.api.StepwiseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunTest {
    @TempDir
    Path dir;

    private final DefaultEngine engine = new DefaultEngine(FakeSteps.registry());
    private final List<RunEvent> events = new ArrayList<>();

    private RunOptions options(Map<String, String> inputs) {
        return RunOptions.defaults().withInputs(inputs).withStateDir(dir.resolve("state")).withListener(events::add);
    }

    private static StepReport step(RunReport report, String id) {
        return report.steps().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    private List<String> lines(String name) throws IOException {
        return Files.readAllLines(dir.resolve(name));
    }

    @Test
    void capturedValuesFlowIntoLaterStepsAsData() {
        Path plan = PlanFiles.write(dir, "p.yaml", """
                name: capture
                steps:
                  - id: backup
                    type: echo
                    with: {value: {BackupTS: 450123456789, note: "${'$'}{inputs.nope}"}}
                    capture:
                      backup_ts: result.value.BackupTS
                      note: "${result.value.note}"
                  - id: feed
                    type: echo
                    with: {value: "start-ts=${steps.backup.backup_ts}; note=${steps.backup.note}"}
                """);
        RunReport report = engine.run(plan, options(Map.of()));
        assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(step(report, "backup").outputs()).containsEntry("backup_ts", 450123456789L);
        // a captured string that looks like an expression is data: it is not evaluated again
        assertThat(step(report, "feed").outputs().get("value"))
                .isEqualTo("start-ts=450123456789; note=${inputs.nope}");
    }

    @Test
    void whenFalseSkipsAndRetryRunsAgainUntilItSucceeds() {
        Path plan = PlanFiles.write(dir, "p.yaml", """
                name: retry
                inputs: {go: {type: boolean, default: false}}
                steps:
                  - id: maybe
                    type: echo
                    when: "${inputs.go}"
                  - id: flaky
                    type: flaky
                    with: {counter: "%s", succeed_on: 3}
                    retry: {attempts: 3, delay: 10ms}
                """.formatted(dir.resolve("count")));
        RunReport report = engine.run(plan, options(Map.of()));
        assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(step(report, "maybe").status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(step(report, "flaky").attempts()).isEqualTo(3);
        assertThat(events).filteredOn(e -> e.kind() == RunEvent.Kind.STEP_RETRYING).hasSize(2);
    }

    @Test
    void untilRepeatsTheStepAndReportsProgress() {
        Path plan = PlanFiles.write(dir, "p.yaml", """
                name: until
                steps:
                  - id: poll
                    type: mark
                    with: {file: "%s", text: tick}
                    until: "${result.lines >= 3}"
                    interval: 10ms
                    timeout: 10s
                """.formatted(dir.resolve("ticks")));
        RunReport report = engine.run(plan, options(Map.of()));
        assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(step(report, "poll").outputs()).containsEntry("lines", 3L);
        assertThat(events).filteredOn(e -> e.kind() == RunEvent.Kind.STEP_PROGRESS)
                .first().satisfies(e -> assertThat(e.message()).contains("waiting until").contains("last:"));
    }

    @Test
    void aTimeoutFailsTheStepAndTheRunStopsResumable() {
        Path plan = PlanFiles.write(dir, "p.yaml", """
                name: timeout
                steps:
                  - id: slow
                    type: pause
                    with: {millis: 5000}
                    timeout: 100ms
                  - id: after
                    type: echo
                """);
        long start = System.nanoTime();
        RunReport report = engine.run(plan, options(Map.of()));
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3000);
        assertThat(report.status()).isEqualTo(RunStatus.FAILED);
        assertThat(step(report, "slow").error()).hasValueSatisfying(e -> assertThat(e).contains("timed out"));
        assertThat(step(report, "after").status()).isEqualTo(StepStatus.PENDING);
    }

    @Test
    void resumeSkipsCompletedStepsWithTheirValuesAndRerunsTheFailedOne() throws IOException {
        Path marks = dir.resolve("marks");
        Path counter = dir.resolve("counter");
        Path plan = PlanFiles.write(dir, "p.yaml", """
                name: resume
                steps:
                  - id: one
                    type: mark
                    with: {file: "%s", text: one}
                    capture: {n: "${result.lines}"}
                  - id: two
                    type: flaky
                    with: {counter: "%s", succeed_on: 2}
                  - id: three
                    type: echo
                    with: {value: "one had ${steps.one.n} line"}
                """.formatted(marks, counter));
        RunReport first = engine.run(plan, options(Map.of()));
        assertThat(first.status()).isEqualTo(RunStatus.FAILED);

        RunReport resumed = engine.resume(Optional.of(first.runId()), Optional.empty(), options(Map.of()));

        assertThat(resumed.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(lines("marks")).containsExactly("one");
        assertThat(step(resumed, "three").outputs()).containsEntry("value", "one had 1 line");
    }

    @Test
    void resumeRefusesAChangedPlanUnlessAccepted() throws IOException {
        Path plan = PlanFiles.write(dir, "p.yaml", """
                name: change
                steps:
                  - id: a
                    type: echo
                  - id: b
                    type: flaky
                    with: {counter: "%s", succeed_on: 5}
                """.formatted(dir.resolve("c")));
        RunReport first = engine.run(plan, options(Map.of()));
        Files.writeString(plan, Files.readString(plan).replace("succeed_on: 5", "succeed_on: 2"));

        assertThatThrownBy(() -> engine.resume(Optional.of(first.runId()), Optional.empty(), options(Map.of())))
                .isInstanceOf(StepwiseException.class)
                .hasMessageContaining("the plan changed").hasMessageContaining("b (changed)");

        RunReport accepted = engine.resume(Optional.of(first.runId()), Optional.empty(),
                options(Map.of()).withResumeDecisions(Set.of(), Set.of(), true));
        assertThat(accepted.status()).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void onFailureRollbackUndoesCompletedStepsNewestFirstAndListsWhatNeedsAPerson() throws IOException {
        Path marks = dir.resolve("marks");
        Path plan = PlanFiles.write(dir, "p.yaml", """
                name: rollback
                on_failure: rollback
                steps:
                  - id: a
                    type: mark
                    with: {file: "%1$s", text: a}
                  - id: b
                    type: mark
                    with: {file: "%1$s", text: b, reversible: false}
                  - id: c
                    type: mark
                    with: {file: "%1$s", text: c}
                    rollback:
                      - type: mark
                        with: {file: "%1$s", text: "custom-undo-c"}
                  - id: boom
                    type: flaky
                    with: {counter: "%2$s", succeed_on: 9}
                """.formatted(marks, dir.resolve("c")));
        RunReport report = engine.run(plan, options(Map.of()));
        assertThat(report.status()).isEqualTo(RunStatus.ROLLBACK_INCOMPLETE);
        assertThat(lines("marks")).containsExactly("a", "b", "c", "custom-undo-c", "undo:a");
        assertThat(step(report, "b").status()).isEqualTo(StepStatus.NEEDS_PERSON);
        assertThat(step(report, "a").status()).isEqualTo(StepStatus.ROLLED_BACK);
    }

    @Test
    void secretInputsNeverReachTheJournalEventsOrReport() throws IOException {
        String canary = "canary-S3cr3t-7f1e";
        Path plan = PlanFiles.write(dir, "p.yaml", """
                name: secrets
                inputs:
                  password: {type: string, secret: true, required: true}
                steps:
                  - id: use
                    type: echo
                    with: {value: "pw=${inputs.password}", secret: "${inputs.password}"}
                    capture: {derived: "${'x' + inputs.password.toUpperCase()}"}
                """);
        RunReport report = engine.run(plan, options(Map.of("password", canary)));
        assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
        String journal = Files.readString(report.runDir().resolve("journal.jsonl"));
        assertThat(journal).doesNotContain(canary).doesNotContain(canary.toUpperCase()).contains("****");
        assertThat(events.toString()).doesNotContain(canary).doesNotContain(canary.toUpperCase());
        assertThat(report.toString()).doesNotContain(canary).doesNotContain(canary.toUpperCase());
    }

    @Test
    void aValueHoldingASecretInputIsRestoredOnResumeFromTheInputNotTheJournal() throws IOException {
        String canary = "canary-S3cr3t-resume";
        Path plan = PlanFiles.write(dir, "p.yaml", """
                name: secret-resume
                inputs:
                  key: {type: string, secret: true, env: STEPWISE_TEST_NO_SUCH_VAR}
                steps:
                  - id: uri
                    type: echo
                    with: {value: "s3://bucket?secret-access-key=${inputs.key}&region=x"}
                  - id: gate
                    type: flaky
                    with: {counter: "%s", succeed_on: 2}
                  - id: use
                    type: echo
                    with: {value: "${steps.uri.value}"}
                """.formatted(dir.resolve("c")));
        RunReport first = engine.run(plan, options(Map.of("key", canary)));
        assertThat(Files.readString(first.runDir().resolve("journal.jsonl"))).doesNotContain(canary);

        RunReport resumed = engine.resume(Optional.of(first.runId()), Optional.empty(), options(Map.of("key", canary)));

        assertThat(resumed.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(events).filteredOn(e -> e.kind() == RunEvent.Kind.STEP_COMPLETED && e.stepId().orElse("").equals("use"))
                .singleElement().satisfies(e -> assertThat(e.data().get("outputs").toString())
                        .contains("secret-access-key=****&region=x"));
        assertThat(Files.readString(first.runDir().resolve("journal.jsonl"))).doesNotContain(canary);
        assertThat(events.toString()).doesNotContain(canary);
    }

    @Test
    void aSecondRunnerIsKeptOffALiveRun() {
        Path plan = PlanFiles.write(dir, "p.yaml", """
                name: lock
                steps:
                  - id: a
                    type: flaky
                    with: {counter: "%s", succeed_on: 2}
                """.formatted(dir.resolve("c")));
        RunReport first = engine.run(plan, options(Map.of()));
        try (RunLock held = RunLock.acquire(first.runDir(), first.runId())) {
            assertThatThrownBy(() -> engine.resume(Optional.of(first.runId()), Optional.empty(), options(Map.of())))
                    .isInstanceOfSatisfying(StepwiseException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.LOCKED);
                        assertThat(e.getMessage()).contains("is in use by pid " + ProcessHandle.current().pid());
                    });
        }
        assertThat(engine.resume(Optional.of(first.runId()), Optional.empty(), options(Map.of())).status())
                .isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void aStepLeftInFlightIsRerunOnlyWhenItsTypeSaysItIsSafe() throws IOException {
        Path plan = PlanFiles.write(dir, "p.yaml", """
                name: inflight
                steps:
                  - id: write
                    type: mark
                    with: {file: "%s", text: w}
                  - id: idem
                    type: echo
                """.formatted(dir.resolve("m")));
        RunReport first = engine.run(plan, options(Map.of()));
        Path journal = first.runDir().resolve("journal.jsonl");
        // simulate a crash in the middle of 'write': drop everything after its start
        List<String> entries = Files.readAllLines(journal);
        int started = indexOf(entries, "\"step_started\"", "\"write\"");
        Files.write(journal, entries.subList(0, started + 1));

        assertThatThrownBy(() -> engine.resume(Optional.of(first.runId()), Optional.empty(), options(Map.of())))
                .isInstanceOfSatisfying(StepwiseException.class, e -> {
                    assertThat(e.getMessage()).contains("step 'write' (mark) was running when the run stopped");
                    assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("--rerun write").contains("--skip write"));
                });

        RunReport skipped = engine.resume(Optional.of(first.runId()), Optional.empty(),
                options(Map.of()).withResumeDecisions(Set.of(), Set.of("write"), false));
        assertThat(skipped.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(step(skipped, "write").status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(lines("m")).containsExactly("w");
    }

    @Test
    void aValueDerivedFromASecretParameterIsJournaledAsATemplateAndRebuiltOnResume() throws IOException {
        // given a step whose secret parameter is computed from a secret input, and a later step that needs its output
        String canary = "canary-param-s3cret";
        Path plan = PlanFiles.write(dir, "p.yaml", """
                name: param-secret
                inputs:
                  key: {type: string, secret: true}
                steps:
                  - id: e
                    type: echo
                    with: {value: x, secret: "${inputs.key.toUpperCase()}"}
                    capture: {seen: "${result.secret_seen}"}
                  - id: gate
                    type: flaky
                    with: {counter: "%s", succeed_on: 2}
                  - id: use
                    type: mark
                    with: {file: "%s", text: "${steps.e.seen}"}
                """.formatted(dir.resolve("c"), dir.resolve("m")));
        RunReport first = engine.run(plan, options(Map.of("key", canary)));
        String journal = Files.readString(first.runDir().resolve("journal.jsonl"));
        assertThat(first.status()).isEqualTo(RunStatus.FAILED);
        assertThat(journal).doesNotContain(canary).doesNotContain(canary.toUpperCase())
                .contains("\"seen\":\"\u00absecret:param:e.secret\u00bb\"");

        // when
        RunReport resumed = engine.resume(Optional.of(first.runId()), Optional.empty(), options(Map.of("key", canary)));

        // then
        assertThat(resumed.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(lines("m")).containsExactly(canary.toUpperCase());
        assertThat(Files.readString(first.runDir().resolve("journal.jsonl"))).doesNotContain(canary.toUpperCase());
    }

    @Test
    void aSecretWithNoSourceIsLostFromTheJournalAndResumeNamesTheRerunThatMakesItAgain() throws IOException {
        // given a run that stopped after a step invented a secret a later step needs
        Path plan = PlanFiles.write(dir, "p.yaml", """
                name: token
                steps:
                  - id: t
                    type: token
                  - id: gate
                    type: flaky
                    with: {counter: "%s", succeed_on: 3}
                  - id: use
                    type: mark
                    with: {file: "%s", text: "${steps.t.token}"}
                """.formatted(dir.resolve("c"), dir.resolve("m")));
        RunReport first = engine.run(plan, options(Map.of()));
        assertThat(Files.readString(first.runDir().resolve("journal.jsonl"))).doesNotContain("tok-");
        RunReport second = engine.resume(Optional.of(first.runId()), Optional.empty(), options(Map.of()));
        assertThat(step(second, "gate").status()).isEqualTo(StepStatus.FAILED);

        // when the step that needs it runs
        RunReport third = engine.resume(Optional.of(first.runId()), Optional.empty(), options(Map.of()));

        // then it fails naming the one command that goes on
        assertThat(third.status()).isEqualTo(RunStatus.FAILED);
        String hint = "stepwise resume " + first.runId() + " --rerun t";
        assertThat(events).filteredOn(e -> e.kind() == RunEvent.Kind.STEP_FAILED && e.stepId().orElse("").equals("use"))
                .last().satisfies(e -> {
                    assertThat(e.message()).contains("steps.t.token");
                    assertThat(String.valueOf(e.data().get("hint"))).contains(hint);
                });

        // and that command works
        RunReport rerun = engine.resume(Optional.of(first.runId()), Optional.empty(),
                options(Map.of()).withResumeDecisions(Set.of("t"), Set.of(), false));
        assertThat(rerun.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(lines("m")).singleElement().satisfies(l -> assertThat(l).startsWith("tok-"));
    }

    @Test
    void statusShowsEachStepsTypeAndCapturesFromTheJournalAloneWhenThePlanIsGone() throws IOException {
        // given a finished run whose plan file was then deleted
        Path plan = PlanFiles.write(dir, "p.yaml", """
                name: gone
                steps:
                  - id: e
                    type: echo
                    with: {value: x}
                    capture: {seen: "${result.value}"}
                  - id: w
                    type: mark
                    with: {file: "%s", text: w}
                """.formatted(dir.resolve("m")));
        RunReport first = engine.run(plan, options(Map.of()));
        Files.delete(plan);

        // when
        RunReport status = new DefaultEngine(FakeSteps.registry()).status(Optional.of(first.runId()), Optional.empty(),
                Optional.of(dir.resolve("state")));

        // then
        assertThat(status.steps()).extracting(StepReport::id, StepReport::type)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("e", "echo"), org.assertj.core.groups.Tuple.tuple("w", "mark"));
        assertThat(step(status, "e").captures()).containsExactly("seen");
    }

    @Test
    void rerunOfACompletedStepRunsItAgainOnceAndAnUnknownStepIsAUsageError() throws IOException {
        // given a run that failed after 'write' completed
        Path plan = PlanFiles.write(dir, "p.yaml", """
                name: rerun
                steps:
                  - id: write
                    type: mark
                    with: {file: "%s", text: w}
                  - id: gate
                    type: flaky
                    with: {counter: "%s", succeed_on: 2}
                """.formatted(dir.resolve("m"), dir.resolve("c")));
        RunReport first = engine.run(plan, options(Map.of()));
        assertThat(first.status()).isEqualTo(RunStatus.FAILED);

        // when / then: a step the plan does not have is refused before anything runs
        assertThatThrownBy(() -> engine.resume(Optional.of(first.runId()), Optional.empty(),
                options(Map.of()).withResumeDecisions(Set.of("wrtie"), Set.of(), false)))
                .isInstanceOfSatisfying(StepwiseException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.USAGE);
                    assertThat(e.getMessage()).contains("--rerun wrtie: the plan has no step 'wrtie'");
                    assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("did you mean 'write'?"));
                });
        assertThat(lines("m")).containsExactly("w");

        // when: --rerun of the completed step
        RunReport resumed = engine.resume(Optional.of(first.runId()), Optional.empty(),
                options(Map.of()).withResumeDecisions(Set.of("write"), Set.of(), false));

        // then it ran once more, and the journal says the operator asked for it
        assertThat(resumed.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(lines("m")).containsExactly("w", "w");
        assertThat(Files.readString(first.runDir().resolve("journal.jsonl")))
                .contains("\"event\":\"decision\",\"step\":\"write\",\"kind\":\"rerun\"");
    }

    @Test
    void rollbackAfterTheFactResolvesFromTheJournalAndNeverSetsAStepBackToPending() throws IOException {
        // given a finished run whose undo reads an earlier step's value
        Path plan = PlanFiles.write(dir, "p.yaml", """
                name: undo-later
                steps:
                  - id: where
                    type: echo
                    with: {value: "%s"}
                  - id: write
                    type: mark
                    with: {file: "${steps.where.value}", text: w}
                """.formatted(dir.resolve("m")));
        RunReport first = engine.run(plan, options(Map.of()));
        assertThat(first.status()).isEqualTo(RunStatus.SUCCEEDED);

        // when, in a later process (a new engine reading only the journal)
        RunReport undone = new DefaultEngine(FakeSteps.registry()).rollback(Optional.of(first.runId()), Optional.empty(),
                options(Map.of()));

        // then
        assertThat(undone.status()).isEqualTo(RunStatus.ROLLED_BACK);
        assertThat(undone.steps()).extracting(StepReport::status).doesNotContain(StepStatus.PENDING);
        assertThat(step(undone, "write").status()).isEqualTo(StepStatus.ROLLED_BACK);

        // and a second rollback continues the first: nothing is undone twice
        RunReport again = engine.rollback(Optional.of(first.runId()), Optional.empty(), options(Map.of()));
        assertThat(again.status()).isEqualTo(RunStatus.ROLLED_BACK);
        assertThat(Files.readString(first.runDir().resolve("journal.jsonl")).lines()
                .filter(l -> l.contains("\"event\":\"rollback_step\",\"step\":\"write\"")).count()).isEqualTo(1);
    }

    private static int indexOf(List<String> lines, String a, String b) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(a) && lines.get(i).contains(b)) {
                return i;
            }
        }
        throw new AssertionError("no line with " + a + " and " + b);
    }
}
