package io.stepwise.engine.spi;

import java.time.Duration;
import java.util.List;
import java.util.Map;
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

    boolean has(String name);

    String string(String name);

    Optional<String> optionalString(String name);

    long integer(String name);

    Optional<Long> optionalInteger(String name);

    double number(String name);

    boolean bool(String name);

    Duration duration(String name);

    Optional<Duration> optionalDuration(String name);

    List<String> stringList(String name);

    Map<String, Object> map(String name);

    List<Object> list(String name);

    /** The value as resolved: Map, List, String, Long, Double, Boolean or null. */
    Object raw(String name);

    SqlText sql(String name);

    List<SqlText> sqlList(String name);

    ConnectionInfo connection(String name);

    /** A nested step (for {@link ParamType#STEP}), to hand to {@link StepContext#runNested}. */
    NestedStep nestedStep(String name);
}
