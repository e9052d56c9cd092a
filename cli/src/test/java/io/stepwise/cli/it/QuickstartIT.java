package io.stepwise.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The newcomer's first command, end to end, and the same with the runner killed halfway. */
class QuickstartIT {
    private static final Path QUICKSTART = StepwiseProcess.REPO.resolve("plans/quickstart.yaml");

    @TempDir
    Path dir;

    @AfterEach
    void killLeftoverServers() throws IOException {
        // the runs stop their servers; this only matters when a test failed half way
        Path runs = dir.resolve("state/runs");
        if (!Files.isDirectory(runs)) {
            return;
        }
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

    private List<String> args(String command, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of(command));
        if (command.equals("run")) {
            args.add(QUICKSTART.toString());
            for (String input : List.of("primary_port", "secondary_port", "new_primary_port", "s3_port")) {
                args.add("--set");
                args.add(input + "=" + freePort());
            }
        }
        args.addAll(List.of("--state-dir", dir.resolve("state").toString()));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void theQuickstartRunsTheWholeProcedureAndEveryCheckPasses() throws Exception {
        String canary = "canary-qs-S3cret-91d";
        StepwiseProcess.Result result = StepwiseProcess.run(dir, Map.of("STEPWISE_S3_SECRET_KEY", canary),
                args("run").toArray(String[]::new));

        assertThat(result.exit()).as(result.all()).isZero();
        assertThat(result.stdout())
                .containsPattern("diff\\s+40000 rows checked at \\d+ rows/s, 0 differing")
                .containsPattern("failover\\s+[1-9]\\d* transfers acknowledged, 0 missing on the promoted secondary")
                .containsPattern("rebuilt primary\\s+\\d+ rows checked, 0 differing")
                .contains("skipped (when ${inputs.flavor == 'tidb'} is false)");
        assertThat(result.all()).doesNotContain(canary);
        assertThat(StepwiseProcess.allText(dir.resolve("state"))).doesNotContain(canary);
    }

    @Test
    void aRunnerKilledAfterTheRestoreResumesToAPassingFinalDiff() throws Exception {
        Process runner = StepwiseProcess.builder(dir, Map.of(), args("run").toArray(String[]::new))
                .redirectOutput(dir.resolve("run.out").toFile()).redirectErrorStream(true).start();
        Path journal = waitForJournalLine("\"event\":\"step_completed\",\"step\":\"restore\"", runner);
        runner.destroyForcibly(); // SIGKILL during replication setup
        assertThat(runner.waitFor(10, TimeUnit.SECONDS)).isTrue();
        String before = Files.readString(journal);
        assertThat(before).doesNotContain("\"run_finished\"");

        StepwiseProcess.Result resumed = StepwiseProcess.run(dir, Map.of(),
                args("resume", "--plan", QUICKSTART.toString()).toArray(String[]::new));

        assertThat(resumed.exit()).as(resumed.all()).isZero();
        assertThat(resumed.stdout()).containsPattern("rebuilt primary\\s+\\d+ rows checked, 0 differing");
        String after = Files.readString(journal);
        for (String step : List.of("primary", "secondary", "seed", "bank_seed", "backup", "restore")) {
            assertThat(after.lines().filter(l -> l.contains("\"event\":\"step_started\"") && l.contains("\"step\":\"" + step + "\""))
                    .count()).as("starts of " + step).isEqualTo(1);
        }
    }

    private Path waitForJournalLine(String needle, Process runner) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            Path runs = dir.resolve("state/runs");
            if (Files.isDirectory(runs)) {
                try (var dirs = Files.list(runs)) {
                    for (Path run : dirs.toList()) {
                        Path journal = run.resolve("journal.jsonl");
                        if (Files.exists(journal) && Files.readString(journal).contains(needle)) {
                            return journal;
                        }
                    }
                }
            }
            if (!runner.isAlive()) {
                throw new AssertionError("the run ended before " + needle + ":\n" + Files.readString(dir.resolve("run.out")));
            }
            Thread.sleep(25);
        }
        throw new AssertionError("never saw " + needle);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
