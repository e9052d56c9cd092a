package io.stepwise.engine.internal.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.SqlText;
import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.action.BackgroundProcess;
import io.stepwise.engine.spi.action.ExecAction;
import io.stepwise.engine.spi.action.ExecResult;
import io.stepwise.engine.spi.action.FileAction;
import io.stepwise.engine.spi.action.HttpAction;
import io.stepwise.engine.spi.action.SqlAction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultActionRunnerTest {
    private static final String SECRET = "Canary-Runner-77";

    @TempDir
    Path runDir;

    private DefaultActionRunner runner;

    @BeforeEach
    void setUp() {
        runner = new DefaultActionRunner(runDir, text -> text.replace(SECRET, "****"), () -> false);
    }

    @AfterEach
    void tearDown() {
        runner.close();
    }

    @Test
    void givenAFileInAMissingDirectory_whenWritten_thenTheDirectoryIsCreatedAndNoTemporaryFileIsLeft() throws IOException {
        Path target = runDir.resolve("conf/deep/tool.toml");

        runner.write(new FileAction(target, "a = 1\n", "toml"));
        runner.write(new FileAction(target, "a = 2\n", "toml"));

        assertThat(target).hasContent("a = 2");
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void givenARelativePath_whenWritten_thenItLandsInTheRunDirectory() {
        runner.write(new FileAction(Path.of("generated/x.txt"), "x", null));

        assertThat(runDir.resolve("generated/x.txt")).hasContent("x");
    }

    @Test
    void givenACommand_whenRun_thenOutputIsCapturedAndLoggedWithSecretsMasked() throws IOException {
        ExecResult result = runner.exec(new ExecAction(List.of("sh", "-c", "echo out " + SECRET + "; echo err >&2; exit 2"),
                Map.of(), Optional.empty(), Optional.empty(), Optional.of(Duration.ofSeconds(10))));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stdout()).isEqualTo("out " + SECRET + "\n");
        assertThat(result.stderr()).isEqualTo("err\n");
        try (Stream<Path> logs = Files.list(runDir.resolve("logs"))) {
            Path log = logs.findFirst().orElseThrow();
            assertThat(log.getFileName().toString()).isEqualTo("exec-001-sh.log");
            assertThat(Files.readString(log)).startsWith("# sh -c 'echo out ****; echo err >&2; exit 2'\n")
                    .contains("out ****\n", "err\n").doesNotContain(SECRET);
        }
    }

    @Test
    void givenABackgroundProcess_whenStartedTwiceUnderOneName_thenTheEarlierLogIsKeptAsDotOne() throws Exception {
        ExecAction action = ExecAction.of(List.of("sh", "-c", "echo hello; exec sleep 300"));
        BackgroundProcess first = runner.start(action, "db server");
        awaitOutput(first, "hello");
        first.stop();

        BackgroundProcess second = runner.start(action, "db server");
        awaitOutput(second, "hello");

        assertThat(second.logFile()).isEqualTo(runDir.resolve("logs/db_server.log"));
        assertThat(runDir.resolve("logs/db_server.log.1")).hasContent("hello");
        assertThat(second.isAlive()).isTrue();
        second.stop();
        assertThat(second.isAlive()).isFalse();
        assertThat(first.isAlive()).isFalse();
    }

    @Test
    void givenNoMySqlDriverOnTheClassPath_whenSqlRuns_thenTheHintNamesTheDriver() {
        ConnectionInfo info = new ConnectionInfo("db", "mysql", Map.of("password", SECRET));

        StepFailedException error = catchThrowableOfType(StepFailedException.class,
                () -> runner.sql(new SqlAction(info, SqlText.of("SELECT 1"))));

        assertThat(error.getMessage()).startsWith("cannot connect to db (mysql root@127.0.0.1:3306)").doesNotContain(SECRET);
        assertThat(error.hint()).hasValue("the MySQL driver (com.mysql:mysql-connector-j) is not on the class path");
    }

    @Test
    void givenOptionsThatAreNotAMapping_whenSqlRuns_thenTheFailureSaysHowToWriteThem() {
        ConnectionInfo info = new ConnectionInfo("db", "mysql", Map.of("options", "useSSL=false"));

        StepFailedException error = catchThrowableOfType(StepFailedException.class,
                () -> runner.sql(new SqlAction(info, SqlText.of("SELECT 1"))));

        assertThat(error.getMessage()).isEqualTo("connection db: options must be a mapping of driver properties");
    }

    @Test
    void givenAUrlThatIsNotHttp_whenRequested_thenTheFailureSaysItIsInvalid() {
        StepFailedException error = catchThrowableOfType(StepFailedException.class, () -> runner.http(
                new HttpAction("GET", "ftp://127.0.0.1/x?token=" + SECRET, Map.of(), Optional.empty(), Optional.empty())));

        assertThat(error.getMessage()).isEqualTo("invalid URL ftp://127.0.0.1/x?token=****");
    }

    private static void awaitOutput(BackgroundProcess process, String text) throws InterruptedException {
        for (int i = 0; i < 100 && !process.outputTail(100).contains(text); i++) {
            Thread.sleep(20);
        }
        assertThat(process.outputTail(100)).contains(text);
    }
}
