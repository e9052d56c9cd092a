package io.stepwise.engine.internal;

import io.stepwise.engine.api.ErrorCode;
import io.stepwise.engine.api.InputDef;
import io.stepwise.engine.api.InvalidPlanException;
import io.stepwise.engine.api.Plan;
import io.stepwise.engine.api.RunEvent;
import io.stepwise.engine.api.RunOptions;
import io.stepwise.engine.api.RunStatus;
import io.stepwise.engine.api.StepStatus;
import io.stepwise.engine.api.StepwiseException;
import io.stepwise.engine.internal.expr.ExpressionEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Opens live sessions: a new run of a plan, or an existing run from its journal (resume, rollback,
 * the shell). Holds the run's lock for as long as the session is open.
 */
final class SessionFactory {
    private final StepRegistry registry;
    private final ExpressionEngine expressions;
    private final PlanLoader loader;

    SessionFactory(StepRegistry registry, ExpressionEngine expressions, PlanLoader loader) {
        this.registry = registry;
        this.expressions = expressions;
        this.loader = loader;
    }

    /** A session with its lock; closing it releases both. */
    record Opened(RunSession session, RunLock lock) implements AutoCloseable {
        @Override
        public void close() {
            try {
                session.close();
            } finally {
                lock.close();
            }
        }
    }

    Opened create(Path planFile, RunOptions options) {
        Plan plan = loader.load(planFile, options.inputs(), true);
        Path stateDir = RunLocator.stateDir(options.stateDir(), Optional.of(planFile));
        String runId = newRunId(plan);
        Path runDir = RunLocator.runDir(stateDir, runId);
        RunLock lock = RunLock.acquire(runDir, runId);
        try {
            Masker masker = new Masker();
            RunScope scope = runScope(plan, runId, runDir, java.time.Instant.now().toString());
            Map<String, Object> inputs = inputValues(plan, options.inputs(), Map.of(), masker, scope);
            copyPlan(planFile, runDir);
            RunSession session = new RunSession(plan, runId, runDir, options, registry, expressions, masker, scope,
                    Journal.open(runDir, options.durableJournal()), new RunState());
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("run_id", runId);
            fields.put("plan_file", planFile.toAbsolutePath().normalize().toString());
            fields.put("plan_name", plan.name());
            fields.put("plan_digest", plan.digest());
            fields.put("step_checksums", StepChecksums.of(plan));
            fields.put("inputs", RunDriver.journaledInputs(plan, inputs));
            fields.put("pid", ProcessHandle.current().pid());
            fields.put("host", RunLock.hostName());
            session.record("run_started", fields);
            RunLocator.remember(stateDir, runId, runDir);
            session.emit(RunEvent.Kind.RUN_STARTED, null, plan.name(), java.time.Duration.ZERO,
                    Map.of("run_dir", runDir.toString(), "steps", plan.steps().size(), "resumed", false));
            return new Opened(session, lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** Opens an existing run; {@code mode} is resume, rollback or shell (for the journal). */
    Opened attach(Optional<String> run, Optional<Path> planOption, RunOptions options, String mode) {
        Path runDir = RunLocator.find(run, planOption, options.stateDir());
        RunState state = RunState.replay(runDir.resolve(Journal.FILE_NAME));
        String runId = state.runId;
        if (!mode.equals("rollback") && state.finished.isPresent()) {
            refuseFinished(state.finished.get(), runId);
        }
        Path planFile = planOption.orElse(Path.of(state.planFile));
        if (!Files.isRegularFile(planFile)) {
            throw new StepwiseException(ErrorCode.USAGE, "the plan of run " + runId + " is gone: " + planFile,
                    "pass --plan PLAN (a copy is in " + runDir.resolve("plan.yaml") + ")");
        }
        Map<String, String> given = new LinkedHashMap<>();
        state.inputs.forEach((k, v) -> {
            if (v != null && !Masker.MASK.equals(v)) {
                given.put(k, String.valueOf(v));
            }
        });
        given.putAll(options.inputs());
        PlanLoader.Checked checked = loader.check(planFile, given, false);
        if (!checked.problems().isEmpty()) {
            throw new InvalidPlanException(checked.problems());
        }
        Plan plan = checked.plan();
        checkPlanChange(plan, state, runId, options.acceptPlanChange() || mode.equals("rollback"));
        RunLock lock = RunLock.acquire(runDir, runId);
        try {
            Masker masker = new Masker();
            RunScope scope = runScope(plan, runId, runDir, String.valueOf(state.started));
            inputValues(plan, options.inputs(), new LinkedHashMap<>(state.inputs), masker, scope);
            RunSession session = new RunSession(plan, runId, runDir, options, registry, expressions, masker, scope,
                    Journal.open(runDir, options.durableJournal()), state);
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("pid", ProcessHandle.current().pid());
            fields.put("host", RunLock.hostName());
            fields.put("mode", mode);
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
            return new Opened(session, lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static void refuseFinished(RunStatus done, String runId) {
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

    private static void checkPlanChange(Plan plan, RunState state, String runId, boolean accept) {
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
    private static void adoptBackground(RunSession session) {
        for (Map.Entry<String, List<Long>> entry : new LinkedHashMap<>(session.state.backgroundPids).entrySet()) {
            String step = entry.getKey();
            if (session.state.status(step) != StepStatus.COMPLETED) {
                continue;
            }
            boolean allAlive = true;
            for (long pid : new java.util.LinkedHashSet<>(entry.getValue())) {
                Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
                if (handle.isPresent() && pid != ProcessHandle.current().pid()) {
                    session.adoptBackground(step, new AdoptedProcess(step + " (pid " + pid + ")", handle.get()));
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
    /** The run's names as expressions see them ({@code run.id}, {@code run.dir}, ...); inputs come next. */
    private static RunScope runScope(Plan plan, String runId, Path runDir, String started) {
        RunScope scope = new RunScope(System.getenv());
        scope.setRun("id", runId);
        scope.setRun("dir", runDir.toString());
        scope.setRun("plan", plan.name());
        scope.setRun("started", started);
        return scope;
    }


    /** Typed input values from --set, the journal (resume), the environment or defaults; secrets registered. */
    static Map<String, Object> inputValues(Plan plan, Map<String, String> given, Map<String, Object> journaled,
            Masker masker, RunScope scope) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (InputDef input : plan.inputs().values()) {
            Object raw = given.get(input.name());
            if (raw == null && input.env().isPresent()) {
                raw = System.getenv(input.env().get());
            }
            if (raw == null && journaled.containsKey(input.name()) && !input.secret()) {
                raw = journaled.get(input.name());
            }
            if (raw == null) {
                raw = input.defaultValue().orElse(null);
            }
            if (raw == null) {
                if (input.required()) {
                    throw new StepwiseException(ErrorCode.INVALID_PLAN, "missing required input '" + input.name() + "'",
                            "pass --set " + input.name() + "=..." + input.env().map(e -> " or set " + e).orElse(""));
                }
                scope.setInput(input.name(), null);
                continue;
            }
            Object value = InputValues.convert(input, raw);
            if (input.secret()) {
                masker.add(value, "inputs." + input.name());
            }
            values.put(input.name(), value);
            scope.setInput(input.name(), value);
        }
        return values;
    }

    static String newRunId(Plan plan) {
        String slug = plan.name().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-|-$)", "");
        if (slug.length() > 32) {
            slug = slug.substring(0, 32).replaceAll("-$", "");
        }
        return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
                + (slug.isEmpty() ? "plan" : slug) + "-" + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
    }

    static void copyPlan(Path planFile, Path runDir) {
        try {
            Files.createDirectories(runDir);
            Files.copy(planFile, runDir.resolve("plan.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StepwiseException(ErrorCode.JOURNAL, "cannot write to " + runDir + ": " + e.getMessage(),
                    "check that the state directory is writable", e);
        }
    }
}
