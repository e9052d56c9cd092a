package io.stepwise.engine.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened in a run, published to {@link RunListener}s. The engine never prints;
 * the command line renders these. Every text in an event is already masked; {@code at} is the wall
 * clock when it happened, {@code elapsed} how long what it reports took (zero when it reports no span).
 */
public record RunEvent(Kind kind, String runId, Optional<String> stepId, String message, Duration elapsed,
        Map<String, Object> data, Instant at) {

    public enum Kind {
        RUN_STARTED, STEP_STARTED, STEP_PROGRESS, STEP_OUTPUT, STEP_COMPLETED, STEP_SKIPPED, STEP_FAILED,
        STEP_RETRYING, CONFIRMATION, ROLLBACK_STARTED, ROLLBACK_STEP, ROLLBACK_FINISHED, RUN_FINISHED, WARNING
    }

    public RunEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(stepId, "stepId");
        message = message == null ? "" : message;
        elapsed = elapsed == null ? Duration.ZERO : elapsed;
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
        Objects.requireNonNull(at, "at");
    }

    /** An event that happens now. */
    public RunEvent(Kind kind, String runId, Optional<String> stepId, String message, Duration elapsed,
            Map<String, Object> data) {
        this(kind, runId, stepId, message, elapsed, data, Instant.now());
    }

    public static RunEvent of(Kind kind, String runId, String stepId, String message) {
        return new RunEvent(kind, runId, Optional.ofNullable(stepId), message, Duration.ZERO, Map.of());
    }
}
