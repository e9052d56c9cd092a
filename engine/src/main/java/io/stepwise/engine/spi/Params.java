package io.stepwise.engine.spi;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of one step with expressions resolved and defaults applied, as a step type's
 * {@code bind} reads them. Getters check the declared type; absent optional values come back empty.
 */
public interface Params {
    String stepId();

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

    /** The value as resolved: Map, List, String, Long, Double, Boolean, {@link Deferred} or null. */
    Object raw(String name);

    SqlText sql(String name);

    List<SqlText> sqlList(String name);

    ConnectionInfo connection(String name);

    /** A nested step (for {@link ParamType#STEP}), to hand to {@link StepContext#runNested}. */
    NestedStep nestedStep(String name);
}
