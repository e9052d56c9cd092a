package io.stepwise.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.stepwise.engine.spi.Deferred;
import io.stepwise.engine.spi.DeferredValueException;
import io.stepwise.engine.spi.action.Action;
import io.stepwise.engine.spi.action.ExecAction;
import io.stepwise.engine.spi.action.HttpAction;
import io.stepwise.engine.testkit.StepHarness;
import io.stepwise.steps.exec.ExecStep;
import io.stepwise.steps.http.HttpStep;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Values only the run can know, as dry-run hands them to steps: shown by their source, or refused where exact. */
class DryRunValuesTest {
    private final StepHarness harness = StepHarness.of();

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    void givenDeferredArgumentsAndBody_whenPlanned_thenTheActionsShowTheirSource() {
        ExecStep exec = new ExecStep();
        HttpStep http = new HttpStep();
        Deferred ts = new Deferred("steps.backup.backup_ts");

        List<Action> execActions = exec.plan(harness.bind(exec, Map.of("command", List.of("restore", "--ts", ts),
                "env", Map.of("TS", ts))), harness.context(exec, false));
        List<Action> httpActions = http.plan(harness.bind(http, Map.of("method", "POST", "url", "http://127.0.0.1:1/feeds",
                "body", Map.of("start_ts", ts))), harness.context(http, false));

        assertThat(((ExecAction) execActions.get(0)).summary()).isEqualTo("TS=<steps.backup.backup_ts> restore --ts <steps.backup.backup_ts>");
        assertThat(((HttpAction) httpActions.get(0)).body()).hasValue("{\"start_ts\":\"<steps.backup.backup_ts>\"}");
    }

    @Test
    void givenADeferredPortOrExitCode_whenBound_thenTheStepSaysItIsKnownOnlyAtRunTime() {
        ExecStep exec = new ExecStep();
        Deferred port = new Deferred("steps.pick.port");

        DeferredValueException ready = catchThrowableOfType(DeferredValueException.class,
                () -> harness.bind(exec, Map.of("command", List.of("x"), "ready", Map.of("port", port))));
        DeferredValueException exit = catchThrowableOfType(DeferredValueException.class,
                () -> harness.bind(exec, Map.of("command", List.of("x"), "expect_exit", List.of(port))));

        assertThat(ready.parameter()).isEqualTo("ready.port");
        assertThat(exit.parameter()).isEqualTo("expect_exit");
    }
}
