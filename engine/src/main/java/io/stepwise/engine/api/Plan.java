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
        boolean requireReview) {

    public Plan {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        description = description == null ? "" : description;
        inputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        connections = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(connections));
        steps = List.copyOf(steps);
    }

    public Optional<StepDef> step(String id) {
        return steps.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public int indexOf(String id) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }
}
