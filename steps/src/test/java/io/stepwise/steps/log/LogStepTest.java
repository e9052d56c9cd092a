package io.stepwise.steps.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.engine.testkit.StepHarness;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LogStepTest {
    private final LogStep step = new LogStep();
    private final StepHarness harness = StepHarness.builder().secret("Canary-Log").build();

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    void givenAMessage_whenRun_thenItIsSaidMasked() {
        harness.execute(step, Map.of("message", "password is Canary-Log"));

        assertThat(harness.said()).containsExactly("password is ****");
    }

    @Test
    void givenWarnLevel_whenRun_thenTheLineIsMarkedAsAWarning() {
        harness.execute(step, Map.of("message", "replica is behind", "level", "warn"));

        assertThat(harness.said()).containsExactly("warning: replica is behind");
    }
}
