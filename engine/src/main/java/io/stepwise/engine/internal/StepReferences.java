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
 * Which steps a step reads from, to tell which resources the rest of a run (or the undo of its
 * steps) needs. A step that runs talks to the steps its expressions name and to those behind the
 * connections it names; through a value it reads it may also reach further (a dump's location holds
 * the S3 server's address), so the expressions of the steps it reads are followed too, and so on.
 * The connections of a step that does not run are not followed: a diff that ran earlier against the
 * primary does not make the primary needed by a report that prints the diff's numbers.
 */
final class StepReferences {
    private final Map<String, Set<String>> direct = new LinkedHashMap<>();
    private final Map<String, Set<String>> throughValues = new LinkedHashMap<>();

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
            Set<String> values = new LinkedHashSet<>();
            collectStep(step, expressions, values, Map.of());
            values.remove(step.id());
            throughValues.put(step.id(), values);
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
        namesUnder(node, "steps", expressions, refs);
    }

    private static void addTemplate(String text, ExpressionEngine expressions, Set<String> refs) {
        namesIn(text, "steps", expressions, refs);
    }

    /** The names under {@code root} ({@code steps.<id>}, {@code env.<NAME>}) that the templates in a node read. */
    static void namesUnder(PlanNode node, String root, ExpressionEngine expressions, Set<String> names) {
        if (node instanceof PlanNode.Scalar s && s.value() instanceof String text) {
            namesIn(text, root, expressions, names);
        } else if (node instanceof PlanNode.Mapping m) {
            m.entries().values().forEach(v -> namesUnder(v, root, expressions, names));
        } else if (node instanceof PlanNode.Sequence seq) {
            seq.items().forEach(i -> namesUnder(i, root, expressions, names));
        }
    }

    static void namesIn(String text, String root, ExpressionEngine expressions, Set<String> names) {
        if (!Template.mayContainExpression(text)) {
            return;
        }
        try {
            for (Template.Expr expr : Template.parse(text).expressions()) {
                for (List<String> path : expressions.references(expr.expression())) {
                    if (path.size() >= 2 && path.get(0).equals(root)) {
                        names.add(path.get(1));
                    }
                }
            }
        } catch (RuntimeException e) {
            // the validator reports a broken expression; a reference it hides cannot be followed here
        }
    }

    /** The steps the given (running) steps reach: what they read, then what those values were made from. */
    Set<String> readBy(Collection<String> steps) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        for (String step : steps) {
            for (String ref : direct.getOrDefault(step, Set.of())) {
                if (seen.add(ref)) {
                    todo.push(ref);
                }
            }
        }
        while (!todo.isEmpty()) {
            for (String ref : throughValues.getOrDefault(todo.pop(), Set.of())) {
                if (seen.add(ref)) {
                    todo.push(ref);
                }
            }
        }
        return seen;
    }
}
