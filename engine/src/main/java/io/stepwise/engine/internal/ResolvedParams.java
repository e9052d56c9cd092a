package io.stepwise.engine.internal;

import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.Deferred;
import io.stepwise.engine.spi.DeferredValueException;
import io.stepwise.engine.spi.NestedStep;
import io.stepwise.engine.spi.ParamDescriptor;
import io.stepwise.engine.spi.Params;
import io.stepwise.engine.spi.SqlText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Parameters with expressions resolved and defaults applied. In dry-run a value may be a
 * {@link Deferred}: strings render it as {@code <source>}, numbers and flags throw.
 */
public final class ResolvedParams implements Params {
    private final String stepId;
    private final Map<String, ParamDescriptor> descriptors;
    private final Map<String, Object> values;
    private final Function<String, ConnectionInfo> connections;

    public ResolvedParams(String stepId, List<ParamDescriptor> descriptors, Map<String, Object> values,
            Function<String, ConnectionInfo> connections) {
        this.stepId = stepId;
        this.descriptors = new LinkedHashMap<>();
        descriptors.forEach(d -> this.descriptors.put(d.name(), d));
        this.values = new LinkedHashMap<>();
        for (ParamDescriptor d : descriptors) {
            if (values.containsKey(d.name()) && values.get(d.name()) != null) {
                this.values.put(d.name(), values.get(d.name()));
            } else {
                d.defaultValue().ifPresent(v -> this.values.put(d.name(), v));
            }
        }
        this.connections = connections;
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
        if (value instanceof Deferred d) {
            throw new DeferredValueException(name, d);
        }
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
        if (value instanceof Deferred d) {
            throw new DeferredValueException(name, d);
        }
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
        if (value instanceof Deferred d) {
            throw new DeferredValueException(name, d);
        }
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
        if (value instanceof Deferred d) {
            throw new DeferredValueException(name, d);
        }
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
