package io.stepwise.engine.internal;

import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.Deferred;
import io.stepwise.engine.spi.NestedStep;
import io.stepwise.engine.spi.Param;
import io.stepwise.engine.spi.Params;
import io.stepwise.engine.spi.SqlText;
import io.stepwise.engine.spi.StepType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Parameters with expressions resolved and defaults applied, typed by their declarations. In
 * dry-run a value known only at run time reaches the step as a {@link StandIns stand-in}, never as
 * a deferred value: step types do not know about dry-run.
 */
public final class ResolvedParams implements Params {
    private final String stepId;
    private final Map<String, Param<?>> descriptors;
    private final Map<String, Object> values;
    private final Function<String, ConnectionInfo> connections;
    private final StandIns standIns;
    private final Map<String, Object> given = new LinkedHashMap<>();
    private boolean background;

    public ResolvedParams(String stepId, List<Param<?>> descriptors, Map<String, Object> values,
            Function<String, ConnectionInfo> connections) {
        this(stepId, descriptors, values, connections, null);
    }

    ResolvedParams(String stepId, List<Param<?>> descriptors, Map<String, Object> values,
            Function<String, ConnectionInfo> connections, StandIns standIns) {
        this.stepId = stepId;
        this.descriptors = new LinkedHashMap<>();
        descriptors.forEach(d -> this.descriptors.put(d.name(), d));
        this.values = new LinkedHashMap<>();
        this.standIns = standIns;
        for (Param<?> d : descriptors) {
            if (values.containsKey(d.name()) && values.get(d.name()) != null) {
                Object value = values.get(d.name());
                given.put(d.name(), value);
                this.values.put(d.name(), known(d, value));
            } else {
                d.defaultValue().ifPresent(v -> this.values.put(d.name(), v));
            }
        }
        this.connections = connections;
    }

    /** The value as the step may see it: deferred parts replaced by stand-ins (dry-run only). */
    private Object known(Param<?> d, Object value) {
        if (!StandIns.holdsDeferred(value)) {
            return value;
        }
        if (standIns == null) {
            throw new IllegalArgumentException("parameter '" + d.name() + "' holds a value not available in this run ("
                    + StandIns.inText(value) + ")");
        }
        return value instanceof Deferred deferred ? standIns.forParam(d, deferred) : StandIns.inText(value);
    }

    /** Says the step runs with {@code background: true}, for the type's {@code validate}. */
    ResolvedParams inBackground(boolean value) {
        this.background = value;
        return this;
    }

    /** True when the value given was known only at run time (dry-run): its rules wait for the run. */
    private boolean deferred(String name) {
        return StandIns.holdsDeferred(given.get(name));
    }

    @Override
    public <T> T get(Param<T> param) {
        return find(param).orElseThrow(() -> new IllegalArgumentException("parameter '" + param.name() + "' is required"));
    }

    @Override
    public <T> Optional<T> find(Param<T> param) {
        declared(param);
        Object value = values.get(param.name());
        return value == null ? Optional.empty() : Optional.of(ParamConversion.convert(param, value));
    }

    private void declared(Param<?> param) {
        if (!descriptors.containsKey(param.name())) {
            throw new IllegalStateException("step type reads undeclared parameter '" + param.name() + "'");
        }
    }

    @Override
    public ConnectionInfo connection(Param<String> param) {
        return connections.apply(get(param));
    }

    /**
     * What the declarations refuse in these values, as the run resolved them: conversion, bounds,
     * allowed values, checks, actions and groups. Values still deferred (dry-run) are left to the run.
     */
    List<ParamRules.Violation> violations(StepType<?> type) {
        List<ParamRules.Violation> found = new ArrayList<>();
        for (Param<?> d : descriptors.values()) {
            if (given.containsKey(d.name()) && !deferred(d.name())) {
                problem(d, values.get(d.name())).ifPresent(m -> found.add(new ParamRules.Violation(d.name(), m, null)));
                connectionProblem(d, values.get(d.name())).ifPresent(m -> found.add(new ParamRules.Violation(d.name(), m, null)));
            }
        }
        Optional<String> action = given.containsKey(Param.ACTION) && !deferred(Param.ACTION)
                ? Optional.of(String.valueOf(values.get(Param.ACTION))) : Optional.empty();
        found.addAll(ParamRules.across(type, Set.copyOf(given.keySet()), action));
        return found;
    }

    /** A connection of a type the parameter does not take (its allowed values are connection types). */
    private Optional<String> connectionProblem(Param<?> d, Object name) {
        if (d.type() != io.stepwise.engine.spi.ParamType.CONNECTION || d.allowedValues().isEmpty()) {
            return Optional.empty();
        }
        String type;
        try {
            type = connections.apply(String.valueOf(name)).type();
        } catch (RuntimeException e) {
            return Optional.of("'" + d.name() + "' " + e.getMessage());
        }
        return d.allowedValues().contains(type) ? Optional.empty()
                : Optional.of("'" + d.name() + "' " + ParamRules.connectionTypeProblem(d, String.valueOf(name), type));
    }

    private static <T> Optional<String> problem(Param<T> d, Object value) {
        T typed;
        try {
            typed = ParamConversion.convert(d, value);
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        return ParamRules.valueProblem(d, typed).map(m -> "'" + d.name() + "' " + m);
    }

    /** The values for the type's own checks ({@link StepType#validate}), deferred ones unknown. */
    io.stepwise.engine.spi.ParamValues asValues(io.stepwise.engine.api.Position position) {
        ResolvedParams self = this;
        return new io.stepwise.engine.spi.ParamValues() {
            @Override
            public boolean has(String name) {
                return given.containsKey(name);
            }

            @Override
            public Optional<Object> literal(String name) {
                return given.containsKey(name) && !deferred(name) ? Optional.ofNullable(values.get(name)) : Optional.empty();
            }

            @Override
            public <T> Optional<T> literal(Param<T> param) {
                if (deferred(param.name())) {
                    return Optional.empty();
                }
                try {
                    return self.find(param);
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }

            @Override
            public boolean isExpression(String name) {
                return deferred(name);
            }

            @Override
            public io.stepwise.engine.api.Position position(String name) {
                return position;
            }

            @Override
            public boolean background() {
                return background;
            }

            @Override
            public Optional<String> connectionType(Param<String> param) {
                try {
                    return literal(param).map(name -> connections.apply(name).type());
                } catch (RuntimeException e) {
                    return Optional.empty();
                }
            }
        };
    }

    @Override
    public String stepId() {
        return stepId;
    }

    @Override
    public boolean has(String name) {
        return values.get(name) != null;
    }

    private Object value(String name) {
        if (!descriptors.containsKey(name)) {
            throw new IllegalStateException("step type reads undeclared parameter '" + name + "'");
        }
        Object value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("parameter '" + name + "' is required");
        }
        return value;
    }

    @Override
    public String string(String name) {
        Object value = value(name);
        if (value instanceof Map || value instanceof List) {
            throw new IllegalArgumentException("parameter '" + name + "' must be a string, not a "
                    + (value instanceof Map ? "mapping" : "list"));
        }
        return String.valueOf(value);
    }

    @Override
    public Optional<String> optionalString(String name) {
        return has(name) ? Optional.of(string(name)) : Optional.empty();
    }

    @Override
    public long integer(String name) {
        Object value = value(name);
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue();
        }
        try {
            return Long.parseLong(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter '" + name + "' must be a whole number, got '" + value + "'");
        }
    }

    @Override
    public Optional<Long> optionalInteger(String name) {
        return has(name) ? Optional.of(integer(name)) : Optional.empty();
    }

    @Override
    public double number(String name) {
        Object value = value(name);
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter '" + name + "' must be a number, got '" + value + "'");
        }
    }

    @Override
    public boolean bool(String name) {
        Object value = value(name);
        if (value instanceof Boolean b) {
            return b;
        }
        String text = String.valueOf(value).trim();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new IllegalArgumentException("parameter '" + name + "' must be true or false, got '" + value + "'");
    }

    @Override
    public Duration duration(String name) {
        Object value = value(name);
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter '" + name + "': " + e.getMessage());
        }
    }

    @Override
    public Optional<Duration> optionalDuration(String name) {
        return has(name) ? Optional.of(duration(name)) : Optional.empty();
    }

    @Override
    public List<String> stringList(String name) {
        Object value = value(name);
        if (value instanceof List<?> list) {
            List<String> strings = new ArrayList<>();
            for (Object item : list) {
                if (item instanceof Map || item instanceof List) {
                    throw new IllegalArgumentException("parameter '" + name + "' must be a list of strings");
                }
                strings.add(String.valueOf(item));
            }
            return List.copyOf(strings);
        }
        throw new IllegalArgumentException("parameter '" + name + "' must be a list of strings");
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String name) {
        Object value = value(name);
        if (value instanceof Map<?, ?> map) {
            return java.util.Collections.unmodifiableMap(new LinkedHashMap<>((Map<String, Object>) map));
        }
        throw new IllegalArgumentException("parameter '" + name + "' must be a mapping");
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Object> list(String name) {
        Object value = value(name);
        if (value instanceof List<?> list) {
            return java.util.Collections.unmodifiableList(new ArrayList<>((List<Object>) list));
        }
        throw new IllegalArgumentException("parameter '" + name + "' must be a list");
    }

    @Override
    public Object raw(String name) {
        return values.get(name);
    }

    @Override
    public SqlText sql(String name) {
        Object value = value(name);
        if (value instanceof SqlText sql) {
            return sql;
        }
        return new SqlText(String.valueOf(value), List.of());
    }

    @Override
    public List<SqlText> sqlList(String name) {
        Object value = value(name);
        List<SqlText> texts = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                texts.add(item instanceof SqlText sql ? sql : new SqlText(String.valueOf(item), List.of()));
            }
            return List.copyOf(texts);
        }
        throw new IllegalArgumentException("parameter '" + name + "' must be a list of SQL statements");
    }

    @Override
    public ConnectionInfo connection(String name) {
        return connections.apply(string(name));
    }

    @Override
    public NestedStep nestedStep(String name) {
        Object value = value(name);
        if (value instanceof NestedStep nested) {
            return nested;
        }
        throw new IllegalArgumentException("parameter '" + name + "' must be a step: {type: ..., with: {...}}");
    }
}
