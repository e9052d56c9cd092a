package io.stepwise.engine.internal;

import io.stepwise.engine.api.ConnectionDef;
import io.stepwise.engine.api.Plan;
import io.stepwise.engine.api.PlanNode;
import io.stepwise.engine.api.StepDef;
import io.stepwise.engine.internal.expr.ExpressionEngine;
import io.stepwise.engine.internal.expr.Template;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which steps a step reads from: the {@code steps.<id>} its expressions name, directly or through a
 * connection it names. Used to tell which resources the rest of a run (or the undo of its steps)
 * needs: those of the steps read by them, and of the steps those read, and so on.
 */
final class StepReferences {
    private final Map<String, Set<String>> direct = new LinkedHashMap<>();

    StepReferences(Plan plan, ExpressionEngine expressions) {
        Map<String, Set<String>> byConnection = new LinkedHashMap<>();
        for (ConnectionDef connection : plan.connections().values()) {
            Set<String> refs = new LinkedHashSet<>();
            collect(connection.settings(), expressions, refs);
            byConnection.put(connection.name(), refs);
        }
        for (StepDef step : plan.steps()) {
            Set<String> refs = new LinkedHashSet<>();
            collectStep(step, expressions, refs, byConnection);
            refs.remove(step.id());
            direct.put(step.id(), refs);
        }
    }

    private static void collectStep(StepDef step, ExpressionEngine expressions, Set<String> refs,
            Map<String, Set<String>> byConnection) {
        collect(step.with(), expressions, refs);
        namedConnections(step.with(), byConnection, refs);
        step.when().ifPresent(w -> collect(w, expressions, refs));
        step.until().ifPresent(u -> collect(u, expressions, refs));
        step.confirm().ifPresent(c -> addTemplate(c, expressions, refs));
        for (StepDef undo : step.rollback()) {
            collectStep(undo, expressions, refs, byConnection);
        }
    }

    /** A literal string that names a connection (connection: primary, source: primary) reads what it reads. */
    private static void namedConnections(PlanNode node, Map<String, Set<String>> byConnection, Set<String> refs) {
        if (node instanceof PlanNode.Scalar s && s.value() instanceof String text && byConnection.containsKey(text)) {
            refs.addAll(byConnection.get(text));
        } else if (node instanceof PlanNode.Mapping m) {
            m.entries().values().forEach(v -> namedConnections(v, byConnection, refs));
        } else if (node instanceof PlanNode.Sequence seq) {
            seq.items().forEach(i -> namedConnections(i, byConnection, refs));
        }
    }

    private static void collect(PlanNode node, ExpressionEngine expressions, Set<String> refs) {
        if (node instanceof PlanNode.Scalar s && s.value() instanceof String text) {
            addTemplate(text, expressions, refs);
        } else if (node instanceof PlanNode.Mapping m) {
            m.entries().values().forEach(v -> collect(v, expressions, refs));
        } else if (node instanceof PlanNode.Sequence seq) {
            seq.items().forEach(i -> collect(i, expressions, refs));
        }
    }

    private static void addTemplate(String text, ExpressionEngine expressions, Set<String> refs) {
        if (!Template.mayContainExpression(text)) {
            return;
        }
        try {
            for (Template.Expr expr : Template.parse(text).expressions()) {
                for (List<String> path : expressions.references(expr.expression())) {
                    if (path.size() >= 2 && path.get(0).equals("steps")) {
                        refs.add(path.get(1));
                    }
                }
            }
        } catch (RuntimeException e) {
            // the validator reports a broken expression; a reference it hides cannot be followed here
        }
    }

    /** The steps read by the given steps, directly or through the steps they read. */
    Set<String> readBy(Collection<String> steps) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(steps);
        while (!todo.isEmpty()) {
            for (String ref : direct.getOrDefault(todo.pop(), Set.of())) {
                if (seen.add(ref)) {
                    todo.push(ref);
                }
            }
        }
        return seen;
    }
}
