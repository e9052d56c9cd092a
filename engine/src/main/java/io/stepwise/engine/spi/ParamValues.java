package io.stepwise.engine.spi;

import io.stepwise.engine.api.Position;
import java.util.Optional;

/**
 * A step's parameters for its own checks across parameters ({@link StepType#validate}): before the
 * run, as written (literal values are known, expressions are not); before the step binds, as
 * resolved (every value is known, except in dry-run). Each value has already passed its declaration's
 * rules, so a check here never repeats them.
 */
public interface ParamValues {
    boolean has(String name);

    default boolean has(Param<?> param) {
        return has(param.name());
    }

    /** The known value, empty when absent or known only later. */
    Optional<Object> literal(String name);

    /** The known value as its declaration types it (with the default when absent), empty when absent or not known yet. */
    <T> Optional<T> literal(Param<T> param);

    /** True when the value is known only later (it holds an expression that is not resolved yet). */
    boolean isExpression(String name);

    default boolean isExpression(Param<?> param) {
        return isExpression(param.name());
    }

    Position position(String name);

    /** True when the step runs with {@code background: true}. */
    default boolean background() {
        return false;
    }

    /** The type ({@code mysql}, {@code http}...) of the plan connection a connection parameter names, when known. */
    default Optional<String> connectionType(Param<String> param) {
        return Optional.empty();
    }
}
