package io.stepwise.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C is journaled and resumable; a second runner is kept off a live run. */
class InterruptAndLockIT {
    @TempDir
    Path dir;

    private Path plan() throws Exception {
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, """
                name: long
                steps:
                  - id: first
                    type: exec
                    with: {script: "echo first >> '%1$s'"}
                  - id: long_wait
                    type: sleep
                    with: {duration: 6s}
                  - id: last
                    type: exec
                    with: {script: "echo last >> '%1$s'"}
                """.formatted(dir.resolve("ledger")));
        return plan;
    }

    private Process startRun(Path plan) throws Exception {
        Process runner = StepwiseProcess.builder(dir, Map.of(), "run", plan.toString())
                .redirectOutput(dir.resolve("run.out").toFile()).redirectErrorStream(true).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(dir.resolve("ledger")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(500);
        return runner;
    }

    @Test
    void ctrlCStopsTheRunWith130AndResumeFinishesIt() throws Exception {
        Path plan = plan();
        Process runner = startRun(plan);
        new ProcessBuilder("kill", "-INT", String.valueOf(runner.pid())).start().waitFor();
        assertThat(runner.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(runner.exitValue()).isEqualTo(130);
        Path journal;
        try (var runs = Files.list(dir.resolve(".stepwise/runs"))) {
            journal = runs.findFirst().orElseThrow().resolve("journal.jsonl");
        }
        assertThat(Files.readString(journal)).contains("\"step_interrupted\"").contains("\"INTERRUPTED\"");

        StepwiseProcess.Result resumed = StepwiseProcess.run(dir, Map.of(), "resume", "--plan", plan.toString());
        assertThat(resumed.exit()).as(resumed.all()).isZero();
        assertThat(Files.readAllLines(dir.resolve("ledger"))).containsExactly("first", "last");
    }

    @Test
    void aSecondRunnerCannotResumeALiveRun() throws Exception {
        Path plan = plan();
        Process runner = startRun(plan);
        try {
            StepwiseProcess.Result second = StepwiseProcess.run(dir, Map.of(), "resume", "--plan", plan.toString());
            assertThat(second.exit()).isEqualTo(1);
            assertThat(second.stderr()).contains("is in use by pid " + runner.pid());
        } finally {
            assertThat(runner.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(runner.exitValue()).isZero();
        assertThat(Files.readAllLines(dir.resolve("ledger"))).containsExactly("first", "last");
    }
}
