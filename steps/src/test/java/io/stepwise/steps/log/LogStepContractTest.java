package io.stepwise.steps.log;

import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.testkit.StepTypeContract;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

class LogStepContractTest extends StepTypeContract {
    @Override
    protected StepType<?> stepType() {
        return new LogStep();
    }

    @Override
    protected Map<String, Object> minimalValidParams() {
        return Map.of("message", "hello");
    }

    @Override
    protected Map<String, Object> minimalInvalidParams() {
        return Map.of("message", "hello", "level", "loud");
    }

    @Override
    protected String invalidParameter() {
        return "level";
    }

    @Override
    protected SideEffectProbe sideEffectProbe(Path dir) {
        return new SideEffectProbe() {
            @Override
            public Map<String, Object> params() {
                return Map.of("message", "would be said when run");
            }

            @Override
            public Optional<String> sideEffect() {
                return Optional.empty();
            }
        };
    }
}
