package io.stepwise.engine.internal;

import io.stepwise.engine.api.StepDef;
import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepType;
import java.util.Map;

/** Binds a plan step's parameters, resolved over the run's current values, into its type's config. */
final class StepBinding {
    private StepBinding() {
    }

    static <C> C bind(RunSession session, StepDef step, StepType<C> type) {
        Map<String, Object> values = session.resolver.resolveParams(type.parameters(), step.with(), step.id(), null);
        return type.bind(new ResolvedParams(step.id(), type.parameters(), values, session::connection));
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
