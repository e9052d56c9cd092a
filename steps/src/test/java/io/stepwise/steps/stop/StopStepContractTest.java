package io.stepwise.steps.stop;

import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.testkit.StepTypeContract;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

class StopStepContractTest extends StepTypeContract {
    @Override
    protected StepType<?> stepType() {
        return new StopStep();
    }

    @Override
    protected Map<String, Object> minimalValidParams() {
        return Map.of("step", "load");
    }

    @Override
    protected Map<String, Object> minimalInvalidParams() {
        return Map.of("step", "load", "steps", java.util.List.of("other"));
    }

    @Override
    protected String invalidParameter() {
        return "step";
    }

    @Override
    protected SideEffectProbe sideEffectProbe(Path dir) {
        return new SideEffectProbe() {
            @Override
            public Map<String, Object> params() {
                return Map.of("step", "load");
            }

            @Override
            public Optional<String> sideEffect() {
                return Optional.empty(); // stopping is checked for real in cli BackgroundIT
            }
        };
    }

    @org.junit.jupiter.api.Test
    void givenNoStepOrAnEmptyList_whenValidated_thenRefused() {
        try (io.stepwise.engine.testkit.StepHarness harness = harness(java.util.List.of())) {
            org.assertj.core.api.Assertions.assertThat(harness.validate(stepType(), Map.of()))
                    .extracting(io.stepwise.engine.testkit.ParamProblem::message).containsExactly("give one of step, steps");
            org.assertj.core.api.Assertions.assertThat(harness.validate(stepType(), Map.of("steps", java.util.List.of())))
                    .extracting(io.stepwise.engine.testkit.ParamProblem::parameter).containsExactly("steps");
        }
    }
}
