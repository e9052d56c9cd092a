package io.stepwise.engine.internal;

import io.stepwise.engine.api.Plan;
import io.stepwise.engine.api.PlanNode;
import io.stepwise.engine.api.StepDef;
import io.stepwise.engine.spi.Param;
import java.util.Optional;

/**
 * Checks one literal parameter value against its declaration: its shape, then the declaration's
 * rules ({@link ParamRules}). Expressions are checked the same way once resolved, before the step binds.
 */
final class ParamChecker {
    private final Plan plan;
    private final StepDef step;
    private final PlanValidator validator;

    ParamChecker(Plan plan, StepDef step, PlanValidator validator) {
        this.plan = plan;
        this.step = step;
        this.validator = validator;
    }

    void check(Param<?> d, PlanNode node) {
        if (isExpression(node)) {
            return;
        }
        Object value = node.toPlain();
        if (value == null) {
            if (d.isRequired()) {
                fail(d, node, "must not be empty", null);
            }
            return;
        }
        if (shapeIsRight(d, node, value) && !NodeParamValues.containsExpression(node)) {
            rules(d, node, value);
        }
    }

    private boolean shapeIsRight(Param<?> d, PlanNode node, Object value) {
        switch (d.type()) {
            case STRING, TEXT, SQL -> {
                return expect(node instanceof PlanNode.Scalar, d, node, "must be a string, not a " + shape(node), null);
            }
            case INTEGER -> {
                return expect(value instanceof Long, d, node, "must be a whole number, not '" + value + "'", example(d));
            }
            case NUMBER -> {
                return expect(value instanceof Number, d, node, "must be a number, not '" + value + "'", example(d));
            }
            case BOOLEAN -> {
                return expect(value instanceof Boolean, d, node, "must be true or false, not '" + value + "'", null);
            }
            case STRING_LIST, SQL_LIST -> {
                if (!(node instanceof PlanNode.Sequence seq)) {
                    return expect(false, d, node, "must be a list, not a " + shape(node), example(d));
                }
                Optional<PlanNode> bad = seq.items().stream().filter(i -> !(i instanceof PlanNode.Scalar)).findFirst();
                bad.ifPresent(i -> fail(d, i, "items must be strings, not a " + shape(i), null));
                return bad.isEmpty();
            }
            case LIST -> {
                return expect(node instanceof PlanNode.Sequence, d, node, "must be a list, not a " + shape(node), null);
            }
            case MAP -> {
                return expect(node instanceof PlanNode.Mapping, d, node, "must be a mapping, not a " + shape(node), null);
            }
            case CONNECTION -> {
                String name = String.valueOf(value);
                if (!expect(plan.connections().containsKey(name), d, node, "unknown connection '" + name + "'",
                        Suggestions.closest(name, plan.connections().keySet()).map(s -> "did you mean '" + s + "'?")
                                .orElse(plan.connections().isEmpty() ? "declare it under connections:"
                                        : "connections: " + String.join(", ", plan.connections().keySet())))) {
                    return false;
                }
                String type = plan.connections().get(name).type();
                expect(d.allowedValues().isEmpty() || d.allowedValues().contains(type), d, node,
                        ParamRules.connectionTypeProblem(d, name, type), "name a connection of type "
                                + String.join(" or ", d.allowedValues()));
                return false;
            }
            case STEP -> {
                if (node instanceof PlanNode.Mapping nested) {
                    validator.checkNested(plan, step, nested);
                    return false;
                }
                return expect(false, d, node, "must be a step: {type: ..., with: {...}}", null);
            }
            default -> {
                return true;
            }
        }
    }

    private <T> void rules(Param<T> d, PlanNode node, Object value) {
        T typed;
        try {
            typed = ParamConversion.convert(d, value);
        } catch (IllegalArgumentException e) {
            validator.add(step, node.position(), e.getMessage(), null);
            return;
        }
        ParamRules.valueProblem(d, typed).ifPresent(problem -> fail(d, node, problem,
                ParamRules.allowedHint(d, value).or(() -> ParamRules.rangeHint(d, problem)).orElse(example(d))));
    }

    private static String example(Param<?> d) {
        return d.example().map(e -> "for example " + Examples.asYaml(e)).orElse(null);
    }

    private boolean expect(boolean holds, Param<?> d, PlanNode node, String message, String hint) {
        if (!holds) {
            fail(d, node, message, hint);
        }
        return holds;
    }

    private static boolean isExpression(PlanNode node) {
        return node instanceof PlanNode.Scalar s && s.value() instanceof String text && text.contains("${");
    }

    private static String shape(PlanNode node) {
        return node instanceof PlanNode.Mapping ? "mapping" : node instanceof PlanNode.Sequence ? "list" : "value";
    }

    private void fail(Param<?> d, PlanNode node, String message, String hint) {
        validator.add(step, node.position(), "'" + d.name() + "' " + message, hint);
    }
}
