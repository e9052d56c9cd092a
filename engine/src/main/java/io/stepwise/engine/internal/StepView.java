package io.stepwise.engine.internal;

import io.stepwise.engine.api.StepDef;

/** The shell's {@code show STEP}: the step as dry-run renders it, with the values the run knows now. */
final class StepView {
    private final RunSession session;
    private final StepRegistry registry;

    StepView(RunSession session, StepRegistry registry) {
        this.session = session;
        this.registry = registry;
    }

    String render(StepDef step, int index) {
        RunScope view = new RunScope(System.getenv());
        session.scope.inputs().forEach(view::setInput);
        view.setRun("id", session.runId);
        view.setRun("dir", session.runDir.toString());
        view.setRun("plan", session.plan.name());
        for (StepDef s : session.plan.steps()) {
            if (session.scope.hasStep(s.id())) {
                view.setStepValues(s.id(), session.scope.stepValues(s.id()));
            } else {
                view.deferStep(s.id());
            }
        }
        return new DryRunner(session.plan, registry, session.expressions, view, session.masker).renderStep(step, index);
    }
}
