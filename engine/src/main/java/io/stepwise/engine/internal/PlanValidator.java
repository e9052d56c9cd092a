package io.stepwise.engine.internal;

import io.stepwise.engine.api.ConnectionDef;
import io.stepwise.engine.api.InputDef;
import io.stepwise.engine.api.Plan;
import io.stepwise.engine.api.PlanNode;
import io.stepwise.engine.api.Position;
import io.stepwise.engine.api.Problem;
import io.stepwise.engine.api.StepDef;
import io.stepwise.engine.internal.expr.ExpressionEngine;
import io.stepwise.engine.internal.expr.ExpressionException;
import io.stepwise.engine.internal.expr.Template;
import io.stepwise.engine.spi.Param;
import io.stepwise.engine.spi.ParamType;
import io.stepwise.engine.spi.StepType;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks everything that can be checked before a run: step types, parameters, expressions and the
 * references between steps. Collects every problem; never stops at the first.
 */
final class PlanValidator {
    static final Set<String> RUN_FIELDS = Set.of("id", "dir", "plan", "started");
    private static final Set<String> SCOPE_ROOTS = Set.of("inputs", "steps", "env", "run", "sql", "result");

    private final StepRegistry registry;
    private final ExpressionEngine expressions;
    private final List<Problem> problems;

    PlanValidator(StepRegistry registry, ExpressionEngine expressions, List<Problem> problems) {
        this.registry = registry;
        this.expressions = expressions;
        this.problems = problems;
    }

    void validate(Plan plan) {
        Map<String, Integer> order = new HashMap<>();
        Map<String, Set<String>> exported = new HashMap<>();
        for (StepDef step : plan.steps()) {
            exported.put(step.id(), exportedNames(step));
        }
        for (ConnectionDef connection : plan.connections().values()) {
            Scope scope = new Scope(plan, order, exported, null, false, Integer.MAX_VALUE);
            checkTemplates(connection.settings(), scope, null, List.of());
        }
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < plan.steps().size(); i++) {
            StepDef step = plan.steps().get(i);
            if (!ids.add(step.id())) {
                problems.add(Problem.at(step.position(), "duplicate step id '" + step.id() + "'",
                        "step ids must be unique").inStep(step.id(), step.type()));
            }
            order.putIfAbsent(step.id(), i);
            checkStep(plan, step, new Scope(plan, order, exported, step.id(), false, i));
            for (StepDef undo : step.rollback()) {
                checkStep(plan, undo, new Scope(plan, order, exported, step.id(), true, i + 1));
            }
        }
    }

    private Set<String> exportedNames(StepDef step) {
        Set<String> names = new LinkedHashSet<>(step.capture().keySet());
        registry.find(step.type()).ifPresent(t -> {
            t.outputs().forEach(o -> names.add(o.name()));
            names.addAll(t.namedOutputs(new NodeParamValues(step.with())));
        });
        return names;
    }

    private void checkStep(Plan plan, StepDef step, Scope scope) {
        Optional<StepType<?>> type = registry.find(step.type());
        if (type.isEmpty()) {
            add(step, step.position(), registry.unknownMessage(step.type()), registry.unknownHint(step.type()));
        } else {
            checkParams(plan, step, type.get(), step.with(), step.background());
            if (step.background() && !type.get().supportsBackground()) {
                add(step, step.position(), "type '" + step.type() + "' cannot run in the background",
                        "remove 'background: true'");
            }
        }
        checkTemplates(step.with(), scope, step, type.map(StepType::parameters).orElse(List.of()));
        step.when().ifPresent(w -> checkScalar(w, scope, step));
        step.confirm().ifPresent(c -> checkText(c, step.position(), scope, step));
        Scope withResult = scope.withResult();
        step.until().ifPresent(u -> checkScalar(u, withResult, step));
        step.capture().forEach((name, expr) -> checkCapture(expr, withResult, step));
    }

    private void checkParams(Plan plan, StepDef step, StepType<?> type, PlanNode.Mapping with, boolean background) {
        Map<String, Param<?>> declared = new HashMap<>();
        type.parameters().forEach(d -> declared.put(d.name(), d));
        with.entries().forEach((name, node) -> {
            Param<?> d = declared.get(name);
            if (d == null) {
                String hint = Suggestions.closest(name, declared.keySet()).map(s -> "did you mean '" + s + "'?")
                        .orElse("parameters of " + type.name() + ": " + String.join(", ", declared.keySet()));
                add(step, with.keyPosition(name), "unknown parameter '" + name + "'", hint);
            } else {
                new ParamChecker(plan, step, this).check(d, node);
            }
        });
        NodeParamValues values = new NodeParamValues(with, background, plan.connections());
        java.util.Set<String> given = with.entries().keySet();
        Optional<String> action = ParamRules.actionOf(type).flatMap(values::literal);
        for (ParamRules.Violation v : ParamRules.across(type, given, action)) {
            add(step, v.param() == null ? with.position() : values.position(v.param()), v.message(), v.hint());
        }
        type.validate(values, (param, message, hint) -> add(step,
                param == null ? with.position() : with.get(param).map(PlanNode::position).orElse(with.position()),
                param == null ? message : message.contains(param) ? message : "'" + param + "': " + message, hint));
    }

    /** Checks a nested step given as a parameter (such as the check of a wait). */
    void checkNested(Plan plan, StepDef owner, PlanNode.Mapping nested) {
        Optional<String> typeName = nested.get("type").map(PlanNode::toPlain).map(String::valueOf);
        if (typeName.isEmpty()) {
            add(owner, nested.position(), "a nested step needs 'type'", "write {type: sql, with: {...}}");
            return;
        }
        Optional<StepType<?>> type = registry.find(typeName.get());
        if (type.isEmpty()) {
            add(owner, nested.get("type").get().position(), registry.unknownMessage(typeName.get()),
                    registry.unknownHint(typeName.get()));
            return;
        }
        nested.entries().keySet().stream().filter(k -> !k.equals("type") && !k.equals("with")).forEach(k ->
                add(owner, nested.keyPosition(k), "unknown key '" + k + "' in a nested step", "use type and with"));
        PlanNode.Mapping with = nested.get("with").filter(n -> n instanceof PlanNode.Mapping)
                .map(n -> (PlanNode.Mapping) n).orElse(PlanParser.emptyMapping(nested.position()));
        checkParams(plan, owner, type.get(), with, false);
    }

    private void checkTemplates(PlanNode node, Scope scope, StepDef step, List<Param<?>> params) {
        Map<String, Param<?>> byName = new HashMap<>();
        params.forEach(p -> byName.put(p.name(), p));
        if (node instanceof PlanNode.Mapping map) {
            map.entries().forEach((key, value) -> {
                Param<?> d = byName.get(key);
                boolean usesResult = d != null && d.type() == ParamType.STEP;
                checkTree(value, usesResult ? scope.withResult() : scope, step);
            });
        } else {
            checkTree(node, scope, step);
        }
    }

    private void checkTree(PlanNode node, Scope scope, StepDef step) {
        if (node instanceof PlanNode.Scalar scalar) {
            checkScalar(scalar, scope, step);
        } else if (node instanceof PlanNode.Mapping map) {
            map.entries().values().forEach(v -> checkTree(v, scope, step));
        } else if (node instanceof PlanNode.Sequence seq) {
            seq.items().forEach(v -> checkTree(v, scope, step));
        }
    }

    private void checkScalar(PlanNode.Scalar scalar, Scope scope, StepDef step) {
        if (scalar.value() instanceof String text) {
            checkText(text, scalar.position(), scope, step);
        }
    }

    private void checkCapture(PlanNode.Scalar scalar, Scope scope, StepDef step) {
        String text = String.valueOf(scalar.value());
        if (Template.mayContainExpression(text)) {
            checkText(text, scalar.position(), scope, step);
        } else {
            checkExpression(text, scalar.position(), scope, step);
        }
    }

    private void checkText(String text, Position position, Scope scope, StepDef step) {
        if (!Template.mayContainExpression(text)) {
            return;
        }
        Template template;
        try {
            template = Template.parse(text);
        } catch (Template.TemplateSyntaxException e) {
            add(step, shift(position, text, e.offset()), e.getMessage(), "write ${name}; use $${ for a literal ${");
            return;
        }
        for (Template.Expr expr : template.expressions()) {
            checkExpression(expr.expression(), shift(position, text, expr.offset()), scope, step);
        }
    }

    private void checkExpression(String expression, Position position, Scope scope, StepDef step) {
        List<List<String>> references;
        try {
            references = expressions.references(expression);
        } catch (ExpressionException e) {
            add(step, position, e.getMessage(), null);
            return;
        }
        for (List<String> path : references) {
            checkReference(path, position, scope, step);
        }
    }

    private void checkReference(List<String> path, Position position, Scope scope, StepDef step) {
        String root = path.get(0);
        String shown = String.join(".", path);
        switch (root) {
            case "inputs" -> {
                if (path.size() > 1 && !scope.plan.inputs().containsKey(path.get(1))) {
                    add(step, position, "unknown input '" + path.get(1) + "' in ${" + shown + "}",
                            hint(path.get(1), scope.plan.inputs().keySet(), "declare it under inputs:"));
                }
            }
            case "steps" -> checkStepReference(path, position, scope, step, shown);
            case "run" -> {
                if (path.size() > 1 && !RUN_FIELDS.contains(path.get(1))) {
                    add(step, position, "unknown run value '" + path.get(1) + "'", "known: " + RUN_FIELDS);
                }
            }
            case "result" -> {
                if (!scope.resultAllowed) {
                    add(step, position, "${" + shown + "} is only available in capture, until and nested checks",
                            "to read another step's values write ${steps.<id>.<name>}");
                }
            }
            case "env", "sql" -> { }
            default -> add(step, position, "unknown name '" + root + "' in ${" + shown + "}",
                    hint(root, SCOPE_ROOTS, "names: inputs, steps, env, run"));
        }
    }

    private void checkStepReference(List<String> path, Position position, Scope scope, StepDef step, String shown) {
        if (path.size() < 2) {
            return;
        }
        String id = path.get(1);
        Integer index = scope.order.get(id);
        boolean known = scope.exported.containsKey(id);
        if (!known) {
            add(step, position, "unknown step '" + id + "' in ${" + shown + "}",
                    hint(id, scope.exported.keySet(), "steps are referred to by id"));
            return;
        }
        if (scope.stepIndex != Integer.MAX_VALUE && (index == null || index >= scope.stepIndex)) {
            boolean self = id.equals(scope.stepId) && !scope.inRollback;
            add(step, position, "${" + shown + "} refers to " + (self ? "the step itself" : "step '" + id
                    + "', which runs later"), self ? "use ${result.<name>} in capture or until"
                    : "a step can only read values of steps before it");
            return;
        }
        if (path.size() > 2 && !scope.exported.get(id).contains(path.get(2))) {
            Set<String> names = scope.exported.get(id);
            add(step, position, "step '" + id + "' has no output or capture '" + path.get(2) + "'",
                    names.isEmpty() ? "it declares none; add a capture: to it"
                            : hint(path.get(2), names, "it has: " + String.join(", ", names)));
        }
    }

    private static String hint(String word, Set<String> candidates, String fallback) {
        return Suggestions.closest(word, candidates).map(s -> "did you mean '" + s + "'?").orElse(fallback);
    }

    void add(StepDef step, Position position, String message, String hint) {
        Problem problem = Problem.at(position, message, hint);
        problems.add(step == null ? problem : problem.inStep(step.id(), step.type()));
    }

    /** Problems in a template point at the value that holds it (quoting makes finer columns unreliable). */
    private static Position shift(Position position, String text, int offset) {
        return position;
    }

    private record Scope(Plan plan, Map<String, Integer> order, Map<String, Set<String>> exported, String stepId,
            boolean inRollback, int stepIndex, boolean resultAllowed) {
        Scope(Plan plan, Map<String, Integer> order, Map<String, Set<String>> exported, String stepId,
                boolean inRollback, int stepIndex) {
            this(plan, order, exported, stepId, inRollback, stepIndex, false);
        }

        Scope withResult() {
            return new Scope(plan, order, exported, stepId, inRollback, stepIndex, true);
        }
    }

    static void checkInputs(Plan plan, Map<String, String> given, List<Problem> problems, boolean requireValues) {
        given.keySet().stream().filter(k -> !plan.inputs().containsKey(k)).forEach(k -> problems.add(Problem.at(
                new Position(plan.source().toString(), 0, 0), "--set " + k + ": the plan has no input '" + k + "'",
                hint(k, plan.inputs().keySet(), "inputs: " + String.join(", ", plan.inputs().keySet())))));
        for (InputDef input : plan.inputs().values()) {
            Optional<String> value = Optional.ofNullable(given.get(input.name()))
                    .or(() -> input.env().map(System::getenv));
            if (value.isPresent()) {
                try {
                    InputValues.convert(input, value.get());
                } catch (IllegalArgumentException e) {
                    problems.add(Problem.at(input.position(), "input '" + input.name() + "': " + e.getMessage()));
                }
            } else if (requireValues && input.required() && input.defaultValue().isEmpty()) {
                problems.add(Problem.at(input.position(), "missing required input '" + input.name() + "'",
                        "pass --set " + input.name() + "=..." + input.env().map(e -> " or set " + e).orElse("")));
            }
            input.defaultValue().ifPresent(d -> {
                try {
                    InputValues.convert(input, d);
                } catch (IllegalArgumentException e) {
                    problems.add(Problem.at(input.position(), "default of input '" + input.name() + "': " + e.getMessage()));
                }
            });
        }
    }
}
