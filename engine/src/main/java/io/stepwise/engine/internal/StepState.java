package io.stepwise.engine.internal;

import io.stepwise.engine.api.StepStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One step as the journal tells it: status, attempts, its values in journal form (secrets as
 * references to their source, or masked), and how often it completed (a resume never completes a
 * completed step again).
 */
record StepState(StepStatus status, int attempts, Map<String, Object> values, Set<String> secretKeys, Duration duration,
        Optional<String> error, Optional<String> skipReason, boolean probed, int completions) {
    static final StepState PENDING = new StepState(StepStatus.PENDING, 0, Map.of(), Set.of(), Duration.ZERO,
            Optional.empty(), Optional.empty(), false, 0);

    StepState {
        Objects.requireNonNull(status, "status");
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        secretKeys = Set.copyOf(secretKeys);
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(skipReason, "skipReason");
    }

    StepState started() {
        return new StepState(StepStatus.RUNNING, attempts + 1, values, secretKeys, duration, Optional.empty(), skipReason,
                false, completions);
    }

    StepState completed(Map<String, Object> newValues, Set<String> secrets, Duration took, boolean wasProbed) {
        return new StepState(StepStatus.COMPLETED, Math.max(attempts, 1), newValues, secrets, took, Optional.empty(),
                Optional.empty(), wasProbed, completions + 1);
    }

    StepState withValues(Map<String, Object> newValues, Set<String> secrets) {
        Map<String, Object> merged = new LinkedHashMap<>(values);
        merged.putAll(newValues);
        java.util.Set<String> keys = new java.util.HashSet<>(secretKeys);
        keys.removeAll(newValues.keySet());
        keys.addAll(secrets);
        return new StepState(status, attempts, merged, keys, duration, error, skipReason, probed, completions);
    }

    StepState skipped(String reason) {
        return new StepState(StepStatus.SKIPPED, attempts, values, secretKeys, duration, Optional.empty(),
                Optional.of(reason), false, completions);
    }

    StepState failed(String message, Duration took) {
        return new StepState(StepStatus.FAILED, attempts, values, secretKeys, took, Optional.of(message), skipReason,
                false, completions);
    }

    StepState interrupted(String message, Duration took) {
        return new StepState(StepStatus.INTERRUPTED, attempts, values, secretKeys, took, Optional.of(message), skipReason,
                false, completions);
    }

    StepState withStatus(StepStatus newStatus, Optional<String> newError) {
        return new StepState(newStatus, attempts, values, secretKeys, duration, newError.or(() -> error), skipReason,
                probed, completions);
    }

    /** Back to pending by an operator's decision (--rerun): the values stay until the step completes again. */
    StepState pendingAgain() {
        return new StepState(StepStatus.PENDING, attempts, values, secretKeys, duration, Optional.empty(),
                Optional.empty(), false, completions);
    }
}
