package io.stepwise.steps.sleep;

import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.testkit.StepTypeContract;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

class SleepStepContractTest extends StepTypeContract {
    @Override
    protected StepType<?> stepType() {
        return new SleepStep();
    }

    @Override
    protected Map<String, Object> minimalValidParams() {
        return Map.of("duration", "10ms");
    }

    @Override
    protected Map<String, Object> minimalInvalidParams() {
        return Map.of("duration", "soon");
    }

    @Override
    protected String invalidParameter() {
        return "duration";
    }

    @Override
    protected SideEffectProbe sideEffectProbe(Path dir) {
        long started = System.nanoTime();
        return new SideEffectProbe() {
            @Override
            public Map<String, Object> params() {
                return Map.of("duration", "1h");
            }

            @Override
            public Optional<String> sideEffect() {
                long seconds = (System.nanoTime() - started) / 1_000_000_000L;
                return seconds < 30 ? Optional.empty() : Optional.of("plan slept " + seconds + "s");
            }
        };
    }
}
