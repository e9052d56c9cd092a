package io.stepwise.engine.internal;

import io.stepwise.engine.api.PlanNode;
import io.stepwise.engine.internal.expr.ExpressionEngine;
import io.stepwise.engine.internal.expr.SqlFragment;
import io.stepwise.engine.internal.expr.Template;
import io.stepwise.engine.internal.expr.Deferred;
import io.stepwise.engine.spi.NestedStep;
import io.stepwise.engine.spi.Param;
import io.stepwise.engine.spi.ParamType;
import io.stepwise.engine.spi.SqlText;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.spi.Truth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves plan values: {@code ${...}} templates are evaluated over the run's scope; a template
 * that is one expression keeps the value's type. Values that come out of an evaluation are data and
 * are never evaluated again. SQL parameters bind values as {@code ?} instead of splicing them.
 */
final class Resolver {
    private final ExpressionEngine expressions;
    private final RunScope scope;
    private final Masker masker;

    Resolver(ExpressionEngine expressions, RunScope scope, Masker masker) {
        this.expressions = expressions;
        this.scope = scope;
        this.masker = masker;
    }

    Map<String, Object> resolveParams(List<Param<?>> descriptors, PlanNode.Mapping with, String path,
            StepResult result) {
        Map<String, Param<?>> byName = new LinkedHashMap<>();
        descriptors.forEach(d -> byName.put(d.name(), d));
        Map<String, Object> values = new LinkedHashMap<>();
        with.entries().forEach((name, node) -> {
            Param<?> d = byName.get(name);
            Object value = resolveParam(d, node, path + "." + name, result);
            if (d != null && d.isSecret() && value != null && !(value instanceof Deferred)) {
                masker.add(value, "param:" + path + "." + name);
            }
            values.put(name, value);
        });
        return values;
    }

    private Object resolveParam(Param<?> d, PlanNode node, String path, StepResult result) {
        ParamType type = d == null ? ParamType.ANY : d.type();
        return switch (type) {
            case SQL -> node instanceof PlanNode.Scalar s && s.value() instanceof String text ? sql(text, result)
                    : resolve(node, result);
            case SQL_LIST -> {
                if (node instanceof PlanNode.Sequence seq) {
                    List<Object> list = new ArrayList<>();
                    seq.items().forEach(i -> list.add(i instanceof PlanNode.Scalar s && s.value() instanceof String text
                            ? sql(text, result) : resolve(i, result)));
                    yield list;
                }
                yield resolve(node, result);
            }
            case STEP -> node instanceof PlanNode.Mapping m ? nested(m, path) : resolve(node, result);
            case INTEGER, NUMBER, BOOLEAN, DURATION -> node instanceof PlanNode.Scalar s && s.value() instanceof String text
                    ? scalarText(text, result) : resolve(node, result);
            default -> marked(node, result);
        };
    }

    private NestedStep nested(PlanNode.Mapping m, String path) {
        String type = m.get("type").map(PlanNode::toPlain).map(String::valueOf).orElse("");
        PlanNode.Mapping with = m.get("with").filter(n -> n instanceof PlanNode.Mapping).map(n -> (PlanNode.Mapping) n)
                .orElse(PlanParser.emptyMapping(m.position()));
        return new NestedStep(type, with, path);
    }

    /**
     * As {@link #resolve}, except that in dry-run text joined around a value known only at run time
     * ({@code primary-${run.id}}) comes back as {@link PartlyKnown}: the step sees the text, the
     * declared checks wait for the run.
     */
    private Object marked(PlanNode node, StepResult result) {
        if (node instanceof PlanNode.Scalar scalar && scalar.value() instanceof String text) {
            return joinsDeferred(text, result) ? new PartlyKnown(String.valueOf(text(text, result))) : resolve(node, result);
        }
        if (node instanceof PlanNode.Mapping map) {
            Map<String, Object> values = new LinkedHashMap<>();
            map.entries().forEach((k, v) -> values.put(k, marked(v, result)));
            return values;
        }
        if (node instanceof PlanNode.Sequence seq) {
            List<Object> values = new ArrayList<>();
            seq.items().forEach(i -> values.add(marked(i, result)));
            return values;
        }
        return resolve(node, result);
    }

    /** Dry-run text with a part known only at run time, as its parts render ({@code primary-<run.id>}). */
    record PartlyKnown(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    Object resolve(PlanNode node, StepResult result) {
        if (node instanceof PlanNode.Scalar scalar) {
            return scalar.value() instanceof String text ? text(text, result) : scalar.value();
        }
        if (node instanceof PlanNode.Mapping map) {
            Map<String, Object> values = new LinkedHashMap<>();
            map.entries().forEach((k, v) -> values.put(k, resolve(v, result)));
            return values;
        }
        List<Object> values = new ArrayList<>();
        ((PlanNode.Sequence) node).items().forEach(i -> values.add(resolve(i, result)));
        return values;
    }

    /**
     * A template for a number, flag or duration: joined as text, except that in dry-run a template
     * with a part known only at run time ({@code ${steps.n.value}s}) is known only at run time as a whole.
     */
    private Object scalarText(String text, StepResult result) {
        return joinsDeferred(text, result) ? new Deferred(text) : text(text, result);
    }

    /** True for a template of several parts of which one is known only at run time (dry-run). */
    private boolean joinsDeferred(String text, StepResult result) {
        if (!Template.mayContainExpression(text)) {
            return false;
        }
        Template template = Template.parse(text);
        if (template.isLiteral() || template.singleExpression().isPresent()) {
            return false;
        }
        return template.parts().stream().anyMatch(part -> part instanceof Template.Expr e
                && expression(e.expression(), result) instanceof Deferred);
    }

    /** A template: one expression keeps its type; otherwise the parts are joined as text. */
    Object text(String text, StepResult result) {
        if (!Template.mayContainExpression(text)) {
            return text;
        }
        Template template = Template.parse(text);
        if (template.isLiteral()) {
            return template.literalText();
        }
        if (template.singleExpression().isPresent()) {
            return expression(template.singleExpression().get().expression(), result);
        }
        // each secret part is masked by its value; the text around it stays readable
        StringBuilder joined = new StringBuilder();
        for (Template.Part part : template.parts()) {
            if (part instanceof Template.Text t) {
                joined.append(t.text());
            } else {
                Object value = expression(((Template.Expr) part).expression(), result);
                joined.append(value == null ? "" : value);
            }
        }
        return joined.toString();
    }

    /** A bare expression (capture values may be written without ${}). */
    Object expression(String expression, StepResult result) {
        ExpressionEngine.Evaluation evaluation = expressions.evaluate(expression, scope.variables(result),
                masker::isSecret);
        Object value = evaluation.value();
        // a value that holds a known secret is masked by it; one computed from a secret becomes one
        if (evaluation.secret() && value != null && !(value instanceof Deferred) && !masker.isSecret(value)) {
            markSecret(value);
        }
        if (value instanceof SqlFragment fragment) {
            return fragment;
        }
        return value;
    }

    private void markSecret(Object value) {
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            return;
        }
        masker.add(value);
    }

    /** SQL text with every {@code ${...}} bound as a parameter, except quoted identifiers from sql.ident(). */
    SqlText sql(String text, StepResult result) {
        if (!Template.mayContainExpression(text)) {
            return new SqlText(text, List.of());
        }
        Template template = Template.parse(text);
        StringBuilder sql = new StringBuilder();
        List<Object> parameters = new ArrayList<>();
        for (Template.Part part : template.parts()) {
            if (part instanceof Template.Text t) {
                sql.append(t.text());
                continue;
            }
            Object value = expression(((Template.Expr) part).expression(), result);
            if (value instanceof SqlFragment fragment) {
                sql.append(fragment.text());
            } else {
                sql.append('?');
                parameters.add(value);
            }
        }
        return new SqlText(sql.toString(), parameters);
    }

    /** A condition ({@code when}, {@code until}): true, false, or a {@link Deferred} in dry-run. */
    Object condition(PlanNode.Scalar node, StepResult result) {
        Object value = node.value() instanceof String text ? text(text, result) : node.value();
        if (value instanceof Deferred) {
            return value;
        }
        return Truth.of(value);
    }
}
