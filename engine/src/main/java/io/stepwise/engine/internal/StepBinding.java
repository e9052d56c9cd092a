package io.stepwise.engine.internal;

import io.stepwise.engine.api.StepDef;
import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Binds a plan step's parameters, resolved over the run's current values, into its type's config. */
final class StepBinding {
    private StepBinding() {
    }

    static <C> C bind(RunSession session, StepDef step, StepType<C> type) {
        Map<String, Object> values = session.resolver.resolveParams(type.parameters(), step.with(), step.id(), null);
        return checkedBind(type, new ResolvedParams(step.id(), type.parameters(), values, session::connection)
                .inBackground(step.background()));
    }

    /**
     * Checks resolved values against the declarations and the type's own {@code validate} (the same
     * rules {@code stepwise validate} applies to literals), then binds. Throws
     * {@link IllegalArgumentException} listing every problem.
     */
    static <C> C checkedBind(StepType<C> type, ResolvedParams params) {
        List<String> problems = new ArrayList<>();
        params.violations(type).forEach(v -> problems.add(v.message()));
        if (problems.isEmpty()) {
            type.validate(params.asValues(io.stepwise.engine.api.Position.UNKNOWN), (param, message, hint) ->
                    problems.add(param == null || message.contains(param) ? message : "'" + param + "': " + message));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return type.bind(params);
    }

    /** True when a step type implements an optional SPI method itself (such as its probe). */
    static boolean overrides(StepType<?> type, String method) {
        try {
            return type.getClass().getMethod(method, Object.class, StepContext.class).getDeclaringClass() != StepType.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
