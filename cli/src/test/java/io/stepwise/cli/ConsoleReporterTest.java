package io.stepwise.cli;

import static io.stepwise.cli.FakeEngine.event;
import static io.stepwise.cli.FakeEngine.report;
import static io.stepwise.cli.FakeEngine.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.engine.api.RunEvent.Kind;
import io.stepwise.engine.api.RunStatus;
import io.stepwise.engine.api.StepStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ConsoleReporterTest {
    private final StringWriter text = new StringWriter();
    private final AtomicLong nanos = new AtomicLong();

    private ConsoleReporter reporter(boolean live, boolean colors, boolean unicode) {
        return new ConsoleReporter(new PrintWriter(text), new Style(colors, unicode), live, () -> 60, nanos::get);
    }

    private void playRun(ConsoleReporter reporter) {
        reporter.onEvent(event(Kind.RUN_STARTED, null, "demo", 0, "total", 3));
        reporter.onEvent(event(Kind.STEP_STARTED, "backup", "", 0, "type", "br.backup", "index", 1));
        reporter.onEvent(event(Kind.STEP_PROGRESS, "backup", "waiting for backup, last value 40%", 0));
        reporter.onEvent(event(Kind.STEP_PROGRESS, "backup", "waiting for backup, last value 40%", 0));
        reporter.onEvent(event(Kind.STEP_OUTPUT, "backup", "line one\nline two", 0));
        reporter.onEvent(event(Kind.STEP_COMPLETED, "backup", "", 12_300));
        reporter.onEvent(event(Kind.STEP_SKIPPED, "notify", "when: ${inputs.notify} is false", 0, "type", "http"));
        reporter.onEvent(event(Kind.STEP_STARTED, "restore", "", 0, "type", "exec", "index", 3));
        reporter.onEvent(event(Kind.STEP_FAILED, "restore", "exit code 3\nstderr: no space left", 1_500));
        reporter.onEvent(event(Kind.RUN_FINISHED, null, "", 0));
    }

    @Test
    void withoutATerminalItPrintsPlainLinesOnly() {
        // given
        ConsoleReporter reporter = reporter(false, false, true);

        // when
        playRun(reporter);
        reporter.finish(report(RunStatus.FAILED,
                step("backup", "br.backup", StepStatus.COMPLETED, 12_300, Map.of("backup_ts", "2025-01-01 12:00:00")),
                step("notify", "http", StepStatus.SKIPPED, 0, Map.of()),
                step("restore", "exec", StepStatus.FAILED, 1_500, Map.of())), List.of());
        reporter.close();

        // then
        assertThat(text.toString()).doesNotContain("\r").doesNotContain("\u001b");
        assertThat(text.toString().lines().toList()).startsWith(
                "Run r1: demo",
                "[1/3] backup (br.backup)",
                "    backup: waiting for backup, last value 40%",
                "    line one",
                "    line two",
                "✔ backup (br.backup) 12.3s",
                "↷ notify (http) skipped (when: ${inputs.notify} is false)",
                "[3/3] restore (exec)",
                "✖ restore (exec) 1.5s: exit code 3",
                "    stderr: no space left");
    }

    @Test
    void summaryTableShowsCapturedValuesCutWhenLong() {
        // given
        ConsoleReporter reporter = reporter(false, false, true);
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("backup_ts", "2025-01-01 12:00:00");
        outputs.put("manifest", "x".repeat(200));
        outputs.put("rows", List.of(Map.of("id", 1)));

        // when
        reporter.finish(report(RunStatus.SUCCEEDED, step("backup", "br.backup", StepStatus.COMPLETED, 12_300, outputs),
                step("log", "log", StepStatus.COMPLETED, 3, Map.of())), List.of());

        // then
        List<String> lines = text.toString().lines().toList();
        assertThat(lines).contains(
                "STEP    TYPE       STATUS     DURATION  CAPTURED",
                "backup  br.backup  completed  12.3s     backup_ts = 2025-01-01 12:00:00",
                "                                        rows = [{\"id\":1}]",
                "log     log        completed  3ms",
                "Run r1 succeeded (2 of 2 steps done).");
        assertThat(lines).anySatisfy(line -> assertThat(line)
                .contains("manifest = xxxx").endsWith("…").hasSizeLessThan(40 + RunSummary.VALUE_WIDTH + 1));
        assertThat(text.toString()).doesNotContain("stepwise resume");
    }

    @Test
    void summaryLeavesOutEmptyValuesAndCountsWhatDoesNotFit() {
        // given
        ConsoleReporter reporter = reporter(false, false, true);
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("stdout", "done");
        outputs.put("stderr", "");
        outputs.put("pid", null);
        for (int i = 1; i <= 7; i++) {
            outputs.put("v" + i, i);
        }

        // when
        reporter.finish(report(RunStatus.SUCCEEDED, step("exec", "exec", StepStatus.COMPLETED, 5, outputs)), List.of());

        // then
        List<String> table = text.toString().lines().filter(line -> !line.isBlank()).toList();
        int column = table.get(0).indexOf("CAPTURED");
        List<String> captured = table.subList(0, table.size() - 1).stream().map(line -> line.substring(column)).toList();
        assertThat(captured).containsExactly("CAPTURED", "stdout = done", "v1 = 1", "v2 = 2", "v3 = 3", "v4 = 4",
                "… 3 more");
    }

    @Test
    void aResumedRunAndAFailureHintAreShown() {
        // given
        ConsoleReporter reporter = reporter(false, false, true);

        // when
        reporter.onEvent(event(Kind.RUN_STARTED, null, "demo", 0, "steps", 2, "resumed", true));
        reporter.onEvent(event(Kind.STEP_STARTED, "two", "", 0, "type", "exec", "index", 2));
        reporter.onEvent(event(Kind.STEP_FAILED, "two", "exited with 1", 20, "hint", "create the marker file"));

        // then
        assertThat(text.toString().lines().toList()).containsExactly("Resuming run r1: demo", "[2/2] two (exec)",
                "✖ two (exec) 20ms: exited with 1", "    create the marker file");
    }

    @Test
    void aRollbackSaysItRollsBackNotThatItResumes() {
        // given
        ConsoleReporter reporter = reporter(false, false, true);
        reporter.rollingBack();

        // when
        reporter.onEvent(event(Kind.RUN_STARTED, null, "demo", 0, "steps", 2, "resumed", true));

        // then
        assertThat(text.toString().lines().toList()).containsExactly("Rolling back run r1: demo");
    }

    @Test
    void summaryOfAFailedRunSaysWhatToTypeNext() {
        // given
        ConsoleReporter reporter = reporter(false, false, true);

        // when
        reporter.finish(report(RunStatus.FAILED, step("restore", "exec", StepStatus.FAILED, 1_500, Map.of())),
                List.of(new NextCommand("To continue", "stepwise resume r1 --plan p.yaml"),
                        new NextCommand("To undo the completed steps", "stepwise rollback r1 --plan p.yaml")));

        // then
        assertThat(text.toString().lines().toList()).contains(
                "  ✖ restore: exit code 3 from /bin/false",
                "Run r1 failed at step 'restore' (0 of 1 steps done).",
                "To continue:                  stepwise resume r1 --plan p.yaml",
                "To undo the completed steps:  stepwise rollback r1 --plan p.yaml");
    }

    @Test
    void onATerminalTheRunningStepHasALiveStatusLine() {
        // given
        ConsoleReporter reporter = reporter(true, true, true);

        // when
        reporter.onEvent(event(Kind.RUN_STARTED, null, "", 0, "total", 12));
        reporter.onEvent(event(Kind.STEP_STARTED, "backup", "", 0, "type", "br.backup", "index", 3));
        nanos.set(12_000_000_000L);
        reporter.onEvent(event(Kind.STEP_PROGRESS, "backup", "waiting for backup", 0));
        reporter.onEvent(event(Kind.STEP_COMPLETED, "backup", "", 12_300));
        reporter.close();

        // then
        String output = text.toString();
        assertThat(output).contains("\r\u001b[2K[3/12] backup  br.backup  running 00:00");
        assertThat(output).contains("\r\u001b[2K[3/12] backup  br.backup  running 00:12  waiting for backup");
        assertThat(output).contains("\r\u001b[2K\u001b[32m✔\u001b[0m backup (br.backup) 12.3s");
        assertThat(output).endsWith("12.3s\n");
    }

    @Test
    void theLiveLineIsCutToTheTerminalWidth() {
        // given
        ConsoleReporter reporter = reporter(true, false, true);

        // when
        reporter.onEvent(event(Kind.STEP_STARTED, "backup", "", 0, "type", "br.backup"));
        reporter.onEvent(event(Kind.STEP_PROGRESS, "backup", "waiting for ".repeat(20), 0));

        // then
        String last = text.toString().substring(text.toString().lastIndexOf("\r\u001b[2K") + 5);
        assertThat(last).hasSize(59).endsWith("…");
        reporter.close();
    }

    @Test
    void outputDuringALiveLineIsPrintedAboveIt() {
        // given
        ConsoleReporter reporter = reporter(true, false, true);
        reporter.onEvent(event(Kind.STEP_STARTED, "log", "", 0));

        // when
        reporter.onEvent(event(Kind.STEP_OUTPUT, "log", "hello", 0));

        // then
        assertThat(text.toString()).endsWith("\r\u001b[2K    hello\n\r\u001b[2K[1] log  running 00:00");
        reporter.close();
        assertThat(text.toString()).endsWith("\r\u001b[2K");
    }

    @Test
    void promptsTakeTheLiveLineDown() {
        // given
        ConsoleReporter reporter = reporter(true, false, true);
        reporter.onEvent(event(Kind.STEP_STARTED, "drop", "", 0));

        // when
        reporter.beforePrompt();
        String duringPrompt = text.toString();
        reporter.afterPrompt();

        // then
        assertThat(duringPrompt).endsWith("\r\u001b[2K");
        assertThat(text.toString()).endsWith("[1] drop  running 00:00");
        reporter.close();
    }

    @Test
    void withoutUnicodeItUsesAsciiSymbols() {
        // given
        ConsoleReporter reporter = reporter(false, false, false);

        // when
        reporter.onEvent(event(Kind.STEP_COMPLETED, "a", "", 5));
        reporter.onEvent(event(Kind.STEP_FAILED, "b", "bad", 5));
        reporter.onEvent(event(Kind.STEP_SKIPPED, "c", "", 0));

        // then
        assertThat(text.toString().lines()).containsExactly("+ a 5ms", "x b 5ms: bad", "- c skipped");
    }

    @Test
    void rollbackRetryConfirmationAndWarningEventsArePrinted() {
        // given
        ConsoleReporter reporter = reporter(false, false, true);

        // when
        reporter.onEvent(event(Kind.STEP_RETRYING, "load", "attempt 2 of 3 in 5s", 0));
        reporter.onEvent(event(Kind.CONFIRMATION, "drop", "Drop table users? confirmed by --yes", 0));
        reporter.onEvent(event(Kind.ROLLBACK_STARTED, null, "2 steps to undo", 0));
        reporter.onEvent(event(Kind.ROLLBACK_STEP, "create", "rolled back", 0, "type", "sql"));
        reporter.onEvent(event(Kind.ROLLBACK_STEP, "copy", "needs a person", 0));
        reporter.onEvent(event(Kind.ROLLBACK_FINISHED, null, "", 0));
        reporter.onEvent(event(Kind.WARNING, null, "journal is on tmpfs", 0));

        // then
        assertThat(text.toString().lines()).containsExactly(
                "  ↻ load: attempt 2 of 3 in 5s",
                "? drop: Drop table users? confirmed by --yes",
                "Rolling back: 2 steps to undo",
                "  ⟲ create (sql): rolled back",
                "  ⟲ copy: needs a person",
                "Rollback finished",
                "warning: journal is on tmpfs");
    }

    @Test
    void runCommandOnAPlainOutputNeverPrintsCarriageReturns() {
        // given
        CliHarness cli = new CliHarness();
        cli.engine.behaviour = FakeEngine.emitting(report(RunStatus.SUCCEEDED),
                event(Kind.RUN_STARTED, null, "", 0),
                event(Kind.STEP_STARTED, "s", "", 0, "type", "sleep"),
                event(Kind.STEP_PROGRESS, "s", "sleeping", 0),
                event(Kind.STEP_COMPLETED, "s", "", 1000));

        // when
        CliHarness.Result result = cli.run("run", "plan.yaml");

        // then
        assertThat(result.status()).isZero();
        assertThat(result.out()).doesNotContain("\r").doesNotContain("\u001b").contains("✔ s (sleep) 1.0s");
    }

    @Test
    void debugTurnsTheLiveLineOff() {
        // given
        CliHarness cli = new CliHarness();
        cli.terminal = new TerminalInfo(true, true, true, () -> 80);
        cli.engine.behaviour = FakeEngine.emitting(report(RunStatus.SUCCEEDED),
                event(Kind.STEP_STARTED, "s", "", 0), event(Kind.STEP_COMPLETED, "s", "", 1000));

        // when
        CliHarness.Result live = cli.run("run", "plan.yaml");
        CliHarness.Result debug = cli.run("run", "plan.yaml", "--debug");

        // then
        assertThat(live.out()).contains("\r");
        assertThat(debug.out()).doesNotContain("\r");
    }
}
