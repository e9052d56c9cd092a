package io.stepwise.engine.internal;

import io.stepwise.engine.api.RunEvent;
import io.stepwise.engine.api.StepDef;
import io.stepwise.engine.spi.ProbeOutcome;
import io.stepwise.engine.spi.StepType;
import java.util.List;
import java.util.Map;

/**
 * A step that was running when its runner stopped: run it again only when that is known to be
 * safe (the type is idempotent, or its probe says the effect is not there); a probe that finds it
 * done completes it with the probe's result. Used by resume and by the shell.
 */
final class InFlightSteps {
    private InFlightSteps() {
    }

    /** Null when the step can simply run again; otherwise why the operator must choose. */
    static <C> String decide(RunSession session, StepDef step, StepType<C> type) {
        C config;
        try {
            Map<String, Object> values = session.resolver.resolveParams(type.parameters(), step.with(), step.id(), null);
            config = type.bind(new ResolvedParams(step.id(), type.parameters(), values, session::connection));
        } catch (RuntimeException e) {
            return "step '" + step.id() + "' was running when the run stopped, and its parameters cannot be resolved now: "
                    + e.getMessage();
        }
        if (type.idempotent(config)) {
            session.emit(RunEvent.Kind.WARNING, step.id(), "was running when the run stopped; " + type.name()
                    + " is safe to run again");
            return null;
        }
        ProbeOutcome probe;
        try {
            probe = type.probe(config, new LiveStepContext(session, step.id(), step.background(), new StepExecutor(session)));
        } catch (RuntimeException e) {
            return "step '" + step.id() + "' was running when the run stopped, and probing it failed: " + e.getMessage();
        }
        switch (probe.state()) {
            case DONE -> {
                session.scope.setStepValues(step.id(), probe.result().orElseThrow().values());
                session.record("step_completed", Map.of("step", step.id(), "values",
                        session.masker.maskValue(probe.result().get().values()), "secret_keys", List.of(), "probed", true));
                session.emit(RunEvent.Kind.WARNING, step.id(), "was running when the run stopped; the probe found it done: "
                        + probe.detail());
                return null;
            }
            case NOT_DONE -> {
                session.emit(RunEvent.Kind.WARNING, step.id(), "was running when the run stopped; the probe found it not done, "
                        + "running it again: " + probe.detail());
                return null;
            }
            default -> {
                return "step '" + step.id() + "' (" + type.name() + ") was running when the run stopped, and stepwise cannot "
                        + "tell whether it took effect";
            }
        }
    }
}
