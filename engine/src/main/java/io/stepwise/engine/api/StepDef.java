package io.stepwise.engine.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One step as the plan declares it. Expressions are kept as written ({@code ${...}} strings) and
 * are resolved by the run.
 */
public record StepDef(
        String id,
        String type,
        PlanNode.Mapping with,
        String description,
        Optional<PlanNode.Scalar> when,
        RetryPolicy retry,
        Optional<Duration> timeout,
        Optional<PlanNode.Scalar> until,
        Duration interval,
        Map<String, PlanNode.Scalar> capture,
        List<StepDef> rollback,
        Optional<String> confirm,
        boolean background,
        Position position) {

    public StepDef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(with, "with");
        Objects.requireNonNull(position, "position");
        description = description == null ? "" : description;
        capture = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(capture));
        rollback = List.copyOf(rollback);
    }
}
