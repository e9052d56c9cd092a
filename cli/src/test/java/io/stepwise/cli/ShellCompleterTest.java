package io.stepwise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jline.reader.Candidate;
import org.jline.terminal.Terminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tab completion comes from the shell's picocli commands and the run's plan and values. */
class ShellCompleterTest {
    @TempDir
    Path dir;

    private Shell shell;
    private ShellCompleter completer;

    @BeforeEach
    void openShell() throws Exception {
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, """
                name: completing
                inputs:
                  who: {type: string, default: world}
                connections:
                  primary: {type: mysql, host: 127.0.0.1, port: 1, user: root}
                steps:
                  - id: backup
                    type: exec
                    with: {script: "echo 42"}
                    capture: {position: "${result.stdout.trim()}"}
                  - id: announce
                    type: log
                    with: {message: "at ${steps.backup.position}"}
                """);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Terminal terminal = ShellHarness.dumbTerminal(new ByteArrayInputStream(new byte[0]), output);
        CliContext context = CliContext.builder(() -> ShellHarness.ENGINE)
                .out(new PrintWriter(output, true, StandardCharsets.UTF_8)).build();
        shell = new Shell(context, terminal, true, new Shell.Options(false, Optional.of(plan), Optional.of(dir)));
        shell.open(Map.of(), options -> ShellHarness.ENGINE.open(plan, options));
        completer = shell.commands().completer();
    }

    @AfterEach
    void closeShell() {
        shell.close();
    }

    private List<String> complete(String... words) {
        return completer.candidates(List.of(words), words.length - 1, words[words.length - 1]).stream()
                .map(Candidate::value).toList();
    }

    @Test
    void theFirstWordCompletesToACommand() {
        assertThat(complete("")).contains("plan", "show", "next", "run", "skip", "retry", "break", "unbreak", "breaks",
                "vars", "get", "set", "eval", "sql", "rollback", "status", "help", "quit", "exit");
    }

    @Test
    void stepsConnectionsCommandsAndBreakpointsWhereTheCommandTakesThem() {
        // given
        shell.breakpoints().add("announce");

        // then
        assertThat(complete("show", "")).containsExactly("backup", "announce");
        assertThat(complete("run", "")).containsExactly("to");
        assertThat(complete("run", "to", "")).containsExactly("backup", "announce");
        assertThat(complete("unbreak", "")).containsExactly("announce");
        assertThat(complete("sql", "")).containsExactly("primary");
        assertThat(complete("sql", "primary", "")).isEmpty();
        assertThat(complete("help", "")).contains("next", "sql");
        assertThat(complete("next", "-")).contains("-h", "--help");
        assertThat(complete("nosuch", "")).isEmpty();
    }

    @Test
    void namesCompleteBareOrInsideAnExpression() {
        assertThat(complete("get", "")).contains("inputs.who", "steps.backup.position", "steps.backup.stdout",
                "steps.backup.exit_code", "run.id");
        assertThat(complete("eval", "at", "${st")).contains("${steps.backup.position}".replace("}", ""));
        assertThat(completer.candidates(List.of("set", ""), 1, "")).singleElement()
                .satisfies(c -> assertThat(c.value()).isEqualTo("inputs.who="))
                .satisfies(c -> assertThat(c.complete()).isFalse());
    }
}
