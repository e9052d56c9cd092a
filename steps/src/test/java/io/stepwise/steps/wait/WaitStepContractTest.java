package io.stepwise.steps.wait;

import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.testkit.StepTypeContract;
import io.stepwise.steps.exec.ExecStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

class WaitStepContractTest extends StepTypeContract {
    @Override
    protected StepType<?> stepType() {
        return new WaitStep();
    }

    @Override
    protected List<StepType<?>> nestedTypes() {
        return List.of(new ExecStep());
    }

    @Override
    protected Map<String, Object> minimalValidParams() {
        return Map.of("check", Map.of("type", "exec", "with", Map.of("command", List.of("true"))),
                "until", "result.exit_code == 0");
    }

    @Override
    protected Map<String, Object> minimalInvalidParams() {
        return Map.of("check", Map.of("type", "exec", "with", Map.of("command", List.of("true"))),
                "until", "  ");
    }

    @Override
    protected String invalidParameter() {
        return "until";
    }

    @Override
    protected SideEffectProbe sideEffectProbe(Path dir) {
        Path marker = dir.resolve("marker");
        return new SideEffectProbe() {
            @Override
            public Map<String, Object> params() {
                return Map.of("check", Map.of("type", "exec", "with", Map.of("script", "touch '" + marker + "'")),
                        "until", "result.exit_code == 0");
            }

            @Override
            public Optional<String> sideEffect() {
                return Files.exists(marker) ? Optional.of("the check ran: " + marker + " exists") : Optional.empty();
            }
        };
    }
}
