package io.stepwise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's promise, "{@code --debug} prints stack traces ...; without it every error is one
 * line", for a step that fails with an underlying exception: a {@code sql} step whose server refuses
 * the connection. Runs {@link Main} in a child JVM on this test's classpath, since logging is set up
 * once per process.
 */
class DebugStackTraceIT {
    @TempDir
    Path dir;

    record Outcome(int status, String err) {
    }

    @Test
    void debugShowsTheCauseChainOfAFailedStep() throws Exception {
        // given a plan whose only step connects to a port nothing listens on, with a password to mask
        Path plan = plan(closedPort());

        // when
        Outcome debug = run("--debug", "run", plan.toString());

        // then the failure's stack trace goes down to the driver's and the socket's exceptions, masked
        assertThat(debug.status()).isEqualTo(1);
        assertThat(debug.err()).contains("step q failed with")
                .contains("StepExecutor$StepFailure: cannot connect")
                .contains("Caused by: io.stepwise.engine.spi.StepFailedException")
                .contains("Caused by: com.mysql.cj.jdbc.exceptions.CommunicationsException")
                .contains("Caused by: java.net.ConnectException")
                .contains("\tat ")
                .doesNotContain("hunter2-secret");
    }

    @Test
    void withoutDebugNoStackTrace() throws Exception {
        Path plan = plan(closedPort());

        Outcome plain = run("run", plan.toString());

        assertThat(plain.status()).isEqualTo(1);
        assertThat(plain.err()).doesNotContain("Caused by:").doesNotContain("\tat ").doesNotContain("hunter2-secret");
    }

    private Path plan(int port) throws IOException {
        Path plan = dir.resolve("fail.yaml");
        Files.writeString(plan, """
                name: fail
                connections:
                  db: {type: mysql, host: 127.0.0.1, port: %d, user: root, password: hunter2-secret}
                steps:
                  - id: q
                    type: sql
                    with: {connection: db, query: "SELECT 1"}
                """.formatted(port), StandardCharsets.UTF_8);
        return plan;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private Outcome run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Path err = dir.resolve("err-" + System.nanoTime() + ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile());
        builder.environment().put("STEPWISE_HOME", dir.resolve("home").toString());
        builder.environment().put("STEPWISE_STATE_DIR", dir.resolve("state").toString());
        builder.environment().put("CI", "true");
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stepwise finished").isTrue();
        return new Outcome(process.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
    }
}
