package io.stepwise.engine.internal;

import io.stepwise.engine.api.DryRunFormat;
import io.stepwise.engine.api.Engine;
import io.stepwise.engine.api.InteractiveRun;
import io.stepwise.engine.api.ErrorCode;
import io.stepwise.engine.api.Plan;
import io.stepwise.engine.api.Problem;
import io.stepwise.engine.api.PrunedRun;
import io.stepwise.engine.api.RunOptions;
import io.stepwise.engine.api.ReviewFile;
import io.stepwise.engine.api.RunReport;
import io.stepwise.engine.api.RunStatus;
import io.stepwise.engine.api.StepTypeInfo;
import io.stepwise.engine.api.StepwiseException;
import io.stepwise.engine.internal.expr.ExpressionEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The engine behind {@link Engine}: loads, validates, renders, runs, resumes and rolls back plans. */
public final class DefaultEngine implements Engine {
    private final StepRegistry registry;
    private final ExpressionEngine expressions = new ExpressionEngine();
    private final PlanLoader loader;
    private final SessionFactory sessions;

    public DefaultEngine(StepRegistry registry) {
        this.registry = registry;
        this.loader = new PlanLoader(registry, expressions);
        this.sessions = new SessionFactory(registry, expressions, loader);
    }

    public static Engine withServiceLoader(ClassLoader classLoader) {
        return new DefaultEngine(StepRegistry.load(classLoader));
    }

    @Override
    public Plan load(Path planFile, Map<String, String> inputs) {
        return loader.load(planFile, inputs, true);
    }

    @Override
    public List<Problem> validate(Path planFile, Map<String, String> inputs, boolean requireInputs) {
        return loader.check(planFile, inputs, requireInputs).problems();
    }

    @Override
    public String dryRun(Path planFile, Map<String, String> inputs, DryRunFormat format) {
        Plan plan = loader.load(planFile, inputs, false);
        return new DryRunner(plan, registry, expressions).render(inputs, format);
    }

    @Override
    public RunReport run(Path planFile, RunOptions options) {
        try (SessionFactory.Opened opened = sessions.create(planFile, options, Optional.empty(), false)) {
            return new RunDriver(opened.session()).runRemaining();
        }
    }

    @Override
    public RunReport runReviewed(Path planFile, RunOptions options, ReviewFile review) {
        try (SessionFactory.Opened opened = sessions.create(planFile, options, Optional.of(review), false)) {
            return new RunDriver(opened.session()).runRemaining();
        }
    }

    @Override
    public String review(Path planFile, Map<String, String> inputs) {
        Plan plan = loader.load(planFile, inputs, false);
        return new Reviews(registry, expressions).reviewFile(plan, inputs);
    }

    @Override
    public InteractiveRun open(Path planFile, RunOptions options) {
        return new Stepper(sessions.create(planFile, options), registry);
    }

    @Override
    public InteractiveRun attach(Optional<String> run, Optional<Path> planFile, RunOptions options) {
        SessionFactory.Opened opened = sessions.attach(run, planFile, options, ResumePolicy.Mode.SHELL);
        try {
            new RunRecovery(opened.session(), ResumePolicy.Mode.SHELL).restoreWorld();
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
        return new Stepper(opened, registry);
    }

    @Override
    public RunReport resume(Optional<String> run, Optional<Path> planFile, RunOptions options) {
        return new Resumer(sessions).resume(run, planFile, options);
    }

    @Override
    public RunReport rollback(Optional<String> run, Optional<Path> planFile, RunOptions options) {
        return new Resumer(sessions).rollback(run, planFile, options);
    }

    @Override
    public RunReport status(Optional<String> run, Optional<Path> planFile, Optional<Path> stateDir) {
        Path runDir = RunLocator.find(run, planFile, stateDir);
        return report(runDir);
    }

    RunReport report(Path runDir) {
        RunState state = RunState.replay(runDir.resolve(Journal.FILE_NAME));
        Plan plan = null;
        try {
            Path planFile = Path.of(state.header().planFile());
            // a journal that names its steps' types is enough; an earlier one needs the plan for them
            boolean journalNamesTypes = !state.header().stepTypes().isEmpty()
                    && state.header().stepTypes().keySet().equals(state.header().stepChecksums().keySet());
            if (!journalNamesTypes && Files.isRegularFile(planFile)) {
                plan = loader.read(planFile).orElse(null);
            }
        } catch (RuntimeException e) {
            // status works from the journal alone
        }
        RunReport report = Reports.of(plan, state, runDir, new Masker());
        if (report.status() == RunStatus.RUNNING && !isLive(runDir)) {
            List<String> notes = new ArrayList<>(report.notes());
            notes.add("the runner is gone (crashed or killed): continue with stepwise resume " + report.runId());
            return new RunReport(report.runId(), report.planName(), report.planFile(), report.runDir(), report.status(),
                    report.steps(), notes);
        }
        return report;
    }

    private static boolean isLive(Path runDir) {
        try (RunLock lock = RunLock.acquire(runDir, runDir.getFileName().toString())) {
            return false;
        } catch (StepwiseException e) {
            return e.code() == ErrorCode.LOCKED;
        }
    }

    @Override
    public List<RunReport> runs(Optional<Path> planFile, Optional<Path> stateDir) {
        List<RunReport> reports = new ArrayList<>();
        for (Path dir : RunLocator.list(RunLocator.system().stateDirsToList(planFile, stateDir))) {
            try {
                RunState state = RunState.replay(dir.resolve(Journal.FILE_NAME));
                reports.add(Reports.of(null, state, dir, new Masker()));
            } catch (StepwiseException e) {
                // a damaged run is listed by status <run>, which says what is wrong
            }
        }
        return reports;
    }

    @Override
    public List<PrunedRun> prune(Optional<Path> planFile, Optional<Path> stateDir, Optional<Duration> olderThan, int keep,
            boolean rehearse) {
        return RunPruner.prune(RunLocator.list(RunLocator.system().stateDirsToList(planFile, stateDir)), olderThan, keep,
                rehearse);
    }

    @Override
    public List<StepTypeInfo> stepTypes() {
        return StepTypeInfos.of(registry);
    }

    @Override
    public String planSchema() {
        return new SchemaGenerator(registry).generate();
    }
}
