package io.stepwise.engine.spi;

import java.util.Optional;

/**
 * The parameters of one step with expressions resolved, defaults applied and every declared rule
 * checked, as a step type's {@code bind} reads them: {@code params.get(CHUNK_SIZE)}. Values are
 * always known: in dry-run the engine stands in for what only the run can know.
 */
public interface Params {
    String stepId();

    /** The value (or the default) of a parameter that is required or has a default. */
    <T> T get(Param<T> param);

    /** The value, or the default, or empty when the parameter is optional and absent. */
    <T> Optional<T> find(Param<T> param);

    /** The settings of the connection a {@link Param#connection} parameter names. */
    ConnectionInfo connection(Param<String> param);

    /** True when the step gives the parameter (a default does not count). */
    boolean has(Param<?> param);
}
