package io.stepwise.engine.internal;

import io.stepwise.engine.api.ErrorCode;
import io.stepwise.engine.api.RunEvent;
import io.stepwise.engine.api.StepDef;
import io.stepwise.engine.api.StepStatus;
import io.stepwise.engine.api.StepwiseException;
import io.stepwise.engine.internal.ResumePolicy.Capabilities;
import io.stepwise.engine.internal.ResumePolicy.Mode;
import io.stepwise.engine.internal.ResumePolicy.ResourceAction;
import io.stepwise.engine.internal.ResumePolicy.ResourceDecision;
import io.stepwise.engine.internal.ResumePolicy.ResourceFacts;
import io.stepwise.engine.internal.ResumePolicy.StepAction;
import io.stepwise.engine.internal.ResumePolicy.StepDecision;
import io.stepwise.engine.internal.ResumePolicy.StepFacts;
import io.stepwise.engine.spi.ProbeOutcome;
import io.stepwise.engine.spi.Reversibility;
import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.spi.StepType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a run up again (resume, rollback, the shell's attach): restores the values of its steps,
 * then gathers the facts {@link ResumePolicy} decides on and carries the decisions out: resources
 * adopted, restarted, left ended; steps probed, rerun, skipped, or left to a person with the one
 * command that goes on.
 */
final class RunRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(RunRecovery.class);

    private final RunSession session;
    private final ResumePolicy policy = new ResumePolicy();
    private final StepExecutor executor;
    private final Mode mode;

    RunRecovery(RunSession session, Mode mode) {
        this.session = session;
        this.mode = mode;
        this.executor = new StepExecutor(session);
    }

    /**
     * Refuses, before anything is touched, when a step left in flight needs a person (its type can
     * neither run it twice safely nor probe it), naming the command that goes on.
     */
    void refuseWhenAPersonMustDecide() {
        for (StepDef step : session.plan.steps()) {
            StepDecision decision = decide(step);
            if (decision.action() == StepAction.ASK) {
                throw askPerson(step.id(), "step '" + step.id() + "' (" + step.type() + ") " + decision.reason());
            }
        }
    }

    private StepwiseException askPerson(String step, String message) {
        return new StepwiseException(ErrorCode.JOURNAL, message, "check by hand whether it took effect, then: stepwise "
                + "resume " + session.runId + " --rerun " + step + "   (or --skip " + step + " if it did)");
    }

    /** Restores the world the journal describes (values were restored when the run was opened). */
    void restoreWorld() {
        Map<String, StepDecision> steps = decideSteps();
        Set<String> needed = neededSteps(steps);
        List<ResourceState> resources = session.state.resources();
        Map<String, ResourceState> newest = new LinkedHashMap<>();
        resources.forEach(r -> newest.put(r.step(), r));
        for (ResourceState resource : resources) {
            StepAction owner = Optional.ofNullable(steps.get(resource.step())).map(StepDecision::action)
                    .orElse(StepAction.KEEP);
            boolean restartable = capabilities(resource.step()).restartable();
            ResourceDecision decision = policy.decide(new ResourceFacts(resource, owner, resource.isAliveNow(),
                    restartable, needed.contains(resource.step()), newest.get(resource.step()) != resource), mode);
            carryOut(decision);
        }
    }

    /** What the policy decides for every step of the plan. */
    Map<String, StepDecision> decideSteps() {
        Map<String, StepDecision> decisions = new LinkedHashMap<>();
        for (StepDef step : session.plan.steps()) {
            decisions.put(step.id(), decide(step));
        }
        return decisions;
    }

    StepDecision decide(StepDef step) {
        StepStatus status = session.state.status(step.id());
        boolean rerun = session.options.rerun().contains(step.id()) && !rerunDecided(step.id());
        boolean skip = session.options.skip().contains(step.id());
        return policy.decide(new StepFacts(step.id(), status, rerun, skip, capabilities(step.id())), mode);
    }

    /** A --rerun is carried out once: after the step ran again, a later resume does not run it a third time. */
    private boolean rerunDecided(String step) {
        return session.state.decisions().stream().anyMatch(d -> JournalEntry.Decision.RERUN.equals(d.kind())
                && step.equals(d.step()) && session.state.step(step).status() != StepStatus.PENDING);
    }

    /**
     * Carries out the decisions about steps before the run goes on: an operator's --rerun and --skip,
     * and every step left in flight. Throws, naming the command that goes on, when a person must decide.
     */
    void settleSteps() {
        for (StepDef step : session.plan.steps()) {
            Optional<String> refusal = settle(step);
            if (refusal.isPresent()) {
                throw askPerson(step.id(), refusal.get());
            }
        }
    }

    /** Settles one step; empty when the run can go on, else why a person must decide. */
    Optional<String> settle(StepDef step) {
        StepDecision decision = decide(step);
        switch (decision.action()) {
            case SKIP -> {
                session.record(new JournalEntry.Decision(JournalEntry.Decision.SKIP, step.id(), decision.reason()));
                session.record(new JournalEntry.StepSkipped(step.id(), decision.reason()));
                session.emit(RunEvent.Kind.STEP_SKIPPED, step.id(), decision.reason());
            }
            case RERUN -> {
                if (session.options.rerun().contains(step.id())) {
                    session.record(new JournalEntry.Decision(JournalEntry.Decision.RERUN, step.id(), decision.reason()));
                }
                session.emit(RunEvent.Kind.WARNING, step.id(), decision.reason());
            }
            case PROBE -> {
                return probe(step, decision);
            }
            case ASK -> {
                return Optional.of("step '" + step.id() + "' (" + step.type() + ") " + decision.reason());
            }
            default -> { }
        }
        return Optional.empty();
    }

    private <C> Optional<String> probe(StepDef step, StepDecision decision) {
        @SuppressWarnings("unchecked")
        StepType<C> type = (StepType<C>) session.registry.get(step.type());
        ProbeOutcome outcome;
        try {
            C config = StepBinding.bind(session, step, type);
            outcome = type.probe(config, context(step.id()));
        } catch (RuntimeException e) {
            return Optional.of("step '" + step.id() + "' " + decision.reason() + ", but probing it failed: "
                    + session.masker.mask(String.valueOf(e.getMessage())));
        }
        switch (outcome.state()) {
            case DONE -> {
                Map<String, Object> values = outcome.result().orElseThrow().values();
                session.scope.setStepValues(step.id(), values);
                List<String> lost = new ArrayList<>();
                session.record(new JournalEntry.StepCompleted(step.id(),
                        JournaledValues.forJournal(session.masker, values, lost), lost, 0L, null, true));
                session.emit(RunEvent.Kind.WARNING, step.id(), decision.reason() + "; the probe found it done: "
                        + outcome.detail());
                return Optional.empty();
            }
            case NOT_DONE -> {
                session.emit(RunEvent.Kind.WARNING, step.id(), decision.reason() + "; the probe found it not done, "
                        + "so it runs again: " + outcome.detail());
                return Optional.empty();
            }
            default -> {
                return Optional.of("step '" + step.id() + "' (" + step.type() + ") was in flight when the run stopped, "
                        + "and stepwise cannot tell whether it took effect");
            }
        }
    }

    /** The steps whose resources the rest of the run needs: read by what still runs, or by what an undo does. */
    private Set<String> neededSteps(Map<String, StepDecision> steps) {
        List<String> active = new ArrayList<>();
        if (mode == Mode.ROLLBACK) {
            for (StepDef step : session.plan.steps()) {
                if (toUndo(step)) {
                    active.add(step.id());
                }
            }
        } else {
            steps.values().stream().filter(d -> d.action() != StepAction.KEEP && d.action() != StepAction.SKIP)
                    .forEach(d -> active.add(d.step()));
            List<String> stopped = runningUntilStopped(active);
            // one that starts again reads what it read before: its server is needed too
            stopped.stream().filter(s -> capabilities(s).restartable()).forEach(active::add);
            Set<String> needed = new LinkedHashSet<>(stopped);
            needed.addAll(new StepReferences(session.plan, session.expressions).readBy(active));
            return needed;
        }
        return new StepReferences(session.plan, session.expressions).readBy(active);
    }

    /**
     * Background steps that a step still to run stops by name, with steps still to run before it:
     * the plan has them running while those steps run (a bank load under the disaster), so they are
     * needed. A stop that is the next thing to run needs nothing started again.
     */
    private List<String> runningUntilStopped(List<String> active) {
        List<String> named = new ArrayList<>();
        Set<String> toRun = new HashSet<>(active);
        boolean earlier = false;
        for (StepDef step : session.plan.steps()) {
            if (!toRun.contains(step.id())) {
                continue;
            }
            if (earlier) {
                named.addAll(stepsActedOn(step));
            }
            earlier = true;
        }
        return named;
    }

    private List<String> stepsActedOn(StepDef step) {
        try {
            return actedOn(step, session.registry.get(step.type()));
        } catch (RuntimeException e) {
            LOG.debug("step {} cannot be bound now: {}", step.id(), e.toString());
            return List.of();
        }
    }

    private <C> List<String> actedOn(StepDef step, StepType<C> type) {
        return type.stepsActedOn(StepBinding.bind(session, step, type));
    }

    /** True when a rollback still has to undo this step, and its undo does something. */
    private boolean toUndo(StepDef step) {
        StepState state = session.state.step(step.id());
        Optional<String> done = session.state.rollbackOf(step.id());
        if (state.completions() == 0 || done.isPresent() && !done.get().equals(JournalEntry.RollbackStep.FAILED)) {
            return false;
        }
        if (!step.rollback().isEmpty()) {
            return true;
        }
        try {
            return reversibility(step, session.registry.get(step.type())) == Reversibility.SELF;
        } catch (RuntimeException e) {
            return true;
        }
    }

    private <C> Reversibility reversibility(StepDef step, StepType<C> type) {
        return type.reversibility(StepBinding.bind(session, step, type));
    }

    private void carryOut(ResourceDecision decision) {
        ResourceState r = decision.resource();
        LOG.info("resource {} of step {}: {} ({})", r.name(), r.step(), decision.action(), decision.reason());
        switch (decision.action()) {
            case ADOPT -> {
                session.adoptBackground(r, adopted(r));
                tell(r, "adopted: " + decision.reason());
            }
            case STOP -> {
                AdoptedProcess process = adopted(r);
                tell(r, "stopping it: " + decision.reason());
                process.stop();
                // its old runner's process, ended so the step starts it afresh: not something a step ended
                session.record(new JournalEntry.ResourceEnded(r.step(), r.pid(),
                        ResourceState.Lifecycle.ENDED_WITH_RUN.journalName(), null));
            }
            case MARK_LOST -> {
                session.record(new JournalEntry.ResourceEnded(r.step(), r.pid(), ResourceState.Lifecycle.LOST.journalName(),
                        null));
                tell(r, decision.reason());
            }
            case RESTART -> restart(r, decision.reason());
            case LEAVE_ENDED, LEFT_TO_STEP -> LOG.debug("{}: {}", r.describe(), decision.reason());
        }
    }

    private AdoptedProcess adopted(ResourceState r) {
        ProcessHandle handle = ProcessHandle.of(r.pid()).orElseThrow();
        return new AdoptedProcess(r.name(), handle);
    }

    private void tell(ResourceState r, String what) {
        session.emit(RunEvent.Kind.STEP_OUTPUT, r.step(), r.describe() + ": " + what);
    }

    private <C> void restart(ResourceState r, String reason) {
        if (r.lifecycle() == ResourceState.Lifecycle.RUNNING) {
            session.record(new JournalEntry.ResourceEnded(r.step(), r.pid(), ResourceState.Lifecycle.LOST.journalName(),
                    null));
        }
        Optional<StepDef> step = session.plan.step(r.step());
        if (step.isEmpty()) {
            return;
        }
        @SuppressWarnings("unchecked")
        StepType<C> type = (StepType<C>) session.registry.get(step.get().type());
        try {
            C config = StepBinding.bind(session, step.get(), type);
            StepResult previous = new StepResult(session.scope.stepValues(r.step()));
            tell(r, reason);
            StepResult fresh = type.restart(config, previous, context(r.step()));
            Map<String, Object> values = new LinkedHashMap<>(previous.values());
            values.putAll(fresh.values());
            session.scope.setStepValues(r.step(), values);
            List<String> lost = new ArrayList<>();
            session.record(new JournalEntry.ResourceRestarted(r.step(),
                    JournaledValues.forJournal(session.masker, fresh.values(), lost), lost, reason));
        } catch (RuntimeException e) {
            String message = session.masker.mask(String.valueOf(e.getMessage()));
            session.emit(RunEvent.Kind.WARNING, r.step(), "could not start " + r.name() + " again: " + message);
            LOG.warn("restart of {} failed", r.describe(), e);
        }
    }

    private StepContext context(String stepId) {
        boolean background = session.plan.step(stepId).map(StepDef::background).orElse(false);
        return new LiveStepContext(session, stepId, background, executor);
    }

    /** What the type of a step can do about taking a run up again, for its config in this run. */
    private Capabilities capabilities(String stepId) {
        Optional<StepDef> step = session.plan.step(stepId);
        if (step.isEmpty()) {
            return Capabilities.NONE;
        }
        return capabilities(step.get(), session.registry.get(step.get().type()));
    }

    private <C> Capabilities capabilities(StepDef step, StepType<C> type) {
        try {
            C config = StepBinding.bind(session, step, type);
            return new Capabilities(type.idempotent(config), StepBinding.overrides(type, "probe"),
                    type.restartable(config));
        } catch (RuntimeException e) {
            LOG.debug("step {} cannot be bound now: {}", step.id(), e.toString());
            return Capabilities.NONE;
        }
    }
}
