package io.stepwise.engine.internal;

import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.internal.expr.Deferred;
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
        Optional<String> action = deferred(Param.ACTION) ? Optional.empty()
                : Optional.ofNullable(values.get(Param.ACTION)).map(String::valueOf); // given, or its default
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
    public boolean has(Param<?> param) {
        declared(param);
        return given.containsKey(param.name());
    }
}
