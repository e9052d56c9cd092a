package io.stepwise.engine.api;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One step in a run summary or status report; outputs are masked. {@code captures} names the values
 * the plan captured (a subset of the outputs' keys), which a summary shows first.
 */
public record StepReport(String id, String type, StepStatus status, int attempts, Duration duration,
        Map<String, Object> outputs, Optional<String> error, java.util.List<String> captures) {
    public StepReport {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        outputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        captures = java.util.List.copyOf(captures);
    }

    public StepReport(String id, String type, StepStatus status, int attempts, Duration duration,
            Map<String, Object> outputs, Optional<String> error) {
        this(id, type, status, attempts, duration, outputs, error, java.util.List.of());
    }
}
