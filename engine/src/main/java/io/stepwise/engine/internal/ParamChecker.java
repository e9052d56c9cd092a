package io.stepwise.engine.internal;

import io.stepwise.engine.api.Plan;
import io.stepwise.engine.api.PlanNode;
import io.stepwise.engine.api.StepDef;
import io.stepwise.engine.spi.ParamDescriptor;

/** Checks one literal parameter value against its descriptor; expressions are checked at run time. */
final class ParamChecker {
    private final Plan plan;
    private final StepDef step;
    private final PlanValidator validator;

    ParamChecker(Plan plan, StepDef step, PlanValidator validator) {
        this.plan = plan;
        this.step = step;
        this.validator = validator;
    }

    void check(ParamDescriptor d, PlanNode node) {
        if (isExpression(node)) {
            return;
        }
        Object value = node.toPlain();
        if (value == null) {
            if (d.required()) {
                fail(d, node, "must not be empty", null);
            }
            return;
        }
        switch (d.type()) {
            case STRING, TEXT, SQL -> {
                if (!(node instanceof PlanNode.Scalar)) {
                    fail(d, node, "must be a string, not a " + shape(node), null);
                } else {
                    checkAllowed(d, node, String.valueOf(value));
                }
            }
            case INTEGER -> {
                if (!(value instanceof Long)) {
                    fail(d, node, "must be a whole number, not '" + value + "'", d.example().map(e -> "for example " + e).orElse(null));
                }
            }
            case NUMBER -> {
                if (!(value instanceof Number)) {
                    fail(d, node, "must be a number, not '" + value + "'", null);
                }
            }
            case BOOLEAN -> {
                if (!(value instanceof Boolean)) {
                    fail(d, node, "must be true or false, not '" + value + "'", null);
                }
            }
            case DURATION -> {
                try {
                    Durations.parse(value);
                } catch (IllegalArgumentException e) {
                    fail(d, node, e.getMessage(), null);
                }
            }
            case STRING_LIST, SQL_LIST -> {
                if (!(node instanceof PlanNode.Sequence seq)) {
                    fail(d, node, "must be a list, not a " + shape(node), d.example().map(e -> "for example " + e).orElse(null));
                } else {
                    seq.items().stream().filter(i -> !(i instanceof PlanNode.Scalar)).findFirst()
                            .ifPresent(i -> fail(d, i, "items must be strings, not a " + shape(i), null));
                }
            }
            case LIST -> {
                if (!(node instanceof PlanNode.Sequence)) {
                    fail(d, node, "must be a list, not a " + shape(node), null);
                }
            }
            case MAP -> {
                if (!(node instanceof PlanNode.Mapping)) {
                    fail(d, node, "must be a mapping, not a " + shape(node), null);
                }
            }
            case CONNECTION -> {
                String name = String.valueOf(value);
                if (!plan.connections().containsKey(name)) {
                    fail(d, node, "unknown connection '" + name + "'", Suggestions.closest(name, plan.connections().keySet())
                            .map(s -> "did you mean '" + s + "'?")
                            .orElse(plan.connections().isEmpty() ? "declare it under connections:"
                                    : "connections: " + String.join(", ", plan.connections().keySet())));
                }
            }
            case STEP -> {
                if (node instanceof PlanNode.Mapping nested) {
                    validator.checkNested(plan, step, nested);
                } else {
                    fail(d, node, "must be a step: {type: ..., with: {...}}", null);
                }
            }
            case ANY -> { }
            default -> { }
        }
    }

    private void checkAllowed(ParamDescriptor d, PlanNode node, String value) {
        if (!d.allowedValues().isEmpty() && !d.allowedValues().contains(value)) {
            fail(d, node, "'" + value + "' is not one of " + String.join(", ", d.allowedValues()),
                    Suggestions.closest(value, d.allowedValues()).map(s -> "did you mean '" + s + "'?").orElse(null));
        }
    }

    private static boolean isExpression(PlanNode node) {
        return node instanceof PlanNode.Scalar s && s.value() instanceof String text && text.contains("${");
    }

    private static String shape(PlanNode node) {
        return node instanceof PlanNode.Mapping ? "mapping" : node instanceof PlanNode.Sequence ? "list" : "value";
    }

    private void fail(ParamDescriptor d, PlanNode node, String message, String hint) {
        validator.add(step, node.position(), "'" + d.name() + "' " + message, hint);
    }
}
