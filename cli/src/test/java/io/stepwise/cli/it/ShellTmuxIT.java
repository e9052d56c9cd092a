package io.stepwise.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged shell in a real pseudo-terminal (a tmux session): keys are sent as a person types them
 * and the screen is read back. The quickstart: its first phases stepped through and run to a
 * breakpoint set with Tab completion, then the shell quit and the procedure finished by
 * {@code stepwise resume}. A toy plan: Ctrl-C at the prompt and during a running step.
 */
class ShellTmuxIT {
    private static final long WAIT_SECONDS = 120;

    @TempDir
    Path dir;

    private final String socket = "stepwise-it-" + UUID.randomUUID().toString().substring(0, 8);
    private final String session = "shell";

    @BeforeAll
    static void tmuxIsThere() {
        RequiredTool.assume("tmux", "tmux", "ShellTmuxIT");
    }

    @AfterEach
    void killTmuxAndLeftoverServers() throws Exception {
        tmux("kill-server");
        // the shell and resume stop what the runs started; this only matters when a test failed half way
        Path runs = dir.resolve("state/runs");
        if (Files.isDirectory(runs)) {
            Pattern pid = Pattern.compile("\"event\":\"background\".*?\"pid\":(\\d+)");
            try (var dirs = Files.list(runs)) {
                for (Path run : dirs.toList()) {
                    Matcher m = pid.matcher(Files.readString(run.resolve("journal.jsonl")));
                    while (m.find()) {
                        long id = Long.parseLong(m.group(1));
                        if (id != ProcessHandle.current().pid()) {
                            ProcessHandle.of(id).ifPresent(ProcessHandle::destroyForcibly);
                        }
                    }
                }
            }
        }
    }

    @Test
    void theQuickstartsFirstPhasesInTheShellThenResumeFinishesTheProcedure() throws Exception {
        // given the shell on a new run of the quickstart, on free ports
        Path quickstart = StepwiseProcess.REPO.resolve("plans/quickstart.yaml");
        List<String> args = new ArrayList<>(List.of("shell", quickstart.toString(), "--state-dir",
                dir.resolve("state").toString()));
        for (String input : List.of("primary_port", "secondary_port", "new_primary_port", "s3_port")) {
            args.addAll(List.of("--set", input + "=" + freePort()));
        }
        startShell(args);
        waitFor("stepwise [primary]> ", 1);

        // when stepping through the servers' start, one step at a time
        type("next");
        waitFor("stepwise [secondary]> ", 1);
        type("next");
        waitFor("stepwise [storage]> ", 1);

        // and setting a breakpoint with Tab completing the step id, then running to it
        keys("-l", "break back");
        keys("Tab");
        waitFor("break backup", 1);
        keys("Enter");
        waitFor("breakpoint before 'backup'", 1);
        type("run");
        waitFor("stopped at breakpoint 'backup'", 1);
        type("quit");
        String screen = waitFor("SHELL-EXIT=", 1);

        // then the first phases ran and the rest waits for resume
        assertThat(screen).contains("✔ primary (mariadb.local)", "✔ secondary (mariadb.local)", "✔ storage (s3.local)",
                "✔ seed (workload)", "SHELL-EXIT=0");
        String runId = resumedRun(screen);
        String journal = Files.readString(dir.resolve("state/runs").resolve(runId).resolve("journal.jsonl"));
        assertThat(journal).contains("the shell closed the run").doesNotContain("\"step\":\"backup\"");
        assertThat(Files.readString(dir.resolve("state/shell_history"))).contains("break backup");

        // when the procedure is finished outside the shell
        StepwiseProcess.Result resumed = StepwiseProcess.run(dir, Map.of(), "resume", runId, "--plan",
                quickstart.toString(), "--state-dir", dir.resolve("state").toString());

        // then every check of the quickstart passes
        assertThat(resumed.exit()).as(resumed.all()).isZero();
        assertThat(resumed.stdout()).containsPattern("rebuilt primary\\s+\\d+ rows checked, 0 differing")
                .contains("succeeded (30 of 30 steps done)");
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
    void ctrlCClearsThePromptOrStopsTheRunningStepAndResumeFinishesTheToyPlan() throws Exception {
        // given the shell on a toy plan with a long step
        Path plan = plan();
        startShell(List.of("shell", plan.toString(), "--state-dir", dir.resolve("state").toString()));
        waitFor("stepwise [prepare]> ", 1);
        type("next");
        waitFor("stepwise [backup]> ", 1);
        type("next");
        waitFor("stepwise [announce]> ", 1);

        // when a line typed at the prompt is cleared with Ctrl-C
        keys("-l", "nonsense");
        keys("C-c");
        waitFor("stepwise [announce]> ", 2);

        // and Ctrl-C comes while the long step runs
        type("run");
        waitFor("long_wait  sleep  running", 1);
        keys("C-c");
        waitFor("step 'long_wait' was interrupted", 1);
        waitFor("stepwise [long_wait]> ", 1);

        // and the interrupted step is skipped before quitting
        type("skip");
        waitFor("long_wait (sleep) skipped", 1);
        type("quit");
        String screen = waitFor("SHELL-EXIT=", 1);

        // then
        assertThat(screen).contains("backup at BackupTS=450123 by operator", "next: backup (exec)")
                .doesNotContain("unknown command 'nonsense'").contains("SHELL-EXIT=0");
        String runId = resumedRun(screen);
        assertThat(Files.readString(dir.resolve("state/runs").resolve(runId).resolve("journal.jsonl")))
                .contains("\"step_interrupted\"", "skipped in the shell", "the shell closed the run");
        assertThat(Files.readAllLines(dir.resolve("ledger"))).containsExactly("prepare");

        // when the run is finished outside the shell
        StepwiseProcess.Result resumed = StepwiseProcess.run(dir, Map.of(), "resume", runId, "--plan", plan.toString(),
                "--state-dir", dir.resolve("state").toString());

        // then
        assertThat(resumed.exit()).as(resumed.all()).isZero();
        assertThat(Files.readAllLines(dir.resolve("ledger"))).containsExactly("prepare", "finish");
        assertThat(resumed.stdout()).containsPattern("long_wait\\s+sleep\\s+skipped");
    }

    /** Starts the packaged command line in a tmux session of 200 columns, without CI set (a person's terminal). */
    private void startShell(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of("env", "-u", "CI", "TERM=xterm-256color",
                "STEPWISE_HOME=" + dir.resolve(".stepwise-home")));
        command.addAll(StepwiseProcess.builder(dir, Map.of(), args.toArray(String[]::new)).command());
        String line = "cd " + quote(dir.toString()) + " && " + command.stream().map(ShellTmuxIT::quote)
                .collect(Collectors.joining(" ")) + "; echo SHELL-EXIT=$?; sleep 600";
        tmux("new-session", "-d", "-s", session, "-x", "200", "-y", "50", line);
    }

    /** The run id in the resume command the shell printed when it quit. */
    private static String resumedRun(String screen) {
        Matcher resume = Pattern.compile("To continue it: stepwise resume (\\S+) --plan").matcher(screen);
        assertThat(resume.find()).as(screen).isTrue();
        return resume.group(1);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
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
}
