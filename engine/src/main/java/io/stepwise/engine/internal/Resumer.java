package io.stepwise.engine.internal;

import io.stepwise.engine.api.ErrorCode;
import io.stepwise.engine.api.Plan;
import io.stepwise.engine.api.RunEvent;
import io.stepwise.engine.api.RunOptions;
import io.stepwise.engine.api.RunReport;
import io.stepwise.engine.api.RunStatus;
import io.stepwise.engine.api.StepDef;
import io.stepwise.engine.api.StepStatus;
import io.stepwise.engine.api.StepwiseException;
import io.stepwise.engine.internal.expr.ExpressionEngine;
import io.stepwise.engine.spi.ProbeOutcome;
import io.stepwise.engine.spi.StepType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Continues a run from its journal: completed steps keep their values, a changed plan is refused
 * unless accepted, a step left in flight is rerun only when that is known to be safe.
 */
final class Resumer {
    private final StepRegistry registry;
    private final ExpressionEngine expressions;
    private final PlanLoader loader;

    Resumer(DefaultEngine engine, StepRegistry registry, ExpressionEngine expressions, PlanLoader loader) {
        this.registry = registry;
        this.expressions = expressions;
        this.loader = loader;
    }

    RunReport resume(Optional<String> run, Optional<Path> planOption, RunOptions options) {
        return open(run, planOption, options, false);
    }

    RunReport rollback(Optional<String> run, Optional<Path> planOption, RunOptions options) {
        return open(run, planOption, options, true);
    }

    private RunReport open(Optional<String> run, Optional<Path> planOption, RunOptions options, boolean rollback) {
        Path runDir = RunLocator.find(run, planOption, options.stateDir());
        RunState state = RunState.replay(runDir.resolve(Journal.FILE_NAME));
        String runId = state.runId;
        if (!rollback && state.finished.isPresent()) {
            RunStatus done = state.finished.get();
            if (done == RunStatus.SUCCEEDED) {
                throw new StepwiseException(ErrorCode.USAGE, "run " + runId + " already succeeded; nothing to resume",
                        "start a new run with stepwise run");
            }
            if (done == RunStatus.ROLLED_BACK || done == RunStatus.ROLLBACK_INCOMPLETE) {
                throw new StepwiseException(ErrorCode.USAGE, "run " + runId + " was rolled back; it cannot be resumed",
                        done == RunStatus.ROLLBACK_INCOMPLETE ? "finish it with stepwise rollback " + runId
                                : "start a new run with stepwise run");
            }
        }
        Path planFile = planOption.orElse(Path.of(state.planFile));
        if (!Files.isRegularFile(planFile)) {
            throw new StepwiseException(ErrorCode.USAGE, "the plan of run " + runId + " is gone: " + planFile,
                    "pass --plan PLAN (a copy is in " + runDir.resolve("plan.yaml") + ")");
        }
        Map<String, String> given = new LinkedHashMap<>();
        state.inputs.forEach((k, v) -> {
            if (v != null && !"****".equals(v)) {
                given.put(k, String.valueOf(v));
            }
        });
        given.putAll(options.inputs());
        PlanLoader.Checked checked = loader.check(planFile, given, false);
        if (!checked.problems().isEmpty()) {
            throw new io.stepwise.engine.api.InvalidPlanException(checked.problems());
        }
        Plan plan = checked.plan();
        checkPlanChange(plan, state, runId, options.acceptPlanChange() || rollback);
        try (RunLock lock = RunLock.acquire(runDir, runId)) {
            Masker masker = new Masker();
            RunScope scope = new RunScope(System.getenv());
            DefaultEngine.inputValues(plan, options.inputs(), state.inputs, masker, scope);
            scope.setRun("id", runId);
            scope.setRun("dir", runDir.toString());
            scope.setRun("plan", plan.name());
            scope.setRun("started", String.valueOf(state.started));
            try (RunSession session = new RunSession(plan, runId, runDir, options, registry, expressions, masker, scope,
                    Journal.open(runDir, options.durableJournal()), state)) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("pid", ProcessHandle.current().pid());
                fields.put("host", RunLock.hostName());
                fields.put("mode", rollback ? "rollback" : "resume");
                lock.previousOwner().ifPresent(o -> fields.put("took_over_from", o));
                if (!plan.digest().equals(state.planDigest)) {
                    fields.put("plan_digest", plan.digest());
                    fields.put("step_checksums", StepChecksums.of(plan));
                }
                session.record("resumed", fields);
                lock.previousOwner().ifPresent(o -> session.emit(RunEvent.Kind.WARNING, null, "took over the run from pid "
                        + o.get("pid") + " on " + o.get("host") + ", which is no longer running"));
                session.emit(RunEvent.Kind.RUN_STARTED, null, plan.name(), java.time.Duration.ZERO,
                        Map.of("run_dir", runDir.toString(), "steps", plan.steps().size(), "resumed", true));
                RunDriver.restoreValues(session);
                adoptBackground(session);
                RunDriver driver = new RunDriver(session);
                if (rollback) {
                    return driver.rollback();
                }
                decideInFlight(session, options);
                return driver.runRemaining();
            }
        }
    }

    private void checkPlanChange(Plan plan, RunState state, String runId, boolean accept) {
        if (plan.digest().equals(state.planDigest)) {
            return;
        }
        Map<String, String> now = StepChecksums.of(plan);
        List<String> changes = new ArrayList<>();
        now.forEach((id, sum) -> {
            String before = state.stepChecksums.get(id);
            if (before == null) {
                changes.add(id + " (added)");
            } else if (!before.equals(sum)) {
                changes.add(id + " (changed" + (state.status(id).isDone() ? ", already done" : "") + ")");
            }
        });
        state.stepChecksums.keySet().stream().filter(id -> !now.containsKey(id)).forEach(id -> changes.add(id + " (removed)"));
        if (changes.isEmpty() || accept) {
            return;
        }
        throw new StepwiseException(ErrorCode.USAGE, "the plan changed since run " + runId + " started: "
                + String.join(", ", changes), "review the change; resume with --accept-plan-change to go on with the edited plan");
    }

    /** Background processes of completed steps: adopted when still alive, else their steps run again. */
    private void adoptBackground(RunSession session) {
        for (Map.Entry<String, List<Long>> entry : session.state.backgroundPids.entrySet()) {
            String step = entry.getKey();
            if (session.state.status(step) != StepStatus.COMPLETED) {
                continue;
            }
            boolean allAlive = true;
            for (long pid : entry.getValue()) {
                Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
                if (handle.isPresent() && pid != ProcessHandle.current().pid()) {
                    session.registerBackground(step, new AdoptedProcess(step + " (pid " + pid + ")", handle.get()), false);
                } else {
                    allAlive = false;
                }
            }
            if (!allAlive) {
                String reason = "step '" + step + "' started a background process that is gone; it runs again";
                session.record("step_reset", Map.of("step", step, "reason", reason));
                session.scope.forgetStep(step);
                session.emit(RunEvent.Kind.WARNING, step, reason);
            }
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
            String decision = decide(session, step, type);
            if (decision != null) {
                throw new StepwiseException(ErrorCode.JOURNAL, decision, "check by hand, then: stepwise resume "
                        + session.runId + " --rerun " + step.id() + "   or   --skip " + step.id());
            }
        }
    }

    /** Null when the step can simply run again; otherwise why the operator must choose. */
    private <C> String decide(RunSession session, StepDef step, StepType<C> type) {
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
