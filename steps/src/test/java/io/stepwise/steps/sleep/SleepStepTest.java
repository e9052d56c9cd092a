package io.stepwise.steps.sleep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.stepwise.engine.spi.StepInterruptedException;
import io.stepwise.engine.testkit.StepHarness;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SleepStepTest {
    private final SleepStep step = new SleepStep();
    private final StepHarness harness = StepHarness.of();

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    void givenADuration_whenRun_thenItPausesThatLong() {
        long started = System.nanoTime();

        harness.execute(step, Map.of("duration", "200ms"));

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isGreaterThanOrEqualTo(200);
        assertThat(harness.progress()).containsExactly("sleeping 200ms");
    }

    @Test
    void givenALongSleep_whenTheRunIsInterrupted_thenItWakesEarly() {
        CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS).execute(harness::interrupt);
        long started = System.nanoTime();

        catchThrowableOfType(StepInterruptedException.class, () -> harness.execute(step, Map.of("duration", "1h")));

        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(5);
    }

    @Test
    void givenANegativeDuration_whenValidated_thenRefusedNamingDuration() {
        assertThat(harness.validate(step, Map.of("duration", -1))).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("'duration' must be at least 0"));
    }
}
