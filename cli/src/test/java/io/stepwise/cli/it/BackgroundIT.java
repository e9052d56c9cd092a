package io.stepwise.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A background process started by a run is stopped when the run ends, unless kept. */
class BackgroundIT {
    @TempDir
    Path dir;

    @Test
    void aStopStepStopsAnEarlierBackgroundStepMidRun() throws Exception {
        Path plan = dir.resolve("stop.yaml");
        Files.writeString(plan, """
                name: stop
                steps:
                  - id: load
                    type: exec
                    background: true
                    with:
                      script: echo ready; exec sleep 300
                      ready: {log: ready}
                  - id: pause_load
                    type: stop
                    with: {step: load}
                    capture: {stopped: "${result.stopped}"}
                  - id: check
                    type: exec
                    with:
                      script: "if kill -0 ${steps.load.pid} 2>/dev/null; then echo alive; else echo gone; fi"
                    capture: {state: "${result.stdout}"}
                  - id: assert_gone
                    type: assert
                    with: {that: "${steps.check.state == 'gone' && steps.pause_load.stopped == 1}", message: load still running}
                """);
        StepwiseProcess.Result result = StepwiseProcess.run(dir, Map.of(), "run", plan.toString());
        assertThat(result.exit()).as(result.all()).isZero();
    }

    @Test
    void backgroundProcessesAreStoppedWhenTheRunEndsUnlessKept() throws Exception {
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, """
                name: background
                steps:
                  - id: server
                    type: exec
                    background: true
                    with:
                      script: echo ready; exec sleep 300
                      ready: {log: ready}
                  - id: kept
                    type: exec
                    background: true
                    with:
                      script: echo ready; exec sleep 300
                      ready: {log: ready}
                      keep: true
                  - id: pids
                    type: exec
                    with:
                      script: echo "${steps.server.pid} ${steps.kept.pid}" > '%s'
                """.formatted(dir.resolve("pids")));
        StepwiseProcess.Result result = StepwiseProcess.run(dir, Map.of(), "run", plan.toString());
        assertThat(result.exit()).as(result.all()).isZero();
        String[] pids = Files.readString(dir.resolve("pids")).trim().split(" ");
        long server = Long.parseLong(pids[0]);
        long kept = Long.parseLong(pids[1]);
        try {
            assertThat(ProcessHandle.of(server).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(ProcessHandle.of(kept).map(ProcessHandle::isAlive).orElse(false)).isTrue();
        } finally {
            ProcessHandle.of(kept).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
