package io.stepwise.steps.assertion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
                new NoteAction("check that false is true, else fail: replica lags"));
    }

    @Test
    void givenAConditionThatIsNoFlag_whenValidatedOrRun_thenRefusedBeforeTheCheck() {
        assertThat(harness.validate(step, Map.of("that", "yes"))).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("'that' must be true or false"));
        assertThatThrownBy(() -> harness.bind(step, Map.of("that", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'that' must be true or false");
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
