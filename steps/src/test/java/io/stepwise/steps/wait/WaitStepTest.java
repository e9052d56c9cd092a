package io.stepwise.steps.wait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.StepInterruptedException;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.testkit.ParamProblem;
import io.stepwise.engine.testkit.StepHarness;
import io.stepwise.steps.exec.ExecStep;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WaitStepTest {
    @TempDir
    Path dir;

    private final WaitStep wait = new WaitStep();
    private final CountingStep counter = new CountingStep();
    private StepHarness harness;

    @BeforeEach
    void setUp() {
        harness = StepHarness.builder().types(counter, new ExecStep()).runDir(dir.resolve("run")).build();
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private static Map<String, Object> counting(String until, Map<String, Object> more) {
        Map<String, Object> params = new java.util.LinkedHashMap<>(Map.of("check", Map.of("type", "count"),
                "until", until, "interval", "20ms", "timeout", "5s"));
        params.putAll(more);
        return params;
    }

    @Test
    void givenACheckThatBecomesTrueOnTheThirdTry_whenWaiting_thenItReturnsThatResultWithProgressForEachMiss() {
        StepResult result = harness.execute(wait, counting("result.n >= 3", Map.of()));

        assertThat(result.values()).containsEntry("result", Map.of("n", 3L)).containsEntry("attempts", 3);
        assertThat((Long) result.values().get("waited_ms")).isGreaterThanOrEqualTo(40L);
        assertThat(harness.progress()).containsExactly("waiting until result.n >= 3; last: 1",
                "waiting until result.n >= 3; last: 2");
    }

    @Test
    void givenACheckThatNeverSatisfies_whenTheTimeoutPasses_thenTheFailureShowsTheLastValue() {
        StepFailedException error = catchThrowableOfType(StepFailedException.class,
                () -> harness.execute(wait, counting("result.n >= 1000", Map.of("interval", "50ms", "timeout", "300ms"))));

        int runs = counter.runs.get();
        assertThat(runs).isBetween(2, 8);
        assertThat(error.getMessage()).isEqualTo("gave up after 300ms and " + runs + " tries: result.n >= 1000 still does not hold;"
                + " last: " + runs);
    }

    @Test
    void givenACheckThatFailsAtFirst_whenFailuresAreTolerated_thenItKeepsTrying() {
        StepResult result = harness.execute(wait, counting("result.n == 1",
                Map.of("check", Map.of("type", "count", "with", Map.of("fail_first", 2)))));

        assertThat(result.values()).containsEntry("attempts", 3);
        assertThat(harness.progress()).first().asString().isEqualTo("waiting until result.n == 1; last: check failed: not up yet (run 1)");
    }

    @Test
    void givenACheckThatFails_whenFailuresAreNotTolerated_thenTheWaitFailsAtOnce() {
        StepFailedException error = catchThrowableOfType(StepFailedException.class, () -> harness.execute(wait,
                counting("result.n == 1", Map.of("check", Map.of("type", "count", "with", Map.of("fail_first", 2)),
                        "tolerate_failures", false))));

        assertThat(error.getMessage()).isEqualTo("not up yet (run 1)");
        assertThat(counter.runs.get()).isEqualTo(1);
    }

    @Test
    void givenARealExecCheck_whenItsOutputReachesTheValue_thenTheWaitEnds() {
        Path counterFile = dir.resolve("n");
        String script = "n=$(cat '" + counterFile + "' 2>/dev/null || echo 0); n=$((n+1)); echo $n > '" + counterFile + "'; echo $n";

        StepResult result = harness.execute(wait, Map.of("check", Map.of("type", "exec", "with", Map.of("script", script)),
                "until", "result.stdout == '4'", "interval", "10ms"));

        assertThat(result.values()).containsEntry("attempts", 4);
        assertThat(harness.progress()).last().asString().isEqualTo("waiting until result.stdout == '4'; last: 3");
    }

    @Test
    void givenAWait_whenTheRunIsInterrupted_thenItStopsPromptly() {
        CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS).execute(harness::interrupt);

        catchThrowableOfType(StepInterruptedException.class,
                () -> harness.execute(wait, counting("result.n < 0", Map.of("interval", "1s", "timeout", "1m"))));

        assertThat(counter.runs.get()).isLessThanOrEqualTo(2);
    }

    @Test
    void givenUntilWrittenAsATemplate_whenValidated_thenTheProblemSaysToWriteItPlain() {
        assertThat(harness.validate(wait, counting("${result.n > 1}", Map.of()))).extracting(ParamProblem::message)
                .contains("until is evaluated after each try, so write it without ${...}");
    }

    @Test
    void givenAnIntervalLongerThanTheTimeout_whenValidated_thenRefusedNamingTimeout() {
        assertThat(harness.validate(wait, counting("result.n > 1", Map.of("interval", "10s", "timeout", "1s"))))
                .singleElement().satisfies(p -> {
                    assertThat(p.parameter()).isEqualTo("timeout");
                    assertThat(p.message()).isEqualTo("timeout (1s) must be at least the interval (10s)");
                });
        assertThat(harness.validate(wait, counting("result.n > 1", Map.of("interval", "10m"))))
                .as("against the default timeout, 5m").extracting(ParamProblem::parameter).containsExactly("timeout");
        assertThat(harness.validate(wait, counting("  ", Map.of())))
                .extracting(ParamProblem::parameter).containsExactly("until");
    }

    @Test
    void givenAnIntervalLongerThanTheTimeout_whenBound_thenItIsRejected() {
        Throwable error = org.assertj.core.api.Assertions.catchThrowable(
                () -> harness.bind(wait, counting("result.n > 1", Map.of("interval", "10s", "timeout", "1s"))));

        assertThat(error).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
    }
}
