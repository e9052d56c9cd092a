package io.stepwise.engine.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One line of the journal, as a typed record. The {@code event} field names the kind; every line
 * also carries {@code seq}, {@code at} and the format version {@code v} (absent in version 1, whose
 * lines read the same). Optional fields are null and left out of the line. Values are already in
 * their journal form: masked, or with secrets as references to their source ({@link Masker#forJournal}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "event")
@JsonSubTypes({
    @JsonSubTypes.Type(value = JournalEntry.RunStarted.class, name = "run_started"),
    @JsonSubTypes.Type(value = JournalEntry.Resumed.class, name = "resumed"),
    @JsonSubTypes.Type(value = JournalEntry.InputSet.class, name = "input_set"),
    @JsonSubTypes.Type(value = JournalEntry.Decision.class, name = "decision"),
    @JsonSubTypes.Type(value = JournalEntry.StepStarted.class, name = "step_started"),
    @JsonSubTypes.Type(value = JournalEntry.StepCompleted.class, name = "step_completed"),
    @JsonSubTypes.Type(value = JournalEntry.StepSkipped.class, name = "step_skipped"),
    @JsonSubTypes.Type(value = JournalEntry.StepFailed.class, name = "step_failed"),
    @JsonSubTypes.Type(value = JournalEntry.StepInterrupted.class, name = "step_interrupted"),
    @JsonSubTypes.Type(value = JournalEntry.StepReset.class, name = "step_reset"),
    @JsonSubTypes.Type(value = JournalEntry.ResourceStarted.class, names = {"resource_started", "background"}),
    @JsonSubTypes.Type(value = JournalEntry.ResourceEnded.class, name = "resource_ended"),
    @JsonSubTypes.Type(value = JournalEntry.ResourceAdopted.class, name = "resource_adopted"),
    @JsonSubTypes.Type(value = JournalEntry.ResourceRestarted.class, name = "resource_restarted"),
    @JsonSubTypes.Type(value = JournalEntry.RollbackStarted.class, name = "rollback_started"),
    @JsonSubTypes.Type(value = JournalEntry.RollbackStep.class, name = "rollback_step"),
    @JsonSubTypes.Type(value = JournalEntry.RollbackFinished.class, name = "rollback_finished"),
    @JsonSubTypes.Type(value = JournalEntry.RunFinished.class, name = "run_finished"),
    @JsonSubTypes.Type(value = JournalEntry.Note.class, name = "note"),
    @JsonSubTypes.Type(value = JournalEntry.Reviewed.class, name = "reviewed"),
    @JsonSubTypes.Type(value = JournalEntry.Confirmed.class, name = "confirmed")
})
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
sealed interface JournalEntry {
    /** The format written now; version 1 journals (no {@code v}) replay unchanged. */
    int FORMAT_VERSION = 2;

    /** The step the entry is about, or null for run-level entries. */
    default String stepId() {
        return null;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record RunStarted(@JsonProperty("run_id") String runId, @JsonProperty("plan_file") String planFile,
            @JsonProperty("plan_name") String planName, @JsonProperty("plan_digest") String planDigest,
            @JsonProperty("step_checksums") Map<String, String> stepChecksums, Map<String, Object> inputs, Long pid,
            String host, @JsonProperty("step_types") Map<String, String> stepTypes,
            Map<String, List<String>> captures) implements JournalEntry {
        public RunStarted {
            stepChecksums = copy(stepChecksums);
            inputs = copy(inputs);
            stepTypes = copy(stepTypes);
            captures = copy(captures);
        }

        /** Without the step types and captures (a journal an earlier stepwise wrote has none). */
        RunStarted(String runId, String planFile, String planName, String planDigest, Map<String, String> stepChecksums,
                Map<String, Object> inputs, Long pid, String host) {
            this(runId, planFile, planName, planDigest, stepChecksums, inputs, pid, host, Map.of(), Map.of());
        }
    }

    /** A runner took the run up again: resume, rollback or the shell's attach. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Resumed(String mode, Long pid, String host, @JsonProperty("took_over_from") Map<String, Object> tookOverFrom,
            @JsonProperty("plan_digest") String planDigest, @JsonProperty("step_checksums") Map<String, String> stepChecksums)
            implements JournalEntry {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record InputSet(String name, Object value) implements JournalEntry {
    }

    /** What the operator or the resume policy decided about a step: rerun, skip, or accept a changed plan. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Decision(String kind, String step, String reason) implements JournalEntry {
        static final String RERUN = "rerun";
        static final String SKIP = "skip";
        static final String ACCEPT_PLAN_CHANGE = "accept_plan_change";

        @Override
        public String stepId() {
            return step;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record StepStarted(String step, Integer attempt, String checksum) implements JournalEntry {
        @Override
        public String stepId() {
            return step;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record StepCompleted(String step, Map<String, Object> values, @JsonProperty("secret_keys") List<String> secretKeys,
            @JsonProperty("duration_ms") Long durationMs, Integer attempts, Boolean probed) implements JournalEntry {
        public StepCompleted {
            values = copy(values);
            secretKeys = secretKeys == null ? List.of() : List.copyOf(secretKeys);
        }

        @Override
        public String stepId() {
            return step;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record StepSkipped(String step, String reason) implements JournalEntry {
        @Override
        public String stepId() {
            return step;
        }
    }

    /** A failed attempt; {@code last} is false when a retry follows. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record StepFailed(String step, String error, String hint, Integer attempt, @JsonProperty("final") Boolean last,
            @JsonProperty("duration_ms") Long durationMs) implements JournalEntry {
        @Override
        public String stepId() {
            return step;
        }

        boolean isFinal() {
            return last == null || last;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record StepInterrupted(String step, String error, @JsonProperty("duration_ms") Long durationMs) implements JournalEntry {
        @Override
        public String stepId() {
            return step;
        }
    }

    /** Version 1 only: a completed step set back to pending. Replayed as written; no longer written. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record StepReset(String step, String reason) implements JournalEntry {
        @Override
        public String stepId() {
            return step;
        }
    }

    /**
     * A step started a resource that outlives it: a child process ({@code kind: process}) or a
     * service inside the runner ({@code kind: in_runner}, which ends with the runner's process).
     * {@code process_start} is the process's start instant, so a reused pid is not taken for it.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ResourceStarted(String step, long pid, String name, Boolean keep, String kind,
            @JsonProperty("process_start") String processStart) implements JournalEntry {
        static final String PROCESS = "process";
        static final String IN_RUNNER = "in_runner";

        @Override
        public String stepId() {
            return step;
        }

        boolean kept() {
            return keep != null && keep;
        }

        boolean inRunner() {
            return IN_RUNNER.equals(kind);
        }
    }

    /** A resource ended; {@code how} is one of {@link ResourceState.Lifecycle}'s journal names, {@code by} the step. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ResourceEnded(String step, long pid, String how, String by) implements JournalEntry {
        @Override
        public String stepId() {
            return step;
        }
    }

    /** A runner that took the run up again took charge of a resource that was still alive. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ResourceAdopted(String step, long pid) implements JournalEntry {
        @Override
        public String stepId() {
            return step;
        }
    }

    /**
     * A resource that had ended with its runner was started again by its type, on the same data; the
     * step's values that changed (its pid, say) are replaced. The step does not complete again.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ResourceRestarted(String step, Map<String, Object> values, @JsonProperty("secret_keys") List<String> secretKeys,
            String reason) implements JournalEntry {
        public ResourceRestarted {
            values = copy(values);
            secretKeys = secretKeys == null ? List.of() : List.copyOf(secretKeys);
        }

        @Override
        public String stepId() {
            return step;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record RollbackStarted() implements JournalEntry {
    }

    /** The undo of one step: rolled_back, nothing_to_undo, failed or needs_person. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record RollbackStep(String step, String status, String error, String message) implements JournalEntry {
        static final String ROLLED_BACK = "rolled_back";
        static final String NOTHING_TO_UNDO = "nothing_to_undo";
        static final String FAILED = "failed";
        static final String NEEDS_PERSON = "needs_person";

        @Override
        public String stepId() {
            return step;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record RollbackFinished(Boolean clean) implements JournalEntry {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record RunFinished(String status, @JsonProperty("after_failure") Boolean afterFailure) implements JournalEntry {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Note(String step, String message) implements JournalEntry {
        public Note {
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String stepId() {
            return step;
        }
    }

    /** The run was checked against a review file before any step ran, and matched it; who ran it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Reviewed(@JsonProperty("review_digest") String reviewDigest, @JsonProperty("review_file") String reviewFile,
            String user, String host) implements JournalEntry {
    }

    /** A step's confirm: question was answered (yes or no), and by whom ({@code --yes} when answered in advance). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Confirmed(String step, String answer, String by) implements JournalEntry {
        @Override
        public String stepId() {
            return step;
        }
    }

    private static <K, V> Map<K, V> copy(Map<K, V> map) {
        return map == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
