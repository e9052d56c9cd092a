package io.stepwise.steps.mysql.dump;

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

class MysqlDumpStepTest extends StepTypeContract {
    @Override
    protected StepType<?> stepType() {
        return new MysqlDumpStep(new MariaDbDistribution(Path.of("/opt/mariadb")));
    }

    @Override
    protected List<ConnectionInfo> connections() {
        return List.of(new ConnectionInfo("primary", "mysql", Map.of("host", "127.0.0.1", "port", 3307, "user", "root",
                "password", "hunter2")));
    }

    @Override
    protected Map<String, Object> minimalValidParams() {
        return Map.of("connection", "primary", "to", "/tmp/dump.sql");
    }

    @Override
    protected Map<String, Object> minimalInvalidParams() {
        return Map.of("connection", "primary", "to", "ftp://host/dump.sql");
    }

    @Override
    protected String invalidParameter() {
        return "to";
    }

    @Override
    protected SideEffectProbe sideEffectProbe(Path dir) {
        ListeningPort server = ListeningPort.open();
        Path dump = dir.resolve("out/dump.sql");
        return new SideEffectProbe() {
            @Override
            public Map<String, Object> params() {
                return Map.of("connection", "probe", "to", dump.toString());
            }

            @Override
            public List<ConnectionInfo> connections() {
                return List.of(new ConnectionInfo("probe", "mysql", Map.of("host", "127.0.0.1", "port", server.port())));
            }

            @Override
            public Optional<String> sideEffect() {
                if (server.accepted() > 0) {
                    return Optional.of("connected to the server");
                }
                return Files.exists(dump.getParent()) ? Optional.of("created " + dump.getParent()) : Optional.empty();
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }

    @Test
    void givenADumpToS3_whenPlanned_thenTheArgvHoldsTheConsistencyOptionsAndNoPassword() {
        try (StepHarness harness = harness(List.of())) {
            List<Action> plan = harness.plan(stepType(), Map.of("connection", "primary", "databases", List.of("test", "bank"),
                    "to", "s3://backup/qs/?access-key=a&secret-access-key=topsecret&endpoint=http://127.0.0.1:9000"));

            ExecAction dump = (ExecAction) plan.stream().filter(ExecAction.class::isInstance).findFirst().orElseThrow();
            assertThat(dump.argv()).startsWith("/<mariadb.home>/bin/mariadb-dump",
                    "--defaults-file=" + harness.runDir().resolve("tmp/step-client.cnf").toAbsolutePath(), "--single-transaction",
                    "--master-data=2", "--gtid").endsWith("--databases", "test", "bank");
            assertThat(plan).extracting(Action::summary).noneMatch(s -> s.contains("hunter2") || s.contains("topsecret"))
                    .anyMatch(s -> s.startsWith("put ") && s.contains("s3://backup/qs/step.sql?"));
        }
    }

    @Test
    void givenNoDatabases_whenPlanned_thenAllButTheSystemSchemasAreDumped() {
        try (StepHarness harness = harness(List.of())) {
            ExecAction dump = (ExecAction) harness.plan(stepType(), minimalValidParams()).get(1);

            assertThat(dump.argv()).endsWith("--all-databases", "--ignore-database=mysql", "--ignore-database=sys");
        }
    }

    @Test
    void givenAPasswordInOptions_whenValidated_thenItIsRefused() {
        try (StepHarness harness = harness(List.of())) {
            assertThat(harness.validate(stepType(), Map.of("connection", "primary", "to", "/tmp/x.sql",
                    "options", List.of("--password=oops")))).extracting(p -> p.message())
                    .containsExactly("a password in options would show in the process list");
        }
    }

    @Test
    void givenAnOptionTheStepSets_whenValidated_thenItIsRefusedByName() {
        try (StepHarness harness = harness(connections())) {
            assertThat(harness.validate(stepType(), Map.of("connection", "primary", "to", "/tmp/x.sql",
                    "options", List.of("--result-file=/tmp/y.sql")))).extracting(p -> p.message())
                    .containsExactly("'options': --result-file=/tmp/y.sql is set by the step");
        }
    }
}
