package io.stepwise.engine.internal;

import io.stepwise.engine.internal.expr.Deferred;
import io.stepwise.engine.spi.Param;
import io.stepwise.engine.spi.SqlText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What dry-run hands a step in place of a value known only at run time, so that step types never see
 * that a value is deferred: text becomes its source ({@code <steps.backup.backup_ts>}); a number
 * becomes a distinctive one within the parameter's bounds that the report renders as its source; a
 * flag, a duration or a short number becomes the declaration's example (or default), and the step's
 * dry-run says what it assumed.
 */
final class StandIns {
    private static final long TSO_LIKE = 449_000_000_000_000_000L;
    private final Masker masker;
    private final String planText;
    private final Set<Long> used = new HashSet<>();
    private final List<String> assumptions = new ArrayList<>();

    StandIns(Masker masker, String planText) {
        this.masker = masker;
        this.planText = planText;
    }

    /** The typed value to give for a parameter whose whole value is deferred. */
    Object forParam(Param<?> p, Deferred deferred) {
        return switch (p.type()) {
            case INTEGER -> integer(p, deferred);
            case BOOLEAN, DURATION, NUMBER, MAP, STRING_LIST, LIST, SQL_LIST -> assumed(p, deferred);
            case SQL -> new SqlText(deferred.toString(), List.of());
            default -> deferred.toString();
        };
    }

    /** A number for a connection's port or the like: within {@code [min, max]}, rendered as its source. */
    long number(long min, long max, Deferred deferred) {
        long candidate = pick(min, max);
        used.add(candidate);
        masker.addStandIn(Long.toString(candidate), deferred.toString());
        return candidate;
    }

    private Object integer(Param<?> p, Deferred deferred) {
        long min = p.min().map(v -> ((Number) v).longValue()).orElse(Long.MIN_VALUE);
        long max = p.max().map(v -> ((Number) v).longValue()).orElse(Long.MAX_VALUE);
        if (max >= 10_000 && max - Math.max(min, 0) >= 1_000) {
            return number(min, max, deferred);
        }
        return assumed(p, deferred);
    }

    private long pick(long min, long max) {
        long start = max >= TSO_LIKE && min <= TSO_LIKE ? TSO_LIKE + 101 : max - 37;
        for (long candidate = start, tries = 0; tries < 10_000; tries++) {
            if (candidate >= min && candidate <= max && !used.contains(candidate)
                    && !planText.contains(Long.toString(candidate))) {
                return candidate;
            }
            candidate = start >= TSO_LIKE ? candidate + 101 : candidate - 1;
        }
        return Math.max(min, Math.min(max, start));
    }

    /** The declaration's example, else its default, else the type's plainest value; said in the step's dry-run. */
    private Object assumed(Param<?> p, Deferred deferred) {
        Object value = p.example().flatMap(v -> typed(p, v)).or(() -> p.defaultValue().flatMap(v -> typed(p, v)))
                .orElseGet(() -> plainest(p, deferred));
        assumptions.add("'" + p.name() + "' is known only at run time (" + deferred.source() + "); this dry-run assumes "
                + Examples.asYaml(value));
        return value;
    }

    private static java.util.Optional<Object> typed(Param<?> p, Object value) {
        try {
            return java.util.Optional.of(ParamConversion.convert(p, value));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    private static Object plainest(Param<?> p, Deferred deferred) {
        return switch (p.type()) {
            case BOOLEAN -> Boolean.TRUE;
            case DURATION -> p.min().map(v -> (Object) v).orElse(Duration.ofSeconds(1));
            case NUMBER -> p.min().map(v -> (Object) v).orElse(1.0);
            case INTEGER -> p.min().map(v -> (Object) v).orElse(p.max().map(v -> (Object) v).orElse(1L));
            case MAP -> Map.of();
            case SQL_LIST -> List.of(new SqlText(deferred.toString(), List.of()));
            default -> List.of(deferred.toString());
        };
    }

    /** A value with deferred parts inside (a list, a mapping): each part becomes its source as text. */
    static Object inText(Object value) {
        if (value instanceof Deferred d) {
            return d.toString();
        }
        if (value instanceof Resolver.PartlyKnown text) {
            return text.text();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), inText(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(inText(v)));
            return copy;
        }
        // SQL parameters are the engine's to render (a deferred one shows unquoted, as the source it is)
        return value;
    }

    static boolean holdsDeferred(Object value) {
        if (value instanceof Deferred || value instanceof Resolver.PartlyKnown) {
            return true;
        }
        if (value instanceof Map<?, ?> map) {
            return map.values().stream().anyMatch(StandIns::holdsDeferred);
        }
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(StandIns::holdsDeferred);
        }
        return value instanceof SqlText sql && sql.parameters().stream().anyMatch(StandIns::holdsDeferred);
    }

    /** What the dry-run assumed since the last call, for the step being planned. */
    List<String> drainAssumptions() {
        List<String> drained = List.copyOf(assumptions);
        assumptions.clear();
        return drained;
    }
}
