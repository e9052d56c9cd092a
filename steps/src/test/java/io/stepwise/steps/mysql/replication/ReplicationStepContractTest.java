package io.stepwise.steps.mysql.replication;

import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.testkit.StepTypeContract;
import io.stepwise.steps.testing.PortProbe;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

class ReplicationStepContractTest extends StepTypeContract {
    private static final ConnectionInfo REPLICA = new ConnectionInfo("replica", "mysql",
            Map.of("host", "127.0.0.1", "port", 1, "user", "root", "password", "pw"));

    @Override
    protected StepType<?> stepType() {
        return new ReplicationStep();
    }

    @Override
    protected List<ConnectionInfo> connections() {
        return List.of(REPLICA);
    }

    @Override
    protected Map<String, Object> minimalValidParams() {
        // start, so that the contract tries the bounds of start's parameters (source_port, connect_retry)
        return Map.of("action", "start", "connection", "replica", "source_host", "127.0.0.1");
    }

    @Override
    protected Map<String, Object> minimalInvalidParams() {
        return Map.of("action", "start", "connection", "replica");
    }

    @Override
    protected String invalidParameter() {
        return "source";
    }

    @Override
    protected SideEffectProbe sideEffectProbe(Path dir) {
        return new PortProbe(Map.of("action", "start", "connection", "to", "source", "from", "gtid", "0-1-5",
                "semi_sync", true), "to", "from");
    }
}
