package io.stepwise.steps.assertion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.spi.action.NoteAction;
import io.stepwise.engine.testkit.StepHarness;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AssertStepTest {
    private final AssertStep step = new AssertStep();
    private final StepHarness harness = StepHarness.builder().secret("Canary-Assert").build();

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    void givenALiteralCondition_whenPlanned_thenThePlanShowsItAndTheMessage() {
        assertThat(harness.plan(step, Map.of("that", false, "message", "replica lags"))).containsExactly(
                new NoteAction("check the condition (false) else fail: replica lags"));
    }

    @Test
    void givenATrueCondition_whenRun_thenTheStepSucceeds() {
        assertThat(harness.execute(step, Map.of("that", true))).isEqualTo(StepResult.EMPTY);
    }

    @Test
    void givenAFalseCondition_whenRun_thenTheStepFailsWithTheMaskedMessage() {
        StepFailedException error = catchThrowableOfType(StepFailedException.class, () -> harness.execute(step,
                Map.of("that", false, "message", "replica lags; token Canary-Assert")));

        assertThat(error.getMessage()).isEqualTo("replica lags; token ****");
    }
}
