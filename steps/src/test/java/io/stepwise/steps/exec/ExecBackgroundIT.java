package io.stepwise.steps.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.spi.action.Action;
import io.stepwise.engine.spi.action.BackgroundProcess;
import io.stepwise.engine.spi.action.NoteAction;
import io.stepwise.engine.testkit.ListeningPort;
import io.stepwise.engine.testkit.Processes;
import io.stepwise.engine.testkit.StepHarness;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Background processes for real: readiness by port, log line and HTTP; death before ready; stop. */
class ExecBackgroundIT {
    @TempDir
    Path dir;

    private final ExecStep exec = new ExecStep();
    private StepHarness harness;

    @BeforeEach
    void setUp() {
        harness = StepHarness.builder().runDir(dir.resolve("run")).build();
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private static List<String> server(String mode, int port, int delayMillis) throws URISyntaxException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path source = Path.of(ExecBackgroundIT.class.getResource("/programs/TestServer.java").toURI());
        return List.of(java, source.toString(), mode, String.valueOf(port), String.valueOf(delayMillis));
    }

    @Test
    void givenAServerThatListensLate_whenStartedWithPortReadiness_thenTheStepReturnsOnceThePortAnswers() throws Exception {
        int port = ListeningPort.closedPort();

        StepResult result = harness.executeInBackground(exec, Map.of("command", server("tcp", port, 1500),
                "ready", Map.of("port", port), "ready_timeout", "60s"));

        assertThat(connects(port)).isTrue();
        BackgroundProcess process = harness.backgrounds().get(0).process();
        assertThat(harness.backgrounds().get(0).keep()).isFalse();
        assertThat(result.values()).containsEntry("pid", process.pid())
                .containsEntry("log_file", dir.resolve("run/logs").resolve(process.name() + ".log").toString());
        assertThat(harness.progress()).contains("waiting for port " + port + " (0s)");
        assertThat(Files.readString(process.logFile())).contains("starting tcp server", "listening on " + port);

        process.stop();

        assertThat(process.isAlive()).isFalse();
        assertThat(connects(port)).isFalse();
    }

    @Test
    void givenAProcessThatLogsReady_whenStartedWithLogReadiness_thenItIsReadyAtThatLineAndStopKillsItsChildren() throws IOException {
        Path pidFile = dir.resolve("child.pid");
        harness.executeInBackground(exec, Map.of("script", "echo starting\nsleep 1\necho 'mariadbd: ready for connections.'\n"
                + "sleep 300 & echo $! > '" + pidFile + "'\nwait", "ready", Map.of("log", "ready for connections"), "keep", true));

        BackgroundProcess process = harness.backgrounds().get(0).process();
        assertThat(harness.backgrounds().get(0).keep()).isTrue();
        assertThat(process.outputTail(1000)).contains("ready for connections");
        awaitFile(pidFile);
        long child = Long.parseLong(Files.readString(pidFile).strip());

        process.stop();

        assertThat(process.isAlive()).isFalse();
        assertThat(Processes.isRunning(child)).as("child sleep running").isFalse();
    }

    @Test
    void givenAnHttpServer_whenStartedWithHttpReadiness_thenTheStepReturnsOnceItAnswers200() throws Exception {
        int port = ListeningPort.closedPort();

        harness.executeInBackground(exec, Map.of("command", server("http", port, 1000),
                "ready", Map.of("http", "http://127.0.0.1:" + port + "/health", "status", 200)));

        assertThat(connects(port)).isTrue();
        assertThat(harness.progress()).anyMatch(p -> p.startsWith("waiting for http://127.0.0.1:" + port + "/health to answer 200"));
    }

    @Test
    void givenAProcessThatDiesBeforeReady_whenStarted_thenTheStepFailsWithItsOutputTail() {
        int port = ListeningPort.closedPort();
        long started = System.nanoTime();

        StepFailedException error = catchThrowableOfType(StepFailedException.class, () -> harness.executeInBackground(exec,
                Map.of("script", "echo 'fatal: cannot bind port " + port + "' >&2\nexit 1", "ready", Map.of("port", port))));

        assertThat(error.getMessage()).startsWith("script 'echo 'fatal: cannot bind port " + port + "' >&2 ...' exited before it was ready"
                + " (waiting for port " + port + "); its output ends with:\nfatal: cannot bind port " + port);
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(10);
    }

    @Test
    void givenAProcessThatNeverGetsReady_whenTheReadyTimeoutPasses_thenItIsStoppedAndTheStepFails() {
        int port = ListeningPort.closedPort();

        StepFailedException error = catchThrowableOfType(StepFailedException.class, () -> harness.executeInBackground(exec,
                Map.of("script", "echo still starting\nexec sleep 300", "ready", Map.of("port", port), "ready_timeout", "1s")));

        assertThat(error.getMessage()).startsWith("script 'echo still starting ...' was not ready after 1s (waiting for port " + port)
                .endsWith("its output ends with:\nstill starting");
        assertThat(error.hint()).hasValueSatisfying(h -> assertThat(h).startsWith("raise ready_timeout"));
        assertThat(harness.backgrounds().get(0).process().isAlive()).isFalse();
    }

    @Test
    void givenBackgroundMode_whenPlanned_thenTheActionsShowTheCommandAndTheReadiness() {
        List<Action> actions = harness.planInBackground(exec, Map.of("command", List.of("mysqld"), "ready", Map.of("port", 3306)));

        assertThat(actions).hasSize(2);
        assertThat(actions.get(0).summary()).isEqualTo("mysqld");
        assertThat(actions.get(1)).isInstanceOfSatisfying(NoteAction.class, note -> assertThat(note.text())
                .endsWith("ready when port 3306 accepts connections (within 1m)"));
        assertThat(harness.backgrounds()).isEmpty();
    }

    private static boolean connects(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void awaitFile(Path file) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!Files.exists(file) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }
}
