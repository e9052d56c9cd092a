package io.stepwise.cli;

import io.stepwise.engine.api.DryRunFormat;
import io.stepwise.engine.api.Engine;
import io.stepwise.engine.api.InvalidPlanException;
import io.stepwise.engine.api.Plan;
import io.stepwise.engine.api.Problem;
import io.stepwise.engine.api.RunEvent;
import io.stepwise.engine.api.RunOptions;
import io.stepwise.engine.api.RunReport;
import io.stepwise.engine.api.RunStatus;
import io.stepwise.engine.api.StepReport;
import io.stepwise.engine.api.StepStatus;
import io.stepwise.engine.api.StepTypeInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** An engine whose answers the test decides; it records what the command line asked of it. */
final class FakeEngine implements Engine {
    List<Problem> problems = List.of();
    String dryRunText = "1. log: hello\n";
    String schema = "{\"type\": \"object\"}";
    List<StepTypeInfo> types = List.of();
    List<RunReport> runs = List.of();
    List<io.stepwise.engine.api.PrunedRun> pruned = List.of();
    Function<RunOptions, RunReport> behaviour = options -> report(RunStatus.SUCCEEDED);

    final List<String> calls = new ArrayList<>();
    Path lastPlan;
    Map<String, String> lastInputs;
    DryRunFormat lastFormat;
    RunOptions lastOptions;
    Optional<String> lastRun;
    Optional<Path> lastStateDir;

    /** The run emits these events, then returns the report. */
    static Function<RunOptions, RunReport> emitting(RunReport report, RunEvent... events) {
        return options -> {
            for (RunEvent event : events) {
                options.listener().onEvent(event);
            }
            return report;
        };
    }

    static Function<RunOptions, RunReport> throwing(RuntimeException failure) {
        return options -> {
            throw failure;
        };
    }

    static RunReport report(RunStatus status, StepReport... steps) {
        return new RunReport("r1", "demo", Path.of("plans/demo.yaml"), Path.of("plans/.stepwise/r1"), status,
                List.of(steps), List.of());
    }

    /** A step whose outputs are all values the plan captured (the summary shows captures). */
    static StepReport step(String id, String type, StepStatus status, long millis, Map<String, Object> outputs) {
        return new StepReport(id, type, status, 1, Duration.ofMillis(millis), outputs,
                status == StepStatus.FAILED ? Optional.of("exit code 3 from /bin/false") : Optional.empty(),
                List.copyOf(outputs.keySet()));
    }

    static RunEvent event(RunEvent.Kind kind, String step, String message, long elapsedMillis,
            Object... keysAndValues) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            data.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return new RunEvent(kind, "r1", Optional.ofNullable(step), message, Duration.ofMillis(elapsedMillis), data);
    }

    @Override
    public Plan load(Path planFile, Map<String, String> inputs) {
        throw new UnsupportedOperationException("the command line does not load plans itself");
    }

    @Override
    public List<Problem> validate(Path planFile, Map<String, String> inputs, boolean requireInputs) {
        calls.add(requireInputs ? "validate" : "validate allowing missing inputs");
        lastPlan = planFile;
        lastInputs = inputs;
        return problems;
    }

    @Override
    public String dryRun(Path planFile, Map<String, String> inputs, DryRunFormat format) {
        calls.add("dryRun");
        lastPlan = planFile;
        lastInputs = inputs;
        lastFormat = format;
        failWhenInvalid();
        return dryRunText;
    }

    @Override
    public RunReport run(Path planFile, RunOptions options) {
        calls.add("run");
        lastPlan = planFile;
        lastOptions = options;
        failWhenInvalid();
        return behaviour.apply(options);
    }

    @Override
    public RunReport runReviewed(Path planFile, RunOptions options, io.stepwise.engine.api.ReviewFile review) {
        calls.add("runReviewed");
        lastPlan = planFile;
        lastOptions = options;
        failWhenInvalid();
        return behaviour.apply(options);
    }

    @Override
    public String review(Path planFile, Map<String, String> inputs) {
        calls.add("review");
        failWhenInvalid();
        return "review of " + planFile;
    }

    @Override
    public RunReport resume(Optional<String> run, Optional<Path> planFile, RunOptions options) {
        calls.add("resume");
        lastRun = run;
        lastPlan = planFile.orElse(null);
        lastOptions = options;
        return behaviour.apply(options);
    }

    @Override
    public RunReport rollback(Optional<String> run, Optional<Path> planFile, RunOptions options) {
        calls.add("rollback");
        lastRun = run;
        lastPlan = planFile.orElse(null);
        lastOptions = options;
        return behaviour.apply(options);
    }

    @Override
    public RunReport status(Optional<String> run, Optional<Path> planFile, Optional<Path> stateDir) {
        calls.add("status");
        lastRun = run;
        lastPlan = planFile.orElse(null);
        lastStateDir = stateDir;
        return runs.get(0);
    }

    @Override
    public List<RunReport> runs(Optional<Path> planFile, Optional<Path> stateDir) {
        calls.add("runs");
        lastStateDir = stateDir;
        return runs;
    }

    @Override
    public List<io.stepwise.engine.api.PrunedRun> prune(Optional<Path> planFile, Optional<Path> stateDir,
            Optional<Duration> olderThan, int keep, boolean rehearse) {
        calls.add("prune " + olderThan.map(Duration::toString).orElse("-") + " keep " + keep + (rehearse ? " rehearse" : ""));
        lastStateDir = stateDir;
        return pruned;
    }

    @Override
    public io.stepwise.engine.api.InteractiveRun open(Path planFile, RunOptions options) {
        throw new UnsupportedOperationException("the fake engine does not step");
    }

    @Override
    public io.stepwise.engine.api.InteractiveRun attach(Optional<String> run, Optional<Path> planFile, RunOptions options) {
        throw new UnsupportedOperationException("the fake engine does not step");
    }

    @Override
    public List<StepTypeInfo> stepTypes() {
        calls.add("stepTypes");
        return types;
    }

    @Override
    public String planSchema() {
        calls.add("planSchema");
        return schema;
    }

    private void failWhenInvalid() {
        if (!problems.isEmpty()) {
            throw new InvalidPlanException(problems);
        }
    }
}
