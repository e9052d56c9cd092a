package io.stepwise.engine.internal;

import io.stepwise.engine.api.RunEvent;
import io.stepwise.engine.api.StepDef;
import io.stepwise.engine.api.StepStatus;
import io.stepwise.engine.spi.Reversibility;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.spi.StepType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Undoes the completed steps of a run, newest first: a plan's own {@code rollback:} steps, or the
 * type's rollback, or "needs a person". Each undo is journaled, so a rollback is itself resumable.
 */
final class Rollbacker {
    private final RunSession session;
    private final StepExecutor executor;

    Rollbacker(RunSession session, StepExecutor executor) {
        this.session = session;
        this.executor = executor;
    }

    /** Returns true when nothing is left for a person to do. */
    boolean rollback() {
        session.record(new JournalEntry.RollbackStarted());
        session.emit(RunEvent.Kind.ROLLBACK_STARTED, null, "rolling back completed steps, newest first");
        boolean clean = true;
        List<StepDef> steps = new ArrayList<>(session.plan.steps());
        java.util.Collections.reverse(steps);
        for (StepDef step : steps) {
            StepStatus status = session.state.status(step.id());
            Optional<String> earlier = session.state.rollbackOf(step.id());
            if (earlier.isPresent() && !JournalEntry.RollbackStep.FAILED.equals(earlier.get())) {
                // a second rollback continues the first; what needed a person still does
                clean &= !JournalEntry.RollbackStep.NEEDS_PERSON.equals(earlier.get());
                continue;
            }
            if (status == StepStatus.COMPLETED || status == StepStatus.ROLLBACK_FAILED) {
                clean &= undo(step);
            } else if (status == StepStatus.FAILED || status == StepStatus.INTERRUPTED || status == StepStatus.RUNNING) {
                clean &= partial(step);
            }
        }
        session.stopBackground(true, "rollback", ResourceState.Lifecycle.STOPPED_BY_ROLLBACK);
        session.record(new JournalEntry.RollbackFinished(clean));
        session.emit(RunEvent.Kind.ROLLBACK_FINISHED, null, clean ? "rollback complete"
                : "rollback incomplete: some steps need a person", java.time.Duration.ZERO, Map.of("clean", clean));
        return clean;
    }

    private boolean undo(StepDef step) {
        if (!step.rollback().isEmpty()) {
            try {
                for (StepDef undo : step.rollback()) {
                    session.emit(RunEvent.Kind.ROLLBACK_STEP, step.id(), "running " + undo.id() + " (" + undo.type() + ")",
                            java.time.Duration.ZERO, Map.of("status", "RUNNING", "undo_step", undo.id()));
                    executor.invoke(session.registry.get(undo.type()), undo.with(), undo.id(),
                            new LiveStepContext(session, undo.id(), false, executor));
                }
                return report(step, "rolled_back", "undone by its rollback steps");
            } catch (RuntimeException e) {
                return report(step, "failed", "its rollback failed: " + e.getMessage());
            }
        }
        StepType<?> type = session.registry.get(step.type());
        try {
            return undoByType(step, type);
        } catch (RuntimeException e) {
            return report(step, "failed", "its rollback failed: " + e.getMessage());
        }
    }

    private <C> boolean undoByType(StepDef step, StepType<C> type) {
        C config = bind(step, type);
        Reversibility reversibility = type.reversibility(config);
        switch (reversibility) {
            case NOTHING_TO_UNDO:
                return report(step, "nothing_to_undo", "nothing to undo");
            case SELF:
                StepResult result = new StepResult(session.scope.stepValues(step.id()));
                type.rollback(config, result, new LiveStepContext(session, step.id(), false, executor));
                return report(step, "rolled_back", "undone by " + type.name());
            default:
                report(step, "needs_person", "needs a person: " + type.name()
                        + " cannot undo itself and the plan declares no rollback: for this step");
                return false;
        }
    }

    private boolean partial(StepDef step) {
        StepType<?> type = session.registry.get(step.type());
        try {
            if (reversibility(step, type) == Reversibility.NOTHING_TO_UNDO) {
                return report(step, "nothing_to_undo", "failed, nothing to undo");
            }
        } catch (RuntimeException e) {
            // cannot even bind: a person has to look
        }
        report(step, "needs_person", "needs a person: it failed and may have partly taken effect");
        return false;
    }

    private <C> Reversibility reversibility(StepDef step, StepType<C> type) {
        return type.reversibility(bind(step, type));
    }

    private <C> C bind(StepDef step, StepType<C> type) {
        return StepBinding.bind(session, step, type);
    }

    private boolean report(StepDef step, String status, String message) {
        String masked = session.masker.mask(message);
        session.record(new JournalEntry.RollbackStep(step.id(), status, status.equals("failed") ? masked : null, masked));
        // events spell statuses as the report does (ROLLED_BACK, NEEDS_PERSON); the journal keeps its lower case
        session.emit(RunEvent.Kind.ROLLBACK_STEP, step.id(), message, java.time.Duration.ZERO,
                Map.of("status", status.toUpperCase(java.util.Locale.ROOT)));
        return !status.equals("failed") && !status.equals("needs_person");
    }
}
