package io.stepwise.steps.assertion;

import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.testkit.StepTypeContract;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

class AssertStepContractTest extends StepTypeContract {
    @Override
    protected StepType<?> stepType() {
        return new AssertStep();
    }

    @Override
    protected Map<String, Object> minimalValidParams() {
        return Map.of("that", true);
    }

    @Override
    protected Map<String, Object> minimalInvalidParams() {
        return Map.of("that", "maybe");
    }

    @Override
    protected String invalidParameter() {
        return "that";
    }

    @Override
    protected SideEffectProbe sideEffectProbe(Path dir) {
        return new SideEffectProbe() {
            @Override
            public Map<String, Object> params() {
                return Map.of("that", false, "message", "would fail when run");
            }

            @Override
            public Optional<String> sideEffect() {
                return Optional.empty();
            }
        };
    }
}
