package io.stepwise.engine.internal;

import io.stepwise.engine.api.StepStatus;
import java.util.Objects;

/**
 * The one place that decides what taking a run up again does, for every step and every resource,
 * and says why. Pure: it reads facts gathered by {@link RunRecovery} and returns decisions; nothing
 * here touches the journal, a process or a server.
 */
final class ResumePolicy {
    /** Why the run is taken up again. */
    enum Mode { RESUME, SHELL, ROLLBACK }

    /** What a step's type can do, as far as taking a run up again is concerned. */
    record Capabilities(boolean idempotent, boolean canProbe, boolean restartable) {
        static final Capabilities NONE = new Capabilities(false, false, false);
    }

    /** A step as the journal left it, with what the operator asked for it. */
    record StepFacts(String step, StepStatus status, boolean rerunAsked, boolean skipAsked, Capabilities type) {
        StepFacts {
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(type, "type");
        }
    }

    enum StepAction {
        /** Done (completed or skipped): its values stand and it does not run again. */
        KEEP,
        /** Not started, or failed: it runs when its turn comes. */
        RUN,
        /** It runs again: asked by the operator, or in flight and safe to run twice. */
        RERUN,
        /** In flight: its type's probe tells whether its effect is in place. */
        PROBE,
        /** Skipped by the operator. */
        SKIP,
        /** In flight, and nobody can tell whether it took effect: a person decides (--rerun or --skip). */
        ASK
    }

    record StepDecision(String step, StepAction action, String reason) {
    }

    /** A resource with what is known of it now and of the steps still to run. */
    record ResourceFacts(ResourceState resource, StepAction ownerAction, boolean aliveNow, boolean restartable,
            boolean needed, boolean superseded) {
        ResourceFacts {
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(ownerAction, "ownerAction");
        }

        ResourceFacts(ResourceState resource, StepAction ownerAction, boolean aliveNow, boolean restartable,
                boolean needed) {
            this(resource, ownerAction, aliveNow, restartable, needed, false);
        }
    }

    enum ResourceAction {
        /** Alive: the new runner takes charge of it (and stops it when the run ends, unless kept). */
        ADOPT,
        /** Gone, but its type can start it again on the same data, and what still runs needs it. */
        RESTART,
        /** It ended and stays ended (the run ended it, or nothing still to run needs it). */
        LEAVE_ENDED,
        /** Found gone: journaled as lost, not started again. */
        MARK_LOST,
        /** Alive, and its step runs again: stopped first so the step starts it afresh. */
        STOP,
        /** Its step was in flight: the step's probe (or the operator) decides. */
        LEFT_TO_STEP
    }

    record ResourceDecision(ResourceState resource, ResourceAction action, String reason) {
    }

    StepDecision decide(StepFacts f, Mode mode) {
        String id = f.step();
        if (mode == Mode.ROLLBACK) {
            return new StepDecision(id, StepAction.KEEP, "rollback does not run steps");
        }
        boolean done = f.status().isDone();
        if (f.skipAsked() && !done) {
            return new StepDecision(id, StepAction.SKIP, "skipped by the operator (--skip)");
        }
        if (f.rerunAsked()) {
            return new StepDecision(id, StepAction.RERUN, "run again as the operator asked (--rerun)");
        }
        return switch (f.status()) {
            case COMPLETED, SKIPPED -> new StepDecision(id, StepAction.KEEP, "done; its values are restored");
            case PENDING -> new StepDecision(id, StepAction.RUN, "not started yet");
            case FAILED -> new StepDecision(id, StepAction.RUN, "failed; it runs again");
            case RUNNING, INTERRUPTED -> inFlight(f);
            case ROLLED_BACK, ROLLBACK_FAILED, NEEDS_PERSON ->
                    new StepDecision(id, StepAction.KEEP, "part of a rollback; a rolled-back run is not resumed");
        };
    }

    private static StepDecision inFlight(StepFacts f) {
        String how = f.status() == StepStatus.INTERRUPTED ? "was interrupted" : "was running when the run stopped";
        if (f.type().idempotent()) {
            return new StepDecision(f.step(), StepAction.RERUN, how + "; its type is safe to run again");
        }
        if (f.type().canProbe()) {
            return new StepDecision(f.step(), StepAction.PROBE, how + "; its type's probe tells whether it took effect");
        }
        return new StepDecision(f.step(), StepAction.ASK, how + ", and stepwise cannot tell whether it took effect");
    }

    ResourceDecision decide(ResourceFacts f, Mode mode) {
        ResourceState r = f.resource();
        ResourceState.Lifecycle lifecycle = r.lifecycle();
        if (f.superseded() && !f.aliveNow()) {
            // an earlier start of a step that was started again since (a restart, a rerun): only its successor counts
            return new ResourceDecision(r, lifecycle == ResourceState.Lifecycle.RUNNING ? ResourceAction.MARK_LOST
                    : ResourceAction.LEAVE_ENDED, "gone, and a later start of its step took its place");
        }
        if (mode == Mode.ROLLBACK) {
            return forRollback(f);
        }
        if (f.ownerAction() == StepAction.PROBE || f.ownerAction() == StepAction.ASK) {
            return new ResourceDecision(r, ResourceAction.LEFT_TO_STEP, "its step '" + r.step() + "' was in flight; "
                    + (f.ownerAction() == StepAction.PROBE ? "its probe decides" : "the operator decides"));
        }
        if (f.ownerAction() == StepAction.RERUN) {
            return lifecycle == ResourceState.Lifecycle.RUNNING && f.aliveNow()
                    ? new ResourceDecision(r, ResourceAction.STOP, "its step '" + r.step() + "' runs again")
                    : new ResourceDecision(r, lifecycle == ResourceState.Lifecycle.RUNNING ? ResourceAction.MARK_LOST
                            : ResourceAction.LEAVE_ENDED, "its step '" + r.step() + "' runs again and starts it afresh");
        }
        if (lifecycle.endedByTheRun()) {
            return new ResourceDecision(r, ResourceAction.LEAVE_ENDED, endedHow(r) + "; it stays so");
        }
        if (lifecycle == ResourceState.Lifecycle.RUNNING && f.aliveNow()) {
            return new ResourceDecision(r, ResourceAction.ADOPT, "still running");
        }
        String gone = lifecycle == ResourceState.Lifecycle.RUNNING ? "gone with its runner"
                : lifecycle == ResourceState.Lifecycle.ENDED_WITH_RUN ? "stopped when the run ended" : "gone";
        if (f.restartable() && f.needed()) {
            return new ResourceDecision(r, ResourceAction.RESTART, gone + "; started again on its data, as steps still to "
                    + "run need it");
        }
        ResourceAction leave = lifecycle == ResourceState.Lifecycle.RUNNING ? ResourceAction.MARK_LOST
                : ResourceAction.LEAVE_ENDED;
        if (!f.needed()) {
            return new ResourceDecision(r, leave, gone + "; no step still to run needs it");
        }
        return new ResourceDecision(r, leave, gone + "; its type cannot start it again faithfully");
    }

    private static ResourceDecision forRollback(ResourceFacts f) {
        ResourceState r = f.resource();
        if (r.lifecycle() == ResourceState.Lifecycle.RUNNING && f.aliveNow()) {
            return new ResourceDecision(r, ResourceAction.ADOPT, "still running; stopped when the rollback ends");
        }
        if (r.lifecycle() == ResourceState.Lifecycle.STOPPED_BY_ROLLBACK) {
            return new ResourceDecision(r, ResourceAction.LEAVE_ENDED, "already stopped by the rollback");
        }
        if (f.needed() && f.restartable()) {
            return new ResourceDecision(r, ResourceAction.RESTART, "started again on its data so an undo can reach it; "
                    + "stopped when the rollback ends");
        }
        return new ResourceDecision(r, r.lifecycle() == ResourceState.Lifecycle.RUNNING ? ResourceAction.MARK_LOST
                : ResourceAction.LEAVE_ENDED, f.needed() ? "gone, and its type cannot start it again"
                        : "gone; no undo needs it");
    }

    private static String endedHow(ResourceState r) {
        String by = r.endedBy().map(s -> " '" + s + "'").orElse("");
        return switch (r.lifecycle()) {
            case STOPPED_BY_STEP -> "stopped by step" + by;
            case ENDED_DURING_STEP -> "ended while step" + by + " ran";
            case STOPPED_BY_ROLLBACK -> "stopped by the rollback";
            default -> "ended";
        };
    }
}
