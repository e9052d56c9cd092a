package io.stepwise.steps.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.StepInterruptedException;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.spi.action.NoteAction;
import io.stepwise.engine.testkit.ParamProblem;
import io.stepwise.engine.testkit.Processes;
import io.stepwise.engine.testkit.StepHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecStepTest {
    private static final String CANARY = "Canary-Exec-5e1b";

    @TempDir
    Path dir;

    private final ExecStep exec = new ExecStep();
    private StepHarness harness;

    @BeforeEach
    void setUp() {
        harness = StepHarness.builder().secret(CANARY).runDir(dir.resolve("run")).build();
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    void givenAnArgv_whenRun_thenArgumentsArePassedAsIsWithoutAShell() {
        StepResult result = harness.execute(exec, Map.of("command", List.of("printf", "%s|%s", "a b", "$HOME; echo no")));

        assertThat(result.values()).containsEntry("stdout", "a b|$HOME; echo no").containsEntry("exit_code", 0)
                .containsEntry("stderr", "").containsEntry("json", null);
    }

    @Test
    void givenAScript_whenRun_thenItRunsInShWithStdoutAndStderrApart() {
        StepResult result = harness.execute(exec, Map.of("script", "echo one\necho two >&2\necho three"));

        assertThat(result.values()).containsEntry("stdout", "one\nthree").containsEntry("stderr", "two");
    }

    @Test
    void givenAScriptWithAFailingCommand_whenRun_thenItStopsThereAndTheStepFails() {
        StepFailedException error = catchThrowableOfType(StepFailedException.class,
                () -> harness.execute(exec, Map.of("script", "echo before\nfalse\necho after")));

        assertThat(error.getMessage()).startsWith("script 'echo before ...' exited with 1 (expected 0)")
                .contains("stdout ends with:\nbefore").doesNotContain("after");
    }

    @Test
    void givenEnvAndCwd_whenRun_thenTheyAddToTheInheritedEnvironmentInThatDirectory() throws IOException {
        Path work = Files.createDirectory(dir.resolve("work"));

        StepResult result = harness.execute(exec, Map.of("script", "echo \"$GREETING $(pwd)\"; command -v sh >/dev/null && echo path-ok",
                "env", Map.of("GREETING", "hello"), "cwd", work.toString()));

        assertThat(result.values().get("stdout")).isEqualTo("hello " + work.toRealPath() + "\npath-ok");
    }

    @Test
    void givenStdin_whenRun_thenTheProcessReadsItToTheEnd() {
        StepResult result = harness.execute(exec, Map.of("command", List.of("cat"), "stdin", "line 1\nline 2\n"));

        assertThat(result.values()).containsEntry("stdout", "line 1\nline 2");
    }

    @Test
    void givenExtractRegexes_whenTheyMatch_thenEachCaptureBecomesAValue() {
        StepResult result = harness.execute(exec, Map.of("script", "echo 'mysqld  Ver 11.4.5-MariaDB'; echo 'ts=4521'",
                "extract", Map.of("version", "Ver ([0-9.]+)", "backup_ts", "^ts=(\\d+)$")));

        assertThat(result.values()).containsEntry("version", "11.4.5").containsEntry("backup_ts", "4521");
    }

    @Test
    void givenAnExtractRegexThatDoesNotMatch_whenRun_thenTheStepFailsNamingIt() {
        StepFailedException error = catchThrowableOfType(StepFailedException.class, () -> harness.execute(exec,
                Map.of("script", "echo nothing useful", "extract", Map.of("version", "Ver ([0-9.]+)"))));

        assertThat(error.getMessage()).isEqualTo(
                "extract 'version': /Ver ([0-9.]+)/ did not match stdout, which starts with: nothing useful");
    }

    @Test
    void givenParseJson_whenStdoutIsJson_thenJsonHoldsMapsAndLists() {
        StepResult result = harness.execute(exec, Map.of("script", "echo '{\"tables\": [\"a\", \"b\"], \"n\": 2}'",
                "parse_json", true));

        assertThat(result.values().get("json")).isEqualTo(Map.of("tables", List.of("a", "b"), "n", 2));
    }

    @Test
    void givenParseJson_whenStdoutIsNotJson_thenTheStepFailsSayingSo() {
        StepFailedException error = catchThrowableOfType(StepFailedException.class,
                () -> harness.execute(exec, Map.of("script", "echo 'not json'", "parse_json", true)));

        assertThat(error.getMessage()).startsWith("stdout is not JSON (parse_json: true)");
    }

    @Test
    void givenExpectedExitCodes_whenTheProcessExitsWithOne_thenTheStepSucceeds() {
        StepResult result = harness.execute(exec, Map.of("script", "exit 3", "expect_exit", List.of(0, 3)));

        assertThat(result.values()).containsEntry("exit_code", 3);
    }

    @Test
    void givenAnUnexpectedExitCode_whenRun_thenTheFailureQuotesTheMaskedStderrTail() {
        StepFailedException error = catchThrowableOfType(StepFailedException.class, () -> harness.execute(exec,
                Map.of("command", List.of("sh", "-c", "echo 'login failed for " + CANARY + "' >&2; exit 4"))));

        assertThat(error.getMessage()).contains("exited with 4 (expected 0)", "stderr ends with:\nlogin failed for ****")
                .doesNotContain(CANARY);
        assertThat(error.hint()).hasValueSatisfying(h -> assertThat(h).contains("logs"));
    }

    @Test
    void givenASecretInTheOutput_whenRun_thenTheLogFileHasItMasked() throws IOException {
        harness.execute(exec, Map.of("script", "echo token=" + CANARY + "; echo done"));

        try (Stream<Path> logs = Files.list(dir.resolve("run/logs"))) {
            String text = Files.readString(logs.findFirst().orElseThrow());
            assertThat(text).contains("token=****", "done").doesNotContain(CANARY);
        }
    }

    @Test
    void givenOneLineLongerThanTheResultKeeps_whenRun_thenStdoutKeepsHeadAndTailTheLogAllAndExtractSearchesAll()
            throws IOException {
        String script = "printf 'start BackupTS=1 '; head -c 10000000 /dev/zero | tr '\\0' a; "
                + "printf ' token=" + CANARY + " BackupTS=42 end\\n'";

        StepResult result = harness.execute(exec, Map.of("script", script,
                "extract", Map.of("first", "BackupTS=(\\d+)", "last", "BackupTS=(\\d+) end$", "secret", "token=(\\S+)")));

        String stdout = (String) result.values().get("stdout");
        assertThat(stdout.length()).isLessThan(4 * 1024 * 1024 + 500);
        assertThat(stdout).startsWith("start BackupTS=1 aaa").endsWith("BackupTS=42 end")
                .contains("characters left out here;", "has the whole output");
        assertThat(result.values()).containsEntry("first", "1").containsEntry("last", "42");
        try (Stream<Path> logs = Files.list(dir.resolve("run/logs"))) {
            Path log = logs.findFirst().orElseThrow();
            List<String> lines = Files.readAllLines(log);
            assertThat(lines).hasSize(2);
            assertThat(lines.get(1)).hasSize("start BackupTS=1 ".length() + 10_000_000 + " token=**** BackupTS=42 end".length())
                    .endsWith("a token=**** BackupTS=42 end").doesNotContain(CANARY);
        }
    }

    @Test
    void givenParseJson_whenStdoutIsLongerThanTheResultKeeps_thenTheStepFailsSayingWhereItAllIs() {
        StepFailedException error = catchThrowableOfType(StepFailedException.class, () -> harness.execute(exec,
                Map.of("script", "printf '[\"'; head -c 5000000 /dev/zero | tr '\\0' b; printf '\"]'", "parse_json", true)));

        assertThat(error.getMessage()).contains("too long to parse as JSON", String.format("%,d of its characters are left out", 5_000_004 - 4 * 1024 * 1024), "run/logs/exec-");
    }

    @Test
    void givenATimeout_whenTheProcessHangs_thenItAndItsChildrenAreStoppedAndTheStepFails() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        long started = System.nanoTime();

        StepFailedException error = catchThrowableOfType(StepFailedException.class, () -> harness.execute(exec,
                Map.of("script", "sleep 300 & echo $! > '" + pidFile + "'; wait", "timeout", "1s")));

        assertThat(error.getMessage()).startsWith("timed out after 1s and was stopped");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(10);
        long child = Long.parseLong(Files.readString(pidFile).strip());
        assertThat(Processes.isRunning(child)).as("child sleep running").isFalse();
    }

    @Test
    void givenARunningProcess_whenTheRunIsInterrupted_thenItIsStoppedAndTheStepIsInterrupted() {
        CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS).execute(harness::interrupt);
        long started = System.nanoTime();

        StepInterruptedException error = catchThrowableOfType(StepInterruptedException.class,
                () -> harness.execute(exec, Map.of("command", List.of("sleep", "300"))));

        assertThat(error.getMessage()).isEqualTo("interrupted; stopped sleep 300");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(10);
    }

    @Test
    void givenAMissingProgram_whenRun_thenTheFailureSaysCommandNotFound() {
        StepFailedException error = catchThrowableOfType(StepFailedException.class,
                () -> harness.execute(exec, Map.of("command", List.of("no-such-program-4711", "--help"))));

        assertThat(error.getMessage()).isEqualTo("command not found: no-such-program-4711");
        assertThat(error.hint()).hasValue("install it or give its full path (looked on PATH)");
    }

    @Test
    void givenAMissingWorkingDirectory_whenRun_thenTheFailureNamesIt() {
        StepFailedException error = catchThrowableOfType(StepFailedException.class, () -> harness.execute(exec,
                Map.of("command", List.of("true"), "cwd", dir.resolve("nope").toString())));

        assertThat(error.getMessage()).isEqualTo("working directory does not exist: " + dir.resolve("nope"));
    }

    @Test
    void givenBadParameters_whenValidated_thenEachProblemNamesItsParameter() {
        List<ParamProblem> problems = harness.validate(exec, Map.of("command", List.of("x"), "script", "y",
                "expect_exit", List.of(0, 300), "extract", Map.of("stdout", "(.*)"), "ready", readyWithPortAndLog()), true);

        assertThat(problems).extracting(ParamProblem::parameter)
                .containsExactlyInAnyOrder("script", "expect_exit", "extract", "ready");
        assertThat(problems).extracting(ParamProblem::message).contains(
                "give only one of command, script, not command and script",
                "'expect_exit' must hold exit codes, whole numbers from 0 to 255, not '[0, 300]'",
                "'ready' must give exactly one of port, log or http (status goes with http), not '{port=3306, log=x}'");
        assertThat(problems).extracting(ParamProblem::message)
                .contains("'extract' must not use the names of exec's own results (exit_code, json, log_file, pid, stderr,"
                        + " stdout), not '{stdout=(.*)}'");
    }

    private static Map<String, Object> readyWithPortAndLog() {
        Map<String, Object> ready = new java.util.LinkedHashMap<>();
        ready.put("port", 3306);
        ready.put("log", "x");
        return ready;
    }

    @Test
    void givenAnExtractRegexWithoutAGroup_whenValidated_thenTheProblemSaysSo() {
        List<ParamProblem> problems = harness.validate(exec, Map.of("command", List.of("x"),
                "extract", Map.of("version", "Ver [0-9.]+")));

        assertThat(problems).extracting(ParamProblem::message).containsExactly("'extract' must hold regular expressions"
                + " that compile, each with exactly one capture group, such as 'Ver ([0-9.]+)', not '{version=Ver [0-9.]+}'");
    }

    @Test
    void givenBadReadyValues_whenValidated_thenEachIsRefusedNamingReady() {
        for (Map<String, Object> ready : List.<Map<String, Object>>of(Map.of("port", 0), Map.of("port", "db:70000"),
                Map.of("log", "(unclosed"), Map.of("http", "http://127.0.0.1/", "status", 99), Map.of("http", "ftp://x"),
                Map.of("status", 200), Map.of("wait", 1))) {
            assertThat(harness.validate(exec, Map.of("command", List.of("x"), "ready", ready), true))
                    .as("ready: %s", ready).singleElement().satisfies(p -> assertThat(p.parameter()).isEqualTo("ready"));
        }
        assertThat(harness.validate(exec, Map.of("command", List.of("x"), "ready", Map.of("port", "db:3306")), true)).isEmpty();
        assertThat(harness.validate(exec, Map.of("command", List.of("x"), "ready",
                Map.of("http", "http://127.0.0.1/", "status", 204)), true)).isEmpty();
    }

    @Test
    void givenAnEmptyCommandOrBlankScriptOrBadExitCode_whenValidated_thenRefusedNamingTheParameter() {
        assertThat(harness.validate(exec, Map.of("command", List.of())))
                .extracting(ParamProblem::parameter).containsExactly("command");
        assertThat(harness.validate(exec, Map.of("script", "  ")))
                .extracting(ParamProblem::parameter).containsExactly("script");
        assertThat(harness.validate(exec, Map.of("command", List.of("x"), "expect_exit", List.of(-1))))
                .extracting(ParamProblem::parameter).containsExactly("expect_exit");
        assertThat(harness.validate(exec, Map.of()))
                .extracting(ParamProblem::message).containsExactly("give one of command, script");
    }

    @Test
    void givenReadyOrKeepOnAForegroundStep_whenValidated_thenRefusedBeforeTheRun() {
        assertThat(harness.validate(exec, Map.of("command", List.of("true"), "ready", Map.of("port", 3306))))
                .singleElement().hasToString("ready: 'ready' applies only to a step with background: true"
                        + " (add background: true to the step, or remove ready)");
        assertThat(harness.validate(exec, Map.of("command", List.of("true"), "keep", true)))
                .singleElement().satisfies(p -> assertThat(p.parameter()).isEqualTo("keep"));
        assertThat(harness.validate(exec, Map.of("command", List.of("true"), "ready", Map.of("port", 3306),
                "keep", true), true)).isEmpty();
    }

    @Test
    void givenIdempotentDeclared_whenDescribed_thenResumeMayRerunIt() {
        ExecConfig declared = harness.bind(exec, Map.of("command", List.of("true"), "idempotent", true));
        ExecConfig plain = harness.bind(exec, Map.of("command", List.of("true")));

        assertThat(exec.idempotent(declared)).isTrue();
        assertThat(exec.idempotent(plain)).isFalse();
        assertThat(exec.reversibility(plain)).isEqualTo(io.stepwise.engine.spi.Reversibility.NEEDS_PERSON);
    }
}
