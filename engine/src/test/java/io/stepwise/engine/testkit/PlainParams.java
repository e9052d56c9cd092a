package io.stepwise.engine.testkit;

import io.stepwise.engine.api.PlanNode;
import io.stepwise.engine.api.Position;
import io.stepwise.engine.internal.Durations;
import io.stepwise.engine.spi.NestedStep;
import io.stepwise.engine.spi.ParamDescriptor;
import io.stepwise.engine.spi.ParamType;
import io.stepwise.engine.spi.ParamValues;
import io.stepwise.engine.spi.SqlText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plain test parameters ({@code Map<String,Object>} as a YAML {@code with:} would give them) turned
 * into what the engine hands a step type: literal views for {@code validate}, typed values for
 * {@code bind}. A string holding {@code ${...}} counts as an expression, as in a plan.
 */
final class PlainParams {
    private PlainParams() {
    }

    static boolean isExpression(Object value) {
        return value instanceof String s && s.contains("${");
    }

    /** The literal view {@code StepType.validate} reads. */
    static ParamValues values(Map<String, Object> params) {
        return new ParamValues() {
            @Override
            public boolean has(String name) {
                return params.get(name) != null;
            }

            @Override
            public Optional<Object> literal(String name) {
                Object value = params.get(name);
                return value == null || PlainParams.isExpression(value) ? Optional.empty() : Optional.of(value);
            }

            @Override
            public boolean isExpression(String name) {
                return PlainParams.isExpression(params.get(name));
            }

            @Override
            public Position position(String name) {
                return Position.UNKNOWN;
            }
        };
    }

    /**
     * What the engine checks from the descriptors alone, before the type's own {@code validate}:
     * unknown and missing parameters, allowed values and literal shapes. (The real validator also
     * reports positions and parses expressions; this approximation is enough for step tests.)
     */
    static List<ParamProblem> descriptorProblems(List<ParamDescriptor> descriptors, Map<String, Object> params) {
        List<ParamProblem> problems = new ArrayList<>();
        Map<String, ParamDescriptor> byName = new LinkedHashMap<>();
        descriptors.forEach(d -> byName.put(d.name(), d));
        params.keySet().stream().filter(k -> !byName.containsKey(k))
                .forEach(k -> problems.add(new ParamProblem(k, "unknown parameter '" + k + "'", "known: " + byName.keySet())));
        for (ParamDescriptor d : descriptors) {
            Object value = params.get(d.name());
            if (value == null) {
                if (d.required()) {
                    problems.add(new ParamProblem(d.name(), "parameter '" + d.name() + "' is required", null));
                }
            } else if (!isExpression(value)) {
                shapeProblem(d, value).ifPresent(m -> problems.add(new ParamProblem(d.name(), m, null)));
            }
        }
        return problems;
    }

    private static Optional<String> shapeProblem(ParamDescriptor d, Object value) {
        String name = "parameter '" + d.name() + "'";
        if (!d.allowedValues().isEmpty() && !d.allowedValues().contains(String.valueOf(value))) {
            return Optional.of(name + " must be one of " + String.join(", ", d.allowedValues()) + ", not '" + value + "'");
        }
        return switch (d.type()) {
            case INTEGER -> value instanceof Number || String.valueOf(value).matches("-?\\d+") ? Optional.empty()
                    : Optional.of(name + " must be a whole number");
            case NUMBER -> value instanceof Number || String.valueOf(value).matches("-?\\d+(\\.\\d+)?") ? Optional.empty()
                    : Optional.of(name + " must be a number");
            case BOOLEAN -> value instanceof Boolean || String.valueOf(value).matches("(?i)true|false") ? Optional.empty()
                    : Optional.of(name + " must be true or false");
            case DURATION -> durationProblem(name, value);
            case STRING_LIST, LIST, SQL_LIST -> value instanceof List ? Optional.empty() : Optional.of(name + " must be a list");
            case MAP -> value instanceof Map ? Optional.empty() : Optional.of(name + " must be a mapping");
            case STEP -> value instanceof Map<?, ?> m && m.get("type") != null ? Optional.empty()
                    : Optional.of(name + " must be a step: {type: ..., with: {...}}");
            case STRING, TEXT, CONNECTION, SQL -> value instanceof Map || value instanceof List
                    ? Optional.of(name + " must be a string") : Optional.empty();
            default -> Optional.empty();
        };
    }

    private static Optional<String> durationProblem(String name, Object value) {
        try {
            Durations.parse(value);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(name + ": " + e.getMessage());
        }
    }

    /** The values {@code ResolvedParams} expects: SQL as {@link SqlText}, nested steps as {@link NestedStep}. */
    static Map<String, Object> resolved(List<ParamDescriptor> descriptors, Map<String, Object> params) {
        Map<String, Object> resolved = new LinkedHashMap<>(params);
        for (ParamDescriptor d : descriptors) {
            Object value = params.get(d.name());
            if (value == null) {
                continue;
            }
            if (d.type() == ParamType.SQL) {
                resolved.put(d.name(), sql(value));
            } else if (d.type() == ParamType.SQL_LIST && value instanceof List<?> list) {
                resolved.put(d.name(), list.stream().map(PlainParams::sql).toList());
            } else if (d.type() == ParamType.STEP && value instanceof Map<?, ?> map) {
                resolved.put(d.name(), nested(d.name(), map));
            }
        }
        return resolved;
    }

    private static Object sql(Object value) {
        return value instanceof SqlText ? value : SqlText.of(String.valueOf(value));
    }

    private static NestedStep nested(String path, Map<?, ?> step) {
        Object with = step.get("with");
        PlanNode node = node(with == null ? Map.of() : with);
        if (!(node instanceof PlanNode.Mapping mapping)) {
            throw new IllegalArgumentException("parameter '" + path + "': with must be a mapping");
        }
        return new NestedStep(String.valueOf(step.get("type")), mapping, path);
    }

    /** A plain value as a plan node (positions unknown). */
    static PlanNode node(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, PlanNode> entries = new LinkedHashMap<>();
            map.forEach((k, v) -> entries.put(String.valueOf(k), node(v)));
            return new PlanNode.Mapping(entries, Map.of(), Position.UNKNOWN);
        }
        if (value instanceof List<?> list) {
            return new PlanNode.Sequence(list.stream().map(PlainParams::node).toList(), Position.UNKNOWN);
        }
        return new PlanNode.Scalar(value, Position.UNKNOWN);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> plain(PlanNode.Mapping mapping) {
        return (Map<String, Object>) mapping.toPlain();
    }
}
