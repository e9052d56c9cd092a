package io.stepwise.engine.internal;

import io.stepwise.engine.api.RunStatus;
import io.stepwise.engine.api.StepStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A run as its journal tells it: replayed entry by entry; status only moves forward. */
final class RunState {
    String runId = "";
    String planFile = "";
    String planName = "";
    String planDigest = "";
    Instant started;
    Map<String, String> stepChecksums = new LinkedHashMap<>();
    Map<String, Object> inputs = new LinkedHashMap<>();
    final Map<String, StepStatus> statuses = new LinkedHashMap<>();
    final Map<String, Map<String, Object>> values = new HashMap<>();
    final Map<String, Set<String>> secretKeys = new HashMap<>();
    final Map<String, Integer> attempts = new HashMap<>();
    final Map<String, Duration> durations = new HashMap<>();
    final Map<String, String> errors = new HashMap<>();
    final Map<String, String> skipReasons = new HashMap<>();
    final Map<String, List<Long>> backgroundPids = new HashMap<>();
    final Map<String, String> rollback = new LinkedHashMap<>();
    final List<String> notes = new ArrayList<>();
    Optional<RunStatus> finished = Optional.empty();
    boolean rollbackInProgress;

    @SuppressWarnings("unchecked")
    static RunState replay(Path journalFile) {
        RunState state = new RunState();
        for (Map<String, Object> entry : Journal.read(journalFile)) {
            state.apply(entry);
        }
        return state;
    }

    @SuppressWarnings("unchecked")
    void apply(Map<String, Object> e) {
        String event = String.valueOf(e.get("event"));
        String step = e.get("step") == null ? null : String.valueOf(e.get("step"));
        switch (event) {
            case "run_started" -> {
                runId = String.valueOf(e.get("run_id"));
                planFile = String.valueOf(e.get("plan_file"));
                planName = String.valueOf(e.get("plan_name"));
                planDigest = String.valueOf(e.get("plan_digest"));
                started = Instant.parse(String.valueOf(e.get("at")));
                stepChecksums = new LinkedHashMap<>((Map<String, String>) e.getOrDefault("step_checksums", Map.of()));
                inputs = new LinkedHashMap<>((Map<String, Object>) e.getOrDefault("inputs", Map.of()));
                finished = Optional.empty();
            }
            case "resumed" -> {
                finished = Optional.empty();
                if (e.get("plan_digest") != null) {
                    planDigest = String.valueOf(e.get("plan_digest"));
                    stepChecksums = new LinkedHashMap<>((Map<String, String>) e.getOrDefault("step_checksums", stepChecksums));
                }
            }
            case "input_set" -> inputs.put(String.valueOf(e.get("name")), e.get("value"));
            case "step_started" -> {
                statuses.put(step, StepStatus.RUNNING);
                attempts.merge(step, 1, Integer::sum);
                errors.remove(step);
            }
            case "step_completed" -> {
                statuses.put(step, StepStatus.COMPLETED);
                values.put(step, new LinkedHashMap<>((Map<String, Object>) e.getOrDefault("values", Map.of())));
                secretKeys.put(step, new LinkedHashSet<>((List<String>) e.getOrDefault("secret_keys", List.of())));
                durations.put(step, Duration.ofMillis(((Number) e.getOrDefault("duration_ms", 0)).longValue()));
            }
            case "step_skipped" -> {
                statuses.put(step, StepStatus.SKIPPED);
                skipReasons.put(step, String.valueOf(e.getOrDefault("reason", "")));
            }
            case "step_failed" -> {
                statuses.put(step, StepStatus.FAILED);
                errors.put(step, String.valueOf(e.get("error")));
                durations.put(step, Duration.ofMillis(((Number) e.getOrDefault("duration_ms", 0)).longValue()));
            }
            case "step_interrupted" -> {
                statuses.put(step, StepStatus.INTERRUPTED);
                errors.put(step, String.valueOf(e.getOrDefault("error", "interrupted")));
            }
            case "step_reset" -> {
                statuses.remove(step);
                values.remove(step);
                notes.add(String.valueOf(e.getOrDefault("reason", "")));
            }
            case "background" -> backgroundPids.computeIfAbsent(step, k -> new ArrayList<>())
                    .add(((Number) e.get("pid")).longValue());
            case "rollback_started" -> rollbackInProgress = true;
            case "rollback_step" -> {
                String status = String.valueOf(e.get("status"));
                rollback.put(step, status);
                if (status.equals("rolled_back")) {
                    statuses.put(step, StepStatus.ROLLED_BACK);
                } else if (status.equals("failed")) {
                    statuses.put(step, StepStatus.ROLLBACK_FAILED);
                    errors.put(step, String.valueOf(e.get("error")));
                } else if (status.equals("needs_person")) {
                    statuses.put(step, StepStatus.NEEDS_PERSON);
                }
            }
            case "rollback_finished" -> rollbackInProgress = false;
            case "run_finished" -> finished = Optional.of(RunStatus.valueOf(String.valueOf(e.get("status"))));
            case "note" -> notes.add(String.valueOf(e.get("message")));
            default -> { }
        }
    }

    StepStatus status(String step) {
        return statuses.getOrDefault(step, StepStatus.PENDING);
    }
}
