package io.stepwise.steps.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.testkit.ListeningPort;
import io.stepwise.engine.testkit.ParamProblem;
import io.stepwise.engine.testkit.StepTypeContract;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

class SqlStepContractTest extends StepTypeContract {
    private static final ConnectionInfo DB = new ConnectionInfo("db", "mysql",
            Map.of("host", "127.0.0.1", "port", 1, "user", "root", "password", "pw"));

    @Override
    protected StepType<?> stepType() {
        return new SqlStep();
    }

    @Override
    protected List<ConnectionInfo> connections() {
        return List.of(DB);
    }

    @Override
    protected Map<String, Object> minimalValidParams() {
        return Map.of("connection", "db", "query", "SELECT 1");
    }

    @Override
    protected Map<String, Object> minimalInvalidParams() {
        return Map.of("connection", "db");
    }

    @Override
    protected String invalidParameter() {
        return "query";
    }

    @Override
    protected SideEffectProbe sideEffectProbe(Path dir) {
        ListeningPort server = ListeningPort.open();
        ConnectionInfo listening = new ConnectionInfo("listening", "mysql",
                Map.of("host", "127.0.0.1", "port", server.port(), "user", "root", "password", "pw"));
        return new SideEffectProbe() {
            @Override
            public Map<String, Object> params() {
                return Map.of("connection", "listening", "statements", List.of("CREATE TABLE t (id INT)", "DROP TABLE t"));
            }

            @Override
            public List<ConnectionInfo> connections() {
                return List.of(listening);
            }

            @Override
            public Optional<String> sideEffect() {
                return server.accepted() == 0 ? Optional.empty()
                        : Optional.of(server.accepted() + " connection(s) to port " + server.port());
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }

    @org.junit.jupiter.api.Test
    void givenBothOrBlankOrEmptyStatements_whenValidated_thenRefusedNamingTheParameter() {
        try (io.stepwise.engine.testkit.StepHarness harness = harness(List.of())) {
            assertThat(harness.validate(stepType(), Map.of("connection", "db", "query", "SELECT 1",
                    "statements", List.of("SELECT 2")))).extracting(ParamProblem::message)
                    .containsExactly("give only one of query, statements, not query and statements");
            assertThat(harness.validate(stepType(), Map.of("connection", "db", "query", " ")))
                    .extracting(ParamProblem::parameter).containsExactly("query");
            assertThat(harness.validate(stepType(), Map.of("connection", "db", "statements", List.of())))
                    .extracting(ParamProblem::parameter).containsExactly("statements");
        }
    }
}
