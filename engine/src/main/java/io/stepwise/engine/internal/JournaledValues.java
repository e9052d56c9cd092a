package io.stepwise.engine.internal;

import io.stepwise.engine.api.PlanNode;
import io.stepwise.engine.api.StepDef;
import io.stepwise.engine.internal.expr.Deferred;
import io.stepwise.engine.spi.Param;
import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.spi.Secrets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Step values on their way into the journal and back. Going in, every secret becomes a reference to
 * its source (an input, a step's secret parameter, a connection's password), so a value derived from
 * secrets is kept as a template and never in clear. Coming back, the references are resolved from
 * those sources again; only a secret with no source at all is lost, and then the step that made it
 * is named so it can be run again.
 */
final class JournaledValues {
    private static final Pattern PRODUCER = Pattern.compile("^steps\\.([A-Za-z0-9_]+)\\.");

    private JournaledValues() {
    }

    /** The journal form of a step's values; the names of values that could only be masked go to {@code lost}. */
    static Map<String, Object> forJournal(Masker masker, Map<String, Object> values, List<String> lost) {
        Map<String, Object> journaled = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            Object kept = masker.forJournal(v);
            if (kept == Masker.UNRECOVERABLE) {
                lost.add(k);
                journaled.put(k, Secrets.MASK);
            } else {
                journaled.put(k, kept);
            }
        });
        return journaled;
    }

    /** Puts the values of every step that completed back in scope, secrets rebuilt from their sources. */
    static void restore(RunSession session) {
        for (StepDef step : session.plan.steps()) {
            StepState state = session.state.step(step.id());
            if (state.completions() > 0) {
                session.scope.setStepValues(step.id(), rebuild(session, step.id(), state));
            }
        }
    }

    static Map<String, Object> rebuild(RunSession session, String stepId, StepState state) {
        Map<String, Object> values = new LinkedHashMap<>();
        state.values().forEach((k, v) -> {
            if (state.secretKeys().contains(k)) {
                values.put(k, new Deferred("steps." + stepId + "." + k + " (a secret with no source, not journaled)"));
                return;
            }
            Object restored = Masker.fromJournal(v, source -> source(session, source));
            if (restored == null && v != null) {
                values.put(k, new Deferred("steps." + stepId + "." + k + " (its secret is not available now)"));
                return;
            }
            values.put(k, restored);
        });
        return values;
    }

    /** A secret's value from its source, or null when the source cannot give it now. */
    private static Object source(RunSession session, String source) {
        try {
            if (source.startsWith("inputs.")) {
                return session.scope.inputs().get(source.substring("inputs.".length()));
            }
            if (source.startsWith("conn:") && source.endsWith(".password")) {
                String name = source.substring("conn:".length(), source.length() - ".password".length());
                return session.connection(name).settings().get("password");
            }
            if (source.startsWith("param:")) {
                Object value = param(session, source.substring("param:".length()));
                session.masker.add(value, source);
                return value;
            }
        } catch (RuntimeException e) {
            return null;
        }
        return null;
    }

    /** A step's secret parameter resolved again from the plan: its expression, or its default. */
    private static Object param(RunSession session, String path) {
        int dot = path.lastIndexOf('.');
        if (dot < 0) {
            return null;
        }
        Optional<StepDef> step = session.plan.step(path.substring(0, dot));
        String name = path.substring(dot + 1);
        if (step.isEmpty()) {
            return null;
        }
        Optional<PlanNode> node = step.get().with().get(name);
        if (node.isPresent()) {
            Object value = session.resolver.resolve(node.get(), null);
            return value instanceof Deferred ? null : value;
        }
        StepType<?> type = session.registry.get(step.get().type());
        return type.parameters().stream().filter(d -> d.name().equals(name)).findFirst()
                .flatMap(p -> p.defaultValue().map(v -> (Object) v)).orElse(null);
    }

    /** The step whose value a deferred stands for ({@code steps.backup.location ...} is backup's). */
    static Optional<String> producer(Deferred deferred) {
        Matcher m = PRODUCER.matcher(deferred.source());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
