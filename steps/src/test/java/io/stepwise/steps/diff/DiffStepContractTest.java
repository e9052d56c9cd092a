package io.stepwise.steps.diff;

import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.testkit.StepTypeContract;
import io.stepwise.steps.testing.PortProbe;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

class DiffStepContractTest extends StepTypeContract {
    private static final ConnectionInfo UP = new ConnectionInfo("up", "mysql", Map.of("host", "127.0.0.1", "port", 1));
    private static final ConnectionInfo DOWN = new ConnectionInfo("down", "mysql", Map.of("host", "127.0.0.1", "port", 2));

    @Override
    protected StepType<?> stepType() {
        return new DiffStep();
    }

    @Override
    protected List<ConnectionInfo> connections() {
        return List.of(UP, DOWN);
    }

    @Override
    protected Map<String, Object> minimalValidParams() {
        return Map.of("source", "up", "target", "down", "tables", List.of("test.*"));
    }

    @Override
    protected Map<String, Object> minimalInvalidParams() {
        return Map.of("source", "up", "target", "down", "tables", List.of("orders"));
    }

    @Override
    protected String invalidParameter() {
        return "tables";
    }

    @Override
    protected SideEffectProbe sideEffectProbe(Path dir) {
        return new PortProbe(Map.of("source", "a", "target", "b", "tables", List.of("test.*"),
                "snapshot_source", "consistent"), "a", "b");
    }
}
