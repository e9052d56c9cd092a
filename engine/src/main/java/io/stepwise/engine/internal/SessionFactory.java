package io.stepwise.engine.internal;

import io.stepwise.engine.api.ErrorCode;
import io.stepwise.engine.api.InputDef;
import io.stepwise.engine.api.InvalidPlanException;
import io.stepwise.engine.api.Plan;
import io.stepwise.engine.api.ReviewFile;
import io.stepwise.engine.api.RunEvent;
import io.stepwise.engine.api.RunOptions;
import io.stepwise.engine.api.RunStatus;
import io.stepwise.engine.api.StepwiseException;
import io.stepwise.engine.spi.Secrets;
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
        return create(planFile, options, Optional.empty(), true);
    }

    /**
     * A new run. Unless it is the shell's ({@code interactive}), a plan that requires a review is
     * refused without one, and a review file given is checked against the plan before anything is
     * created: a run that differs from what was reviewed is refused (exit 2), nothing run.
     */
    Opened create(Path planFile, RunOptions options, Optional<ReviewFile> review, boolean interactive) {
        Plan plan = loader.load(planFile, options.inputs(), true);
        Optional<Reviews.Matched> matched = Optional.empty();
        if (!interactive && review.isPresent()) {
            matched = Optional.of(new Reviews(registry, expressions).check(plan, options.inputs(), review.get()));
        } else if (!interactive && plan.requireReview()) {
            throw Reviews.reviewRequired(plan);
        }
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
            session.record(new JournalEntry.RunStarted(runId, planFile.toAbsolutePath().normalize().toString(), plan.name(),
                    plan.digest(), StepChecksums.of(plan), RunDriver.journaledInputs(plan, inputs),
                    ProcessHandle.current().pid(), RunLock.hostName(), stepTypes(plan), captures(plan)));
            matched.ifPresent(m -> session.record(new JournalEntry.Reviewed(m.reviewDigest(), m.reviewName(),
                    System.getProperty("user.name", "?"), RunLock.hostName())));
            RunLocator.remember(stateDir, runId, runDir);
            session.emit(RunEvent.Kind.RUN_STARTED, null, plan.name(), java.time.Duration.ZERO,
                    Map.of("run_dir", runDir.toString(), "steps", plan.steps().size(), "resumed", false));
            return new Opened(session, lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Opens an existing run for resume, rollback or the shell: one replay of its journal, the plan
     * checked against it, the values of its steps restored; the world it describes is restored by
     * {@link RunRecovery}, which the caller runs in the mode it opened the run for.
     */
    Opened attach(Optional<String> run, Optional<Path> planOption, RunOptions options, ResumePolicy.Mode mode) {
        Path runDir = RunLocator.find(run, planOption, options.stateDir());
        RunState state = RunState.replay(runDir.resolve(Journal.FILE_NAME));
        String runId = state.runId();
        if (mode != ResumePolicy.Mode.ROLLBACK && state.finished().isPresent()) {
            refuseFinished(state.finished().get(), runId);
        }
        Path planFile = planOption.orElse(Path.of(state.header().planFile()));
        if (!Files.isRegularFile(planFile)) {
            throw new StepwiseException(ErrorCode.USAGE, "the plan of run " + runId + " is gone: " + planFile,
                    "pass --plan " + runDir.resolve("plan.yaml") + " (the copy the run kept)");
        }
        Map<String, String> given = new LinkedHashMap<>();
        state.header().inputs().forEach((k, v) -> {
            if (v != null && !Secrets.MASK.equals(v)) {
                given.put(k, String.valueOf(v));
            }
        });
        given.putAll(options.inputs());
        PlanLoader.Checked checked = loader.check(planFile, given, false);
        if (!checked.problems().isEmpty()) {
            throw new InvalidPlanException(checked.problems());
        }
        Plan plan = checked.plan();
        checkStepNames(plan, options);
        checkPlanChange(plan, state, runId, options.acceptPlanChange() || mode == ResumePolicy.Mode.ROLLBACK);
        RunLock lock = RunLock.acquire(runDir, runId);
        try {
            Masker masker = new Masker();
            RunScope scope = runScope(plan, runId, runDir, String.valueOf(state.header().started()));
            inputValues(plan, options.inputs(), new LinkedHashMap<>(state.header().inputs()), masker, scope);
            RunSession session = new RunSession(plan, runId, runDir, options, registry, expressions, masker, scope,
                    Journal.open(runDir, options.durableJournal()), state);
            boolean changed = !plan.digest().equals(state.header().planDigest());
            session.record(new JournalEntry.Resumed(mode.name().toLowerCase(java.util.Locale.ROOT),
                    ProcessHandle.current().pid(), RunLock.hostName(), lock.previousOwner().orElse(null),
                    changed ? plan.digest() : null, changed ? StepChecksums.of(plan) : null));
            lock.previousOwner().ifPresent(o -> session.emit(RunEvent.Kind.WARNING, null, "took over the run from pid "
                    + o.get("pid") + " on " + o.get("host") + ", which is no longer running"));
            session.emit(RunEvent.Kind.RUN_STARTED, null, plan.name(), java.time.Duration.ZERO,
                    Map.of("run_dir", runDir.toString(), "steps", plan.steps().size(), "resumed", true,
                            "mode", mode.name().toLowerCase(java.util.Locale.ROOT)));
            JournaledValues.restore(session);
            return new Opened(session, lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** Each step's type, so {@code status} can show a run from its journal without reading the plan. */
    private static Map<String, String> stepTypes(Plan plan) {
        Map<String, String> types = new LinkedHashMap<>();
        plan.steps().forEach(s -> types.put(s.id(), s.type()));
        return types;
    }

    private static Map<String, List<String>> captures(Plan plan) {
        Map<String, List<String>> captures = new LinkedHashMap<>();
        plan.steps().stream().filter(s -> !s.capture().isEmpty())
                .forEach(s -> captures.put(s.id(), List.copyOf(s.capture().keySet())));
        return captures;
    }

    /** --rerun and --skip name steps of the plan; anything else is a usage error before anything happens. */
    private static void checkStepNames(Plan plan, RunOptions options) {
        List<String> ids = plan.steps().stream().map(io.stepwise.engine.api.StepDef::id).toList();
        for (String option : List.of("--rerun", "--skip")) {
            for (String step : option.equals("--rerun") ? options.rerun() : options.skip()) {
                if (!ids.contains(step)) {
                    throw new StepwiseException(ErrorCode.USAGE, option + " " + step + ": the plan has no step '" + step + "'",
                            Suggestions.closest(step, ids).map(s -> "did you mean '" + s + "'?")
                                    .orElse("steps: " + String.join(", ", ids)));
                }
            }
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
        if (plan.digest().equals(state.header().planDigest())) {
            return;
        }
        Map<String, String> now = StepChecksums.of(plan);
        List<String> changes = new ArrayList<>();
        now.forEach((id, sum) -> {
            String before = state.header().stepChecksums().get(id);
            if (before == null) {
                changes.add(id + " (added)");
            } else if (!before.equals(sum)) {
                changes.add(id + " (changed" + (state.status(id).isDone() ? ", already done" : "") + ")");
            }
        });
        state.header().stepChecksums().keySet().stream().filter(id -> !now.containsKey(id)).forEach(id -> changes.add(id + " (removed)"));
        if (changes.isEmpty() || accept) {
            return;
        }
        throw new StepwiseException(ErrorCode.USAGE, "the plan changed since run " + runId + " started: "
                + String.join(", ", changes), "review the change; resume with --accept-plan-change to go on with the edited plan");
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
            if (StandardInput.is(planFile)) {
                Files.writeString(runDir.resolve("plan.yaml"), StandardInput.read());
                return;
            }
            Files.copy(planFile, runDir.resolve("plan.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StepwiseException(ErrorCode.JOURNAL, "cannot write to " + runDir + ": " + e.getMessage(),
                    "check that the state directory is writable", e);
        }
    }
}
