package io.stepwise.engine.testkit;

import io.stepwise.engine.internal.Masker;
import io.stepwise.engine.internal.StepChecks;
import io.stepwise.engine.internal.actions.DefaultActionRunner;
import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.NestedStep;
import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.spi.action.Action;
import io.stepwise.engine.spi.action.ActionRunner;
import io.stepwise.engine.spi.action.BackgroundProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs one step type outside a run, for step tests, through the engine's own rules: a parameter map
 * (as a plan's {@code with:} would hold it) is written into a one-step plan that the engine's loader,
 * schema and validator check ({@link StepChecks}); binding resolves it with the engine's resolver and
 * checks it as a run would. It then plans or executes with a {@link TestStepContext} backed by a real
 * {@link DefaultActionRunner} over a run directory. A config a real plan is refused is refused here.
 *
 * <p>A {@code {type, with}} map for a STEP parameter becomes a {@code NestedStep}, run by
 * {@link #runNested} with the types given to the harness. Connection passwords and
 * {@link Builder#secret} values are masked by the engine's {@link Masker}. {@code evaluate} is the
 * engine's sandboxed JEXL with {@code result} bound to the result's values; a test may supply its own
 * evaluator instead.
 */
public final class StepHarness implements AutoCloseable {
    private final Map<String, StepType<?>> types = new LinkedHashMap<>();
    private final Map<String, ConnectionInfo> connections;
    private final Masker masker = new Masker();
    private final BiFunction<String, StepResult, Object> evaluator;
    private final Path runDir;
    private final boolean ownsRunDir;
    private final AtomicBoolean interrupted = new AtomicBoolean();
    private final DefaultActionRunner runner;
    private final List<String> progress = new CopyOnWriteArrayList<>();
    private final List<String> said = new CopyOnWriteArrayList<>();
    private final List<Registered> backgrounds = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();

    /** A background process a step registered, and whether it asked to be kept. */
    public record Registered(BackgroundProcess process, boolean keep, String stepId) {
    }

    private StepHarness(Builder builder) throws IOException {
        builder.types.forEach(t -> types.put(t.name(), t));
        this.connections = new LinkedHashMap<>(builder.connections);
        builder.secrets.forEach(this::addSecret);
        connections.values().forEach(c -> c.setting("password").map(String::valueOf).ifPresent(this::addSecret));
        this.evaluator = builder.evaluator == null ? engineExpressions() : builder.evaluator;
        this.ownsRunDir = builder.runDir == null;
        this.runDir = ownsRunDir ? Files.createTempDirectory("stepwise-harness-") : builder.runDir;
        this.runner = new DefaultActionRunner(runDir, this::mask, interrupted::get);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A harness knowing these types (for nested steps), no connections. */
    public static StepHarness of(StepType<?>... types) {
        return builder().types(types).build();
    }

    // ---- running a step ---------------------------------------------------------------------

    /** What {@code stepwise validate} says about a step of this type with these parameters. */
    public List<ParamProblem> validate(StepType<?> type, Map<String, Object> params) {
        return validate(type, params, false);
    }

    /** What {@code stepwise validate} says about such a step with {@code background: true} when {@code background}. */
    public List<ParamProblem> validate(StepType<?> type, Map<String, Object> params, boolean background) {
        return checks(type).validate(type, params, background).stream()
                .map(f -> new ParamProblem(f.parameter(), f.message(), f.hint())).toList();
    }

    /**
     * Binds as a run would (resolve, check against the declarations and the type's validate, bind),
     * without the plan-level validation; throws {@link IllegalArgumentException} with what it refuses.
     */
    public <C> C bind(StepType<C> type, Map<String, Object> params) {
        return checks(type).bind(type, params, false);
    }

    /** As {@link #bind}, for a step with {@code background: true}. */
    public <C> C bindInBackground(StepType<C> type, Map<String, Object> params) {
        return checks(type).bind(type, params, true);
    }

    private StepChecks checks(StepType<?> type) {
        List<StepType<?>> known = new ArrayList<>(types.values());
        if (!types.containsKey(type.name())) {
            known.add(type);
        }
        return new StepChecks(known, connections);
    }

    /** Validates (throwing {@link IllegalArgumentException} on problems), binds and plans. */
    public <C> List<Action> plan(StepType<C> type, Map<String, Object> params) {
        C config = validated(type, params);
        return type.plan(config, context(type, false));
    }

    /** Validates, binds and executes in the foreground. */
    public <C> StepResult execute(StepType<C> type, Map<String, Object> params) {
        C config = validated(type, params);
        return type.execute(config, context(type, false));
    }

    /** Validates, binds and executes as {@code background: true} would. */
    public <C> StepResult executeInBackground(StepType<C> type, Map<String, Object> params) {
        C config = validated(type, params, true);
        return type.execute(config, context(type, true));
    }

    /** Validates, binds and plans as {@code background: true} would. */
    public <C> List<Action> planInBackground(StepType<C> type, Map<String, Object> params) {
        C config = validated(type, params, true);
        return type.plan(config, context(type, true));
    }

    /** A context as an execution of this type would get, for calling the type's methods directly. */
    public TestStepContext context(StepType<?> type, boolean background) {
        return new TestStepContext(this, type.name().replace('.', '-') + "-" + calls.incrementAndGet(), background);
    }

    private <C> C validated(StepType<C> type, Map<String, Object> params) {
        return validated(type, params, false);
    }

    private <C> C validated(StepType<C> type, Map<String, Object> params, boolean background) {
        List<ParamProblem> problems = validate(type, params, background);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid parameters for " + type.name() + ": "
                    + problems.stream().map(ParamProblem::toString).collect(Collectors.joining("; ")));
        }
        return checks(type).bind(type, params, background);
    }

    StepResult runNested(NestedStep step, String parentId) {
        StepType<?> type = types.get(step.type());
        if (type == null) {
            throw new StepFailedException("unknown step type '" + step.type() + "' in " + step.path(),
                    "give the harness the nested types: StepHarness.builder().types(...)");
        }
        return runNested(type, step, parentId + "." + step.path());
    }

    private <C> StepResult runNested(StepType<C> type, NestedStep step, String stepId) {
        C config = checks(type).bind(type, step.with(), step.path());
        return type.execute(config, new TestStepContext(this, stepId, false));
    }

    Object evaluate(String expression, StepResult result) {
        return evaluator.apply(expression, result);
    }

    private BiFunction<String, StepResult, Object> engineExpressions() {
        StepChecks checks = new StepChecks(types.values(), connections);
        return (expression, result) -> checks.evaluate(expression, Map.of("result", result.values()));
    }

    // ---- what the step saw and did ----------------------------------------------------------

    public Path runDir() {
        return runDir;
    }

    String runId() {
        return "test-run";
    }

    public ActionRunner actions() {
        return runner;
    }

    public ConnectionInfo connection(String name) {
        ConnectionInfo info = connections.get(name);
        if (info == null) {
            throw new IllegalArgumentException("unknown connection '" + name + "' (known: " + connections.keySet() + ")");
        }
        return info;
    }

    /** Progress messages, masked, in order. */
    public List<String> progress() {
        return List.copyOf(progress);
    }

    /** Lines the step said to the person running the plan, masked, in order. */
    public List<String> said() {
        return List.copyOf(said);
    }

    public List<Registered> backgrounds() {
        return List.copyOf(backgrounds);
    }

    /** Asks running and later steps to stop, as Ctrl-C would. */
    public void interrupt() {
        interrupted.set(true);
    }

    public boolean isInterrupted() {
        return interrupted.get();
    }

    public void addSecret(String value) {
        if (value != null && !value.isEmpty()) {
            masker.add(value);
        }
    }

    /** The text as the engine's masker shows it: known secrets and secret-looking shapes as {@code ****}. */
    public String mask(String text) {
        return text == null ? "" : masker.mask(text);
    }

    void recordProgress(String message) {
        progress.add(message);
    }

    void recordSaid(String message) {
        said.add(message);
    }

    void recordBackground(String stepId, BackgroundProcess process, boolean keep) {
        backgrounds.add(new Registered(process, keep, stepId));
    }

    int stopBackground(String stepId) {
        int stopped = 0;
        for (Registered r : backgrounds) {
            if (r.stepId().equals(stepId) && r.process().isAlive()) {
                r.process().stop();
                stopped++;
            }
        }
        backgrounds.removeIf(r -> r.stepId().equals(stepId));
        return stopped;
    }

    /** Stops every registered background process (kept or not), closes the runner, removes its own run dir. */
    @Override
    public void close() {
        try {
            backgrounds.forEach(b -> b.process().stop());
            runner.close();
        } finally {
            if (ownsRunDir) {
                deleteTree(runDir);
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp dir is not worth failing a test
        }
    }

    /** Configures a harness. */
    public static final class Builder {
        private final List<StepType<?>> types = new ArrayList<>();
        private final Map<String, ConnectionInfo> connections = new LinkedHashMap<>();
        private final List<String> secrets = new ArrayList<>();
        private BiFunction<String, StepResult, Object> evaluator;
        private Path runDir;

        private Builder() {
        }

        /** Types nested steps may name. */
        public Builder types(StepType<?>... values) {
            types.addAll(List.of(values));
            return this;
        }

        public Builder types(List<? extends StepType<?>> values) {
            types.addAll(values);
            return this;
        }

        public Builder connection(ConnectionInfo connection) {
            connections.put(connection.name(), connection);
            return this;
        }

        public Builder connections(List<ConnectionInfo> values) {
            values.forEach(this::connection);
            return this;
        }

        public Builder secret(String value) {
            secrets.add(value);
            return this;
        }

        /** Replaces the default JEXL evaluator of {@code context.evaluate}. */
        public Builder evaluator(BiFunction<String, StepResult, Object> value) {
            this.evaluator = value;
            return this;
        }

        /** Uses (and keeps) this run directory instead of a temporary one. */
        public Builder runDir(Path dir) {
            this.runDir = dir;
            return this;
        }

        public StepHarness build() {
            try {
                return new StepHarness(this);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
