package io.stepwise.engine.internal;

import io.stepwise.engine.api.ErrorCode;
import io.stepwise.engine.api.RunEvent;
import io.stepwise.engine.api.RunOptions;
import io.stepwise.engine.api.RunReport;
import io.stepwise.engine.api.StepDef;
import io.stepwise.engine.api.StepStatus;
import io.stepwise.engine.api.StepwiseException;
import io.stepwise.engine.spi.StepType;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Continues a run from its journal: completed steps keep their values, a changed plan is refused
 * unless accepted, a step left in flight is rerun only when that is known to be safe.
 */
final class Resumer {
    private final SessionFactory factory;

    Resumer(SessionFactory factory) {
        this.factory = factory;
    }

    RunReport resume(Optional<String> run, Optional<Path> planOption, RunOptions options) {
        return open(run, planOption, options, false);
    }

    RunReport rollback(Optional<String> run, Optional<Path> planOption, RunOptions options) {
        return open(run, planOption, options, true);
    }

    private RunReport open(Optional<String> run, Optional<Path> planOption, RunOptions options, boolean rollback) {
        try (SessionFactory.Opened opened = factory.attach(run, planOption, options, rollback ? "rollback" : "resume")) {
            RunSession session = opened.session();
            RunDriver driver = new RunDriver(session);
            if (rollback) {
                return driver.rollback();
            }
            decideInFlight(session, options);
            return driver.runRemaining();
        }
    }

    private void decideInFlight(RunSession session, RunOptions options) {
        for (StepDef step : session.plan.steps()) {
            StepStatus status = session.state.status(step.id());
            if (options.skip().contains(step.id()) && !status.isDone()) {
                session.record("step_skipped", Map.of("step", step.id(), "reason", "skipped by the operator (--skip)"));
                session.emit(RunEvent.Kind.STEP_SKIPPED, step.id(), "skipped by the operator (--skip)");
                continue;
            }
            if (status != StepStatus.RUNNING && status != StepStatus.INTERRUPTED) {
                continue;
            }
            if (options.rerun().contains(step.id())) {
                continue;
            }
            StepType<?> type = session.registry.get(step.type());
            String decision = InFlightSteps.decide(session, step, type);
            if (decision != null) {
                throw new StepwiseException(ErrorCode.JOURNAL, decision, "check by hand, then: stepwise resume "
                        + session.runId + " --rerun " + step.id() + "   or   --skip " + step.id());
            }
        }
    }
}
