package io.stepwise.engine.api;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** One step in a run summary or status report; outputs are masked. */
public record StepReport(String id, String type, StepStatus status, int attempts, Duration duration,
        Map<String, Object> outputs, Optional<String> error) {
    public StepReport {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        outputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }
}
