package io.stepwise.engine.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A value as written in a plan file, with the position of every node. Scalars keep the typed value
 * YAML gave them (String, Long, Double, Boolean or null); strings may hold {@code ${...}} templates.
 */
public sealed interface PlanNode {
    Position position();

    /** The plain Java value: Map, List, String, Long, Double, Boolean or null. */
    Object toPlain();

    /** A plain value (Map, List, scalar) as nodes without a place in a file, such as a declaration's example. */
    static PlanNode of(Object plain) {
        if (plain instanceof Map<?, ?> map) {
            Map<String, PlanNode> entries = new LinkedHashMap<>();
            map.forEach((k, v) -> entries.put(String.valueOf(k), of(v)));
            return new Mapping(entries, Map.of(), Position.UNKNOWN);
        }
        if (plain instanceof List<?> list) {
            return new Sequence(list.stream().map(PlanNode::of).toList(), Position.UNKNOWN);
        }
        return new Scalar(plain instanceof Integer i ? Long.valueOf(i) : plain, Position.UNKNOWN);
    }

    record Scalar(Object value, Position position) implements PlanNode {
        @Override
        public Object toPlain() {
            return value;
        }

        public boolean isString() {
            return value instanceof String;
        }
    }

    record Mapping(Map<String, PlanNode> entries, Map<String, Position> keyPositions, Position position)
            implements PlanNode {
        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
            keyPositions = Map.copyOf(keyPositions);
        }

        public Optional<PlanNode> get(String key) {
            return Optional.ofNullable(entries.get(key));
        }

        public Position keyPosition(String key) {
            return keyPositions.getOrDefault(key, position);
        }

        @Override
        public Object toPlain() {
            Map<String, Object> plain = new LinkedHashMap<>();
            entries.forEach((k, v) -> plain.put(k, v.toPlain()));
            return plain;
        }
    }

    record Sequence(List<PlanNode> items, Position position) implements PlanNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public Object toPlain() {
            List<Object> plain = new ArrayList<>();
            items.forEach(i -> plain.add(i.toPlain()));
            return plain;
        }
    }
}
