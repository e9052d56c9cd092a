package io.stepwise.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A runner killed with SIGKILL in the middle of a plan loses nothing: resume reaches the same end. */
class KillAndResumeIT {
    @TempDir
    Path dir;

    @Test
    void aRunKilledMidPlanResumesToTheSameEndWithNoCompletedStepRunTwice() throws Exception {
        Path ledger = dir.resolve("ledger.txt");
        Path plan = dir.resolve("plan.yaml");
        StringBuilder yaml = new StringBuilder("name: kill-me\nsteps:\n");
        for (int i = 1; i <= 6; i++) {
            yaml.append("""
                      - id: step%1$d
                        type: exec
                        with:
                          script: echo step%1$d >> '%2$s'
                        capture: {n: "%1$d"}
                    """.formatted(i, ledger));
            if (i == 3) {
                yaml.append("""
                          - id: slow
                            type: sleep
                            with: {duration: 4s}
                        """);
            }
        }
        yaml.append("""
                  - id: total
                    type: log
                    with: {message: "last capture ${steps.step6.n}, slow done"}
                """);
        Files.writeString(plan, yaml.toString());

        Process runner = StepwiseProcess.builder(dir, Map.of(), "run", plan.toString())
                .redirectOutput(dir.resolve("run.out").toFile()).redirectErrorStream(true).start();
        waitForLines(ledger, 3, runner);
        Thread.sleep(300); // well inside the 4 s sleep step
        runner.destroyForcibly(); // SIGKILL: no hook runs, nothing is flushed on the way out
        assertThat(runner.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(runner.exitValue()).isEqualTo(137);
        assertThat(Files.readAllLines(ledger)).containsExactly("step1", "step2", "step3");

        StepwiseProcess.Result status = StepwiseProcess.run(dir, Map.of(), "status", "--plan", plan.toString());
        assertThat(status.stdout()).contains("slow").containsIgnoringCase("running");

        StepwiseProcess.Result resumed = StepwiseProcess.run(dir, Map.of(), "resume", "--plan", plan.toString());

        assertThat(resumed.exit()).as(resumed.all()).isZero();
        assertThat(Files.readAllLines(ledger)).containsExactly("step1", "step2", "step3", "step4", "step5", "step6");
        assertThat(resumed.all()).contains("last capture 6, slow done");
    }

    private static void waitForLines(Path file, int lines, Process runner) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && Files.readAllLines(file).size() >= lines) {
                return;
            }
            if (!runner.isAlive()) {
                throw new AssertionError("the runner ended early with " + runner.exitValue());
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the runner never reached step " + lines);
    }

    static List<String> read(Path file) throws IOException {
        return Files.readAllLines(file);
    }
}
