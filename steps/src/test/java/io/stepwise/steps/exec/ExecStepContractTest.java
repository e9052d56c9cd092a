package io.stepwise.steps.exec;

import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.testkit.StepTypeContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

class ExecStepContractTest extends StepTypeContract {
    @Override
    protected StepType<?> stepType() {
        return new ExecStep();
    }

    @Override
    protected Map<String, Object> minimalValidParams() {
        return Map.of("command", List.of("true"));
    }

    @Override
    protected Map<String, Object> minimalInvalidParams() {
        return Map.of("command", List.of("true"), "extract", Map.of("version", "Ver [0-9.]+"));
    }

    @Override
    protected String invalidParameter() {
        return "extract";
    }

    @Override
    protected SideEffectProbe sideEffectProbe(Path dir) {
        Path marker = dir.resolve("marker");
        return new SideEffectProbe() {
            @Override
            public Map<String, Object> params() {
                return Map.of("script", "touch '" + marker + "'", "timeout", "5s");
            }

            @Override
            public Optional<String> sideEffect() {
                return Files.exists(marker) ? Optional.of("the script ran: " + marker + " exists") : Optional.empty();
            }
        };
    }
}
