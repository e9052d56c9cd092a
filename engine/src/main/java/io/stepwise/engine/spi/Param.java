package io.stepwise.engine.spi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One parameter of a step type, declared once with its rules: its type, whether it is required, its
 * default, its bounds, the values it allows, the actions it belongs to, whether it is secret, a typed
 * example and any further check on its value. From this declaration alone the engine validates
 * literal values before a run, checks resolved values before a step runs, binds them
 * ({@code params.get(CHUNK_SIZE)}), writes the JSON Schema, lists the type ({@code stepwise steps})
 * and completes it in the shell. A step type never re-checks what its declarations say.
 *
 * <pre>{@code
 * static final Param<Long> CHUNK_SIZE = Param.integer("chunk_size").min(100L).max(1_000_000L)
 *         .defaultValue(10_000L).description("Rows per chunk.");
 * }</pre>
 *
 * @param <T> the value the step reads: String, Long, Double, Boolean, Duration, List, Map, SqlText...
 */
public record Param<T>(String name, ParamType type, boolean isRequired, Optional<T> defaultValue, String description,
        Optional<T> example, boolean isSecret, List<String> allowedValues, Optional<T> min, Optional<T> max,
        Set<String> actions, List<Check<T>> checks) {

    /** The parameter that chooses what a step with several actions does; others name it with {@link #onlyFor}. */
    public static final String ACTION = "action";

    /** A rule on a known value: {@code message} says what the value must be, as in "must be a regular expression". */
    public record Check<T>(Predicate<? super T> holds, String message) {
        public Check {
            Objects.requireNonNull(holds, "holds");
            Objects.requireNonNull(message, "message");
        }
    }

    public Param {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        allowedValues = List.copyOf(allowedValues);
        actions = Set.copyOf(new java.util.LinkedHashSet<>(actions));
        checks = List.copyOf(checks);
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("parameter name '" + name + "' must be lower_snake_case");
        }
        if (isRequired && defaultValue.isPresent()) {
            throw new IllegalArgumentException("parameter " + name + " cannot be required and have a default");
        }
        if ((min.isPresent() || max.isPresent()) && !(type == ParamType.INTEGER || type == ParamType.NUMBER
                || type == ParamType.DURATION)) {
            throw new IllegalArgumentException("parameter " + name + ": bounds apply to numbers and durations only");
        }
    }

    // ---- declarations, one per parameter type -------------------------------------------------

    public static Param<String> string(String name) {
        return of(name, ParamType.STRING);
    }

    /** Multi-line text such as a script. */
    public static Param<String> text(String name) {
        return of(name, ParamType.TEXT);
    }

    public static Param<Long> integer(String name) {
        return of(name, ParamType.INTEGER);
    }

    public static Param<Double> number(String name) {
        return of(name, ParamType.NUMBER);
    }

    public static Param<Boolean> bool(String name) {
        return of(name, ParamType.BOOLEAN);
    }

    public static Param<Duration> duration(String name) {
        return of(name, ParamType.DURATION);
    }

    public static Param<List<String>> stringList(String name) {
        return of(name, ParamType.STRING_LIST);
    }

    public static Param<Map<String, Object>> map(String name) {
        return of(name, ParamType.MAP);
    }

    public static Param<List<Object>> list(String name) {
        return of(name, ParamType.LIST);
    }

    /** Any value: a scalar, a list or a mapping. */
    public static Param<Object> any(String name) {
        return of(name, ParamType.ANY);
    }

    /** The name of one of the plan's connections; {@link Params#connection} gives its settings. */
    public static Param<String> connection(String name) {
        return of(name, ParamType.CONNECTION);
    }

    /** SQL whose {@code ${...}} values are bound as statement parameters. */
    public static Param<SqlText> sql(String name) {
        return of(name, ParamType.SQL);
    }

    public static Param<List<SqlText>> sqlList(String name) {
        return of(name, ParamType.SQL_LIST);
    }

    /** A nested step, {@code {type: ..., with: {...}}}, for {@link StepContext#runNested}. */
    public static Param<NestedStep> step(String name) {
        return of(name, ParamType.STEP);
    }

    private static <T> Param<T> of(String name, ParamType type) {
        return new Param<>(name, type, false, Optional.empty(), "", Optional.empty(), false, List.of(),
                Optional.empty(), Optional.empty(), Set.of(), List.of());
    }

    // ---- rules, each returning a new declaration ----------------------------------------------

    public Param<T> required() {
        return new Param<>(name, type, true, defaultValue, description, example, isSecret, allowedValues, min, max,
                actions, checks);
    }

    public Param<T> defaultValue(T value) {
        return new Param<>(name, type, isRequired, Optional.of(value), description, example, isSecret, allowedValues,
                min, max, actions, checks);
    }

    public Param<T> description(String text) {
        return new Param<>(name, type, isRequired, defaultValue, text, example, isSecret, allowedValues, min, max,
                actions, checks);
    }

    /** A value as a plan would hold it, shown by {@code stepwise steps} and offered by editors. */
    public Param<T> example(T value) {
        return new Param<>(name, type, isRequired, defaultValue, description, Optional.of(value), isSecret,
                allowedValues, min, max, actions, checks);
    }

    /** Masked wherever it is shown: output, logs, dry-run and the journal. */
    public Param<T> secret() {
        return new Param<>(name, type, isRequired, defaultValue, description, example, true, allowedValues, min, max,
                actions, checks);
    }

    /** The only values a string parameter takes; for a {@link #connection} parameter, the connection types it takes. */
    public Param<T> allowed(String... values) {
        return new Param<>(name, type, isRequired, defaultValue, description, example, isSecret, List.of(values), min,
                max, actions, checks);
    }

    /** The smallest value allowed (numbers and durations). */
    public Param<T> min(T value) {
        return new Param<>(name, type, isRequired, defaultValue, description, example, isSecret, allowedValues,
                Optional.of(value), max, actions, checks);
    }

    /** The largest value allowed (numbers and durations). */
    public Param<T> max(T value) {
        return new Param<>(name, type, isRequired, defaultValue, description, example, isSecret, allowedValues, min,
                Optional.of(value), actions, checks);
    }

    /**
     * The values of the step's {@value #ACTION} parameter this one belongs to: given with another
     * action it is refused; {@link #required()} then means required for these actions.
     */
    public Param<T> onlyFor(String... actionNames) {
        return new Param<>(name, type, isRequired, defaultValue, description, example, isSecret, allowedValues, min, max,
                Set.of(actionNames), checks);
    }

    /** A further rule on the value, checked on literals before the run and on resolved values before the step. */
    public Param<T> check(Predicate<? super T> holds, String message) {
        List<Check<T>> all = new ArrayList<>(checks);
        all.add(new Check<>(holds, message));
        return new Param<>(name, type, isRequired, defaultValue, description, example, isSecret, allowedValues, min, max,
                actions, all);
    }

    /** True when the parameter belongs to this action (or to every action). */
    public boolean appliesTo(String action) {
        return actions.isEmpty() || actions.contains(action);
    }
}
