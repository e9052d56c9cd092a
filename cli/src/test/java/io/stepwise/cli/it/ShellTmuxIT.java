package io.stepwise.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged shell in a real pseudo-terminal (a tmux session): keys are sent as a person types them
 * and the screen is read back. Steps through the first steps of a plan, completes a word with Tab,
 * interrupts a running step with Ctrl-C, sets a breakpoint and runs to it, quits, and finishes the run
 * with {@code stepwise resume}.
 */
class ShellTmuxIT {
    private static final long WAIT_SECONDS = 60;

    @TempDir
    Path dir;

    private final String socket = "stepwise-it-" + UUID.randomUUID().toString().substring(0, 8);
    private final String session = "shell";

    @BeforeAll
    static void tmuxIsThere() {
        Optional<String> missing = Tmux.ensureInstalled();
        missing.ifPresent(reason -> System.out.println("ShellTmuxIT skipped: " + reason));
        Assumptions.assumeTrue(missing.isEmpty(), () -> missing.orElse(""));
    }

    @AfterEach
    void killTmux() throws Exception {
        tmux("kill-server");
    }

    private Path plan() throws IOException {
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, """
                name: toy
                inputs:
                  who: {type: string, default: operator}
                steps:
                  - id: prepare
                    type: exec
                    with: {script: "echo prepare >> ledger"}
                  - id: backup
                    type: exec
                    with: {script: "echo BackupTS=450123"}
                    capture: {position: "${result.stdout.trim()}"}
                  - id: announce
                    type: log
                    with: {message: "backup at ${steps.backup.position} by ${inputs.who}"}
                  - id: long_wait
                    type: sleep
                    with: {duration: 60s}
                  - id: verify
                    type: assert
                    with: {that: "${steps.backup.position == 'BackupTS=450123'}"}
                  - id: finish
                    type: exec
                    with: {script: "echo finish >> ledger"}
                """);
        return plan;
    }

    @Test
    void stepBreakpointTabCtrlCQuitThenResumeFinishesTheRun() throws Exception {
        // given the shell on a new run, in a terminal of 200 columns
        Path plan = plan();
        List<String> command = new ArrayList<>(List.of("env", "-u", "CI", "TERM=xterm-256color",
                "STEPWISE_HOME=" + dir.resolve(".stepwise-home")));
        command.addAll(StepwiseProcess.builder(dir, Map.of(), "shell", plan.toString()).command());
        String line = "cd " + quote(dir.toString()) + " && " + command.stream().map(ShellTmuxIT::quote)
                .collect(Collectors.joining(" ")) + "; echo SHELL-EXIT=$?; sleep 600";
        tmux("new-session", "-d", "-s", session, "-x", "200", "-y", "50", line);
        waitFor("stepwise [prepare]> ", 1);

        // when stepping through the first two steps
        type("next");
        waitFor("stepwise [backup]> ", 1);
        type("next");
        waitFor("stepwise [announce]> ", 1);

        // and a line typed and then cleared with Ctrl-C at the prompt
        keys("-l", "nonsense");
        keys("C-c");
        waitFor("stepwise [announce]> ", 2);

        // and a breakpoint set with Tab completing the step id
        keys("-l", "break fin");
        keys("Tab");
        waitFor("break finish", 1);
        keys("Enter");
        waitFor("breakpoint before 'finish'", 1);

        // and Ctrl-C while the long step runs
        type("run");
        waitFor("long_wait  sleep  running", 1);
        keys("C-c");
        waitFor("step 'long_wait' was interrupted", 1);
        waitFor("stepwise [long_wait]> ", 1);

        // and the interrupted step skipped, then a run to the breakpoint
        type("skip");
        waitFor("long_wait (sleep) skipped", 1);
        type("run");
        waitFor("stopped at breakpoint 'finish'", 1);
        type("quit");
        String screen = waitFor("SHELL-EXIT=", 1);

        // then
        assertThat(screen).contains("backup at BackupTS=450123 by operator", "next: backup (exec)")
                .doesNotContain("unknown command 'nonsense'").contains("SHELL-EXIT=0");
        Matcher resume = Pattern.compile("To continue it: stepwise resume (\\S+) --plan").matcher(screen);
        assertThat(resume.find()).as(screen).isTrue();
        String runId = resume.group(1);
        Path runDir = dir.resolve(".stepwise/runs").resolve(runId);
        assertThat(Files.readString(runDir.resolve("journal.jsonl")))
                .contains("\"step_interrupted\"", "skipped in the shell", "the shell closed the run");
        assertThat(Files.readAllLines(dir.resolve("ledger"))).containsExactly("prepare");
        assertThat(Files.readString(dir.resolve(".stepwise/shell_history"))).contains("break finish", "skip");

        // when the run is finished outside the shell
        StepwiseProcess.Result resumed = StepwiseProcess.run(dir, Map.of(), "resume", runId, "--plan", plan.toString());

        // then
        assertThat(resumed.exit()).as(resumed.all()).isZero();
        assertThat(Files.readAllLines(dir.resolve("ledger"))).containsExactly("prepare", "finish");
        StepwiseProcess.Result status = StepwiseProcess.run(dir, Map.of(), "status", runId, "--plan", plan.toString());
        assertThat(status.stdout()).contains("Run " + runId + "  succeeded").containsPattern("long_wait\\s+sleep\\s+skipped");
    }

    private void type(String text) throws Exception {
        keys("-l", text);
        keys("Enter");
    }

    private void keys(String... keys) throws Exception {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", session));
        args.addAll(List.of(keys));
        tmux(args.toArray(String[]::new));
    }

    /** Waits until the screen (with its scroll-back) shows a text at least so many times; the screen. */
    private String waitFor(String text, int times) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        String screen = "";
        while (System.nanoTime() < deadline) {
            screen = tmux("capture-pane", "-p", "-J", "-t", session, "-S", "-500");
            if (count(screen, text) >= times) {
                return screen;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the screen never showed '" + text + "' " + times + " time(s):\n" + screen);
    }

    private static int count(String text, String part) {
        int found = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            found++;
        }
        return found;
    }

    private String tmux(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        return output;
    }

    private static String quote(String word) {
        return word.matches("[A-Za-z0-9_@%+=:,./-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    /** Finds tmux, or installs it from Debian's packages when running as root; why not otherwise. */
    static final class Tmux {
        private Tmux() {
        }

        static Optional<String> ensureInstalled() {
            if (succeeds("sh", "-c", "command -v tmux")) {
                return Optional.empty();
            }
            if (!succeeds("sh", "-c", "[ \"$(id -u)\" = 0 ] && command -v apt-get")) {
                return Optional.of("tmux is not installed and this user cannot install it (install the Debian package tmux)");
            }
            succeeds("sh", "-c", "apt-get update -qq && apt-get install -y -qq tmux");
            return succeeds("sh", "-c", "command -v tmux") ? Optional.empty()
                    : Optional.of("tmux is not installed and 'apt-get install tmux' failed");
        }

        private static boolean succeeds(String... command) {
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                return process.waitFor(10, TimeUnit.MINUTES) && process.exitValue() == 0;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
