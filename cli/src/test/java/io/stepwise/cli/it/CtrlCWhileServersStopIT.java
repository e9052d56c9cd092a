package io.stepwise.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C while the run stops its servers asks for that very stop: the server shuts down cleanly
 * instead of being SIGKILLed (the wait for its shutdown used to end at the interrupt, and the
 * server was killed as if it had hung, InnoDB recovering at its next start).
 */
class CtrlCWhileServersStopIT {
    @TempDir
    Path dir;

    @Test
    void aCtrlCWhileTheRunStopsItsServerLetsItShutDownCleanly() throws Exception {
        Path plan = dir.resolve("stop.yaml");
        Files.writeString(plan, """
                name: stop
                steps:
                  - id: db
                    type: mariadb.local
                    background: true
                    with: {port: %d}
                  - id: done
                    type: log
                    with: {message: done}
                """.formatted(StepwiseProcess.freePort()));
        Path out = dir.resolve("run.out");
        Process runner = StepwiseProcess.builder(dir, Map.of(), "run", plan.toString(), "--yes", "--state-dir",
                dir.resolve("state").toString()).redirectOutput(out.toFile()).redirectErrorStream(true).start();
        StepwiseProcess.awaitConsole(runner, out, "stopping db");
        new ProcessBuilder("kill", "-INT", Long.toString(runner.pid())).start().waitFor();
        assertThat(runner.waitFor(90, TimeUnit.SECONDS)).isTrue();

        String console = Files.readString(out);
        assertThat(console).doesNotContain("did not shut down").doesNotContain("killing it");
        assertThat(serverLog()).as("mariadbd's own log").contains("Shutdown complete");
    }

    private String serverLog() throws Exception {
        try (Stream<Path> files = Files.walk(dir.resolve("state/runs"))) {
            Path log = files.filter(p -> p.getFileName().toString().equals("mariadb.local-db.log")).findFirst()
                    .orElseThrow();
            return Files.readString(log);
        }
    }
}
