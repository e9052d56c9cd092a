package io.stepwise.steps.mysql.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.spi.action.Action;
import io.stepwise.engine.spi.action.ExecAction;
import io.stepwise.engine.testkit.ListeningPort;
import io.stepwise.engine.testkit.StepHarness;
import io.stepwise.engine.testkit.StepTypeContract;
import io.stepwise.steps.mariadb.MariaDbDistribution;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MysqlLoadStepTest extends StepTypeContract {
    @Override
    protected StepType<?> stepType() {
        return new MysqlLoadStep(new MariaDbDistribution(Path.of("/opt/mariadb")));
    }

    @Override
    protected List<ConnectionInfo> connections() {
        return List.of(new ConnectionInfo("secondary", "mysql", Map.of("host", "127.0.0.1", "port", 3308, "user", "root",
                "password", "hunter2")));
    }

    @Override
    protected Map<String, Object> minimalValidParams() {
        return Map.of("connection", "secondary", "from", "/tmp/dump.sql");
    }

    @Override
    protected Map<String, Object> minimalInvalidParams() {
        return Map.of("connection", "secondary", "from", "s3://backup/");
    }

    @Override
    protected String invalidParameter() {
        return "from";
    }

    @Override
    protected SideEffectProbe sideEffectProbe(Path dir) {
        ListeningPort server = ListeningPort.open();
        ListeningPort s3 = ListeningPort.open();
        return new SideEffectProbe() {
            @Override
            public Map<String, Object> params() {
                return Map.of("connection", "probe", "from", "s3://backup/dump.sql?access-key=a&secret-access-key=b"
                        + "&endpoint=http://127.0.0.1:" + s3.port());
            }

            @Override
            public List<ConnectionInfo> connections() {
                return List.of(new ConnectionInfo("probe", "mysql", Map.of("host", "127.0.0.1", "port", server.port())));
            }

            @Override
            public Optional<String> sideEffect() {
                if (server.accepted() + s3.accepted() > 0) {
                    return Optional.of("connected to the server or the S3 endpoint");
                }
                return Files.exists(dir.resolve("run/tmp")) ? Optional.of("wrote into the run dir") : Optional.empty();
            }

            @Override
            public void close() {
                server.close();
                s3.close();
            }
        };
    }

    @Test
    void givenALoad_whenPlanned_thenTheClientTurnsTheBinlogOffAndReadsTheDumpWithoutAPasswordInArgv() {
        try (StepHarness harness = harness(List.of())) {
            List<Action> plan = harness.plan(stepType(), minimalValidParams());

            ExecAction load = (ExecAction) plan.stream().filter(ExecAction.class::isInstance).findFirst().orElseThrow();
            assertThat(load.argv()).containsExactly("/<mariadb.home>/bin/mariadb",
                    "--defaults-file=" + harness.runDir().resolve("tmp/step-client.cnf").toAbsolutePath(), "--batch",
                    "--abort-source-on-error",
                    "--init-command=SET SESSION sql_log_bin=0", "--execute=source /tmp/dump.sql");
            assertThat(load.env()).containsKey("LD_LIBRARY_PATH");
            assertThat(plan).extracting(Action::summary).noneMatch(s -> s.contains("hunter2"));
        }
    }

    @Test
    void givenWriteBinlog_whenPlanned_thenTheSessionKeepsItsBinlog() {
        try (StepHarness harness = harness(List.of())) {
            List<Action> plan = harness.plan(stepType(), Map.of("connection", "secondary", "from", "/tmp/dump.sql",
                    "write_binlog", true));

            assertThat(plan).extracting(Action::summary).noneMatch(s -> s.contains("sql_log_bin"));
        }
    }

    @Test
    void givenADumpKnownOnlyAtRunTime_whenPlanned_thenTheClientSourcesItAsGiven() {
        try (StepHarness harness = harness(connections())) {
            // dry-run hands a value known only at run time as its source text, as here
            List<Action> plan = harness.plan(stepType(), Map.of("connection", "secondary", "from", "<steps.backup.location>"));

            assertThat(plan).extracting(Action::summary).anyMatch(s -> s.endsWith("'--execute=source <steps.backup.location>'"));
        }
    }
}
