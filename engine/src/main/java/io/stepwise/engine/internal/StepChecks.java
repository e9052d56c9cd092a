package io.stepwise.engine.internal;

import io.stepwise.engine.api.Plan;
import io.stepwise.engine.api.PlanNode;
import io.stepwise.engine.api.Problem;
import io.stepwise.engine.api.StepDef;
import io.stepwise.engine.internal.expr.ExpressionEngine;
import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.StepType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;

/**
 * The engine's own loader, checker, resolver and expression engine, for one step outside a run:
 * the step test kit goes through here, so a contract test passes exactly the configs a real plan
 * passes. Not API: tests only.
 */
public final class StepChecks {
    private static final String STEP_ID = "step";
    private final StepRegistry registry;
    private final ExpressionEngine expressions = new ExpressionEngine();
    private final Map<String, ConnectionInfo> connections;

    /** {@code types}: the types a plan may name (the step's own and any nested ones). */
    public StepChecks(Collection<? extends StepType<?>> types, Map<String, ConnectionInfo> connections) {
        this.registry = StepRegistry.of(types);
        this.connections = Map.copyOf(connections);
    }

    /** One problem {@code stepwise validate} reports, with the parameter it is about (null: the step). */
    public record Found(String parameter, String message, String hint, Problem problem) {
    }

    private static final java.util.regex.Pattern QUOTED = java.util.regex.Pattern.compile("'([a-z][a-z0-9_]*(?:\\.[A-Za-z0-9_-]+)*)'");

    /** What {@code stepwise validate} reports for a plan with one step of this type and these parameters. */
    public List<Found> validate(StepType<?> type, Map<String, Object> with) {
        return validate(type, with, false);
    }

    /** As {@link #validate(StepType, Map)}, for a step with {@code background: true} when {@code background}. */
    public List<Found> validate(StepType<?> type, Map<String, Object> with, boolean background) {
        PlanLoader.Checked checked = check(type, with, background);
        PlanNode.Mapping written = checked.plan() == null || checked.plan().steps().isEmpty()
                ? null : checked.plan().steps().get(0).with();
        List<Found> found = new ArrayList<>();
        for (Problem problem : checked.problems()) {
            String parameter = null;
            if (written != null) {
                for (Map.Entry<String, PlanNode> entry : written.entries().entrySet()) {
                    if (entry.getValue().position().equals(problem.position())
                            || written.keyPosition(entry.getKey()).equals(problem.position())) {
                        parameter = entry.getKey();
                    }
                }
            }
            java.util.regex.Matcher quoted = QUOTED.matcher(problem.message());
            if (quoted.find() && (parameter == null || quoted.group(1).startsWith(parameter + "."))) {
                parameter = quoted.group(1);
            }
            found.add(new Found(parameter, problem.message(), problem.hint().orElse(null), problem));
        }
        return found;
    }

    /** Resolves (over a scope with nothing in it but the environment), checks and binds as a run would. */
    public <C> C bind(StepType<C> type, Map<String, Object> with) {
        return bind(type, with, false);
    }

    /** As {@link #bind(StepType, Map)}, for a step with {@code background: true} when {@code background}. */
    public <C> C bind(StepType<C> type, Map<String, Object> with, boolean background) {
        PlanLoader.Checked checked = check(type, with, background);
        StepDef step = checked.plan().steps().get(0);
        return bind(type, step.with(), STEP_ID, background);
    }

    /** Binds parameters already in plan form (a nested step's {@code with}). */
    public <C> C bind(StepType<C> type, PlanNode.Mapping with, String path) {
        return bind(type, with, path, false);
    }

    private <C> C bind(StepType<C> type, PlanNode.Mapping with, String path, boolean background) {
        Masker masker = new Masker();
        Resolver resolver = new Resolver(expressions, new RunScope(System.getenv()), masker);
        Map<String, Object> values = resolver.resolveParams(type.parameters(), with, path, null);
        return StepBinding.checkedBind(type, new ResolvedParams(path, type.parameters(), values, this::connection)
                .inBackground(background));
    }

    /** Evaluates an expression as the engine does (sandboxed JEXL) over the given top-level names. */
    public Object evaluate(String expression, Map<String, Object> variables) {
        return expressions.evaluate(expression, variables, v -> false).value();
    }

    private ConnectionInfo connection(String name) {
        ConnectionInfo info = connections.get(name);
        if (info == null) {
            throw new IllegalArgumentException("unknown connection '" + name + "' (known: " + connections.keySet() + ")");
        }
        return info;
    }

    private PlanLoader.Checked check(StepType<?> type, Map<String, Object> with, boolean background) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("name", "step-check");
        if (!connections.isEmpty()) {
            Map<String, Object> defs = new LinkedHashMap<>();
            connections.forEach((name, info) -> {
                Map<String, Object> def = new LinkedHashMap<>();
                def.put("type", info.type());
                info.settings().forEach((k, v) -> def.put(k, plain(v)));
                defs.put(name, def);
            });
            document.put("connections", defs);
        }
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("id", STEP_ID);
        step.put("type", type.name());
        if (background) {
            step.put("background", true);
        }
        step.put("with", plain(with));
        document.put("steps", List.of(step));
        String text = new Dump(DumpSettings.builder().build()).dumpToString(document);
        PlanNode root = new YamlLoader().parse(text, "step.yaml");
        PlanLoader.Checked checked = new PlanLoader(registry, expressions).check(root, text, Path.of("step.yaml"), Map.of(), false);
        return checked;
    }

    /** A test's Java values as YAML would hold them: durations as text, numbers as they are. */
    private static Object plain(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(plain(v)));
            return copy;
        }
        if (value instanceof Duration d) {
            return Durations.asPlanText(d);
        }
        if (value instanceof Integer i) {
            return Long.valueOf(i);
        }
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        return String.valueOf(value);
    }

    /** The plan the checks ran on, for tests that look at it. */
    Plan plan(StepType<?> type, Map<String, Object> with) {
        return check(type, with, false).plan();
    }
}
