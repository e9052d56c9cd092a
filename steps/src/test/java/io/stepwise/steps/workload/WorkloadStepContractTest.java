package io.stepwise.steps.workload;

import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.testkit.StepTypeContract;
import io.stepwise.steps.testing.PortProbe;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

class WorkloadStepContractTest extends StepTypeContract {
    private static final ConnectionInfo DB = new ConnectionInfo("db", "mysql",
            Map.of("host", "127.0.0.1", "port", 1, "user", "root", "password", "pw"));

    @Override
    protected StepType<?> stepType() {
        return new WorkloadStep();
    }

    @Override
    protected List<ConnectionInfo> connections() {
        return List.of(DB);
    }

    @Override
    protected Map<String, Object> minimalValidParams() {
        return Map.of("connection", "db", "action", "prepare");
    }

    @Override
    protected Map<String, Object> minimalInvalidParams() {
        return Map.of("connection", "db", "action", "prepare", "mode", "bank", "tables", 3);
    }

    @Override
    protected String invalidParameter() {
        return "tables";
    }

    @Override
    protected SideEffectProbe sideEffectProbe(Path dir) {
        return new PortProbe(Map.of("connection", "target", "action", "prepare", "tables", 2, "table_size", 100),
                "target");
    }
}
