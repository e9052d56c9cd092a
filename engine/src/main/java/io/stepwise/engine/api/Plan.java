package io.stepwise.engine.api;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A loaded plan: what the file declares, with the digest of its text. {@code requireReview} is the
 * top-level {@code require_review: true}: a run must then show a matching review file.
 */
public record Plan(
        String name,
        String description,
        Map<String, InputDef> inputs,
        Map<String, ConnectionDef> connections,
        OnFailure onFailure,
        List<StepDef> steps,
        Path source,
        String digest,
        boolean requireReview,
        Map<String, Integer> positions) {

    public Plan {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        description = description == null ? "" : description;
        inputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        connections = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(connections));
        steps = List.copyOf(steps);
        positions = positionsOf(steps);
    }

    /** A plan; each step's position is indexed by its id, so lookups stay constant time in a plan of 10,000 steps. */
    public Plan(String name, String description, Map<String, InputDef> inputs, Map<String, ConnectionDef> connections,
            OnFailure onFailure, List<StepDef> steps, Path source, String digest, boolean requireReview) {
        this(name, description, inputs, connections, onFailure, steps, source, digest, requireReview, Map.of());
    }

    private static Map<String, Integer> positionsOf(List<StepDef> steps) {
        Map<String, Integer> positions = new java.util.HashMap<>();
        for (int i = steps.size() - 1; i >= 0; i--) {
            positions.put(steps.get(i).id(), i); // the first of duplicate ids wins (the validator reports duplicates)
        }
        return java.util.Collections.unmodifiableMap(positions);
    }

    public Optional<StepDef> step(String id) {
        Integer i = positions.get(id);
        return i == null ? Optional.empty() : Optional.of(steps.get(i));
    }

    public int indexOf(String id) {
        return positions.getOrDefault(id, -1);
    }
}
