package io.stepwise.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.engine.testkit.Processes;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stepwise rollback} of a quickstart after the fact, from the journal alone: of a finished run,
 * and of one whose runner was killed mid-way. Nothing is left unresolved, every process the run
 * started is gone, the dumps it wrote are deleted, and what cannot be undone is listed for a person.
 */
@Tag("slow")
class QuickstartRollbackIT {
    private static final Path QUICKSTART = StepwiseProcess.REPO.resolve("plans/quickstart.yaml");

    @TempDir
    Path dir;

    @AfterEach
    void killLeftoverServers() throws IOException {
        for (long pid : pids()) {
            if (pid != ProcessHandle.current().pid()) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    @Test
    void aFinishedQuickstartRollsBackFromItsJournal() throws Exception {
        // given a finished run
        StepwiseProcess.Result run = StepwiseProcess.run(dir, Map.of(), runArgs().toArray(String[]::new));
        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(dumps()).hasSize(2);

        // when, later, by a new process
        StepwiseProcess.Result rollback = rollback();

        // then
        assertUndone(rollback);
        assertThat(rollback.stdout()).contains("copy_back: undone by mysql.dump").contains("backup: undone by mysql.dump")
                .contains("restore_back: needs a person");
        StepwiseProcess.Result status = StepwiseProcess.run(dir, Map.of(), "status", runId(), "--state-dir", state());
        assertThat(status.stdout()).doesNotContain("pending").contains("rolled back").contains("needs person");

        // and a second rollback continues the first: nothing undone twice, the same people needed
        StepwiseProcess.Result again = rollback();
        assertThat(again.exit()).as(again.all()).isEqualTo(1);
        assertThat(again.stdout()).doesNotContain("undone by");
        String journal = journal();
        for (String step : List.of("backup", "copy_back", "seed", "primary")) {
            assertThat(journal.lines().filter(l -> l.contains("\"event\":\"rollback_step\",\"step\":\"" + step + "\""))
                    .count()).as("undos of " + step).isEqualTo(1);
        }
    }

    @Test
    void aQuickstartWhoseRunnerWasKilledMidwayRollsBackFromItsJournal() throws Exception {
        // given a runner killed just after the restore
        Process runner = StepwiseProcess.builder(dir, Map.of(), runArgs().toArray(String[]::new))
                .redirectOutput(dir.resolve("run.out").toFile()).redirectErrorStream(true).start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!journal().contains("\"event\":\"step_completed\",\"step\":\"restore\"")) {
            assertThat(runner.isAlive()).as(Files.readString(dir.resolve("run.out"))).isTrue();
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(10);
        }
        runner.destroyForcibly();
        assertThat(runner.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(dumps()).hasSize(1);

        // when
        StepwiseProcess.Result rollback = rollback();

        // then
        assertUndone(rollback);
        assertThat(rollback.stdout()).contains("adopted").contains("backup: undone by mysql.dump")
                .contains("restore: needs a person");
    }

    private void assertUndone(StepwiseProcess.Result rollback) throws IOException {
        assertThat(rollback.exit()).as("some undos need a person: " + rollback.all()).isEqualTo(1);
        assertThat(rollback.all()).doesNotContain("unknown or undefined").doesNotContain("its rollback failed")
                .doesNotContain("is not available");
        assertThat(dumps()).as("the dumps the run wrote").isEmpty();
        for (long pid : pids()) {
            if (pid != ProcessHandle.current().pid()) {
                // a zombie has exited: an adopted server's new parent (init) reaps it when it gets to it
                assertThat(Processes.isRunning(pid)).as("pid " + pid + " is gone").isFalse();
            }
        }
        assertThat(journal()).doesNotContain("\"event\":\"step_reset\"");
    }

    private StepwiseProcess.Result rollback() throws IOException {
        return StepwiseProcess.run(dir, Map.of(), "rollback", runId(), "--state-dir", state(), "--yes");
    }

    /** The dump objects under the run's S3 data dir (s3.local keeps objects as files). */
    private List<Path> dumps() throws IOException {
        Path s3 = runDir().resolve("s3");
        if (!Files.isDirectory(s3)) {
            return List.of();
        }
        try (var files = Files.walk(s3)) {
            return files.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().endsWith(".sql")).toList();
        }
    }

    private List<Long> pids() throws IOException {
        List<Long> pids = new ArrayList<>();
        Matcher m = Pattern.compile("\"event\":\"resource_started\".*?\"pid\":(\\d+)").matcher(journal());
        while (m.find()) {
            pids.add(Long.parseLong(m.group(1)));
        }
        return pids;
    }

    private String state() {
        return dir.resolve("state").toString();
    }

    private Path runDir() throws IOException {
        try (var dirs = Files.list(dir.resolve("state/runs"))) {
            return dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    private String runId() throws IOException {
        return runDir().getFileName().toString();
    }

    private String journal() throws IOException {
        if (!Files.isDirectory(dir.resolve("state/runs"))) {
            return "";
        }
        Path journal = runDir().resolve("journal.jsonl");
        return Files.exists(journal) ? Files.readString(journal) : "";
    }

    private List<String> runArgs() throws IOException {
        List<String> args = new ArrayList<>(List.of("run", QUICKSTART.toString()));
        for (String input : List.of("primary_port", "secondary_port", "new_primary_port", "s3_port")) {
            args.addAll(List.of("--set", input + "=" + freePort()));
        }
        args.addAll(List.of("--state-dir", state()));
        return args;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
