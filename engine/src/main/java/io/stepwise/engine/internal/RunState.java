package io.stepwise.engine.internal;

import io.stepwise.engine.api.RunStatus;
import io.stepwise.engine.api.StepStatus;
import io.stepwise.engine.internal.JournalEntry.Decision;
import io.stepwise.engine.internal.JournalEntry.InputSet;
import io.stepwise.engine.internal.JournalEntry.Note;
import io.stepwise.engine.internal.JournalEntry.ResourceAdopted;
import io.stepwise.engine.internal.JournalEntry.ResourceEnded;
import io.stepwise.engine.internal.JournalEntry.ResourceRestarted;
import io.stepwise.engine.internal.JournalEntry.ResourceStarted;
import io.stepwise.engine.internal.JournalEntry.Resumed;
import io.stepwise.engine.internal.JournalEntry.RollbackFinished;
import io.stepwise.engine.internal.JournalEntry.RollbackStarted;
import io.stepwise.engine.internal.JournalEntry.RollbackStep;
import io.stepwise.engine.internal.JournalEntry.RunFinished;
import io.stepwise.engine.internal.JournalEntry.RunStarted;
import io.stepwise.engine.internal.JournalEntry.StepCompleted;
import io.stepwise.engine.internal.JournalEntry.StepFailed;
import io.stepwise.engine.internal.JournalEntry.StepInterrupted;
import io.stepwise.engine.internal.JournalEntry.StepReset;
import io.stepwise.engine.internal.JournalEntry.StepSkipped;
import io.stepwise.engine.internal.JournalEntry.StepStarted;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A run as its journal tells it, built by one replay of typed entries ({@link #apply}): each step's
 * status, attempts and values, each resource's lifecycle, rollback progress, and the decisions taken.
 * A live run applies every entry it journals through the same method, so what a run knows and what a
 * later replay rebuilds are the same by construction.
 */
final class RunState {
    /** What {@code run_started} (and later {@code resumed} with a changed plan) says about the run. */
    record Header(String runId, String planFile, String planName, String planDigest, Instant started,
            Map<String, String> stepChecksums, Map<String, Object> inputs, Map<String, String> stepTypes,
            Map<String, List<String>> captures) {
        static final Header NONE = new Header("", "", "", "", Instant.EPOCH, Map.of(), Map.of(), Map.of(), Map.of());

        Header {
            stepChecksums = Collections.unmodifiableMap(new LinkedHashMap<>(stepChecksums));
            inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
            stepTypes = Collections.unmodifiableMap(new LinkedHashMap<>(stepTypes));
            captures = Collections.unmodifiableMap(new LinkedHashMap<>(captures));
        }

        Header with(String digest, Map<String, String> checksums, Map<String, Object> newInputs) {
            return new Header(runId, planFile, planName, digest, started, checksums, newInputs, stepTypes, captures);
        }
    }

    private Header header = Header.NONE;
    private final Map<String, StepState> steps = new LinkedHashMap<>();
    private final List<ResourceState> resources = new ArrayList<>();
    private final Map<String, String> rollback = new LinkedHashMap<>();
    private final List<Decision> decisions = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private Optional<RunStatus> finished = Optional.empty();
    private boolean rollbackInProgress;
    private int formatVersion = JournalEntry.FORMAT_VERSION;
    private int entries;

    static RunState replay(Path journalFile) {
        RunState state = new RunState();
        for (Journal.Line line : Journal.read(journalFile)) {
            state.formatVersion = Math.min(state.formatVersion, line.version());
            state.apply(line.entry(), line.at());
        }
        return state;
    }

    /** Applies one entry: the only place the run's state changes. */
    synchronized void apply(JournalEntry entry, Instant at) {
        entries++;
        if (entry instanceof RunStarted e) {
            header = new Header(e.runId(), e.planFile(), e.planName(), e.planDigest(), at, e.stepChecksums(), e.inputs(),
                    e.stepTypes(), e.captures());
            finished = Optional.empty();
        } else if (entry instanceof Resumed e) {
            finished = Optional.empty();
            if (e.planDigest() != null) {
                header = header.with(e.planDigest(), e.stepChecksums() == null ? header.stepChecksums() : e.stepChecksums(),
                        header.inputs());
            }
        } else if (entry instanceof InputSet e) {
            Map<String, Object> inputs = new LinkedHashMap<>(header.inputs());
            inputs.put(e.name(), e.value());
            header = header.with(header.planDigest(), header.stepChecksums(), inputs);
        } else if (entry instanceof Decision e) {
            decisions.add(e);
            if (Decision.RERUN.equals(e.kind()) && e.step() != null) {
                update(e.step(), StepState::pendingAgain);
            }
        } else if (entry instanceof StepStarted e) {
            update(e.step(), StepState::started);
        } else if (entry instanceof StepCompleted e) {
            update(e.step(), s -> s.completed(e.values(), new LinkedHashSet<>(e.secretKeys()), millis(e.durationMs()),
                    Boolean.TRUE.equals(e.probed())));
        } else if (entry instanceof StepSkipped e) {
            update(e.step(), s -> s.skipped(String.valueOf(e.reason())));
        } else if (entry instanceof StepFailed e) {
            update(e.step(), s -> s.failed(String.valueOf(e.error()), millis(e.durationMs())));
        } else if (entry instanceof StepInterrupted e) {
            update(e.step(), s -> s.interrupted(e.error() == null ? "interrupted" : e.error(), millis(e.durationMs())));
        } else if (entry instanceof StepReset e) {
            steps.remove(e.step());
            notes.add(String.valueOf(e.reason()));
        } else if (entry instanceof ResourceStarted e) {
            resources.removeIf(r -> r.step().equals(e.step()) && r.pid() == e.pid() && !r.inRunner());
            resources.add(new ResourceState(e.step(), e.pid(), e.name() == null ? e.step() : e.name(), e.kept(),
                    e.inRunner(), Optional.ofNullable(e.processStart()), ResourceState.Lifecycle.RUNNING, Optional.empty()));
        } else if (entry instanceof ResourceEnded e) {
            replaceResource(e.step(), e.pid(), r -> r.ended(ResourceState.Lifecycle.ofJournal(e.how()),
                    Optional.ofNullable(e.by())));
        } else if (entry instanceof ResourceAdopted e) {
            replaceResource(e.step(), e.pid(), ResourceState::running);
        } else if (entry instanceof ResourceRestarted e) {
            update(e.step(), s -> s.withValues(e.values(), new LinkedHashSet<>(e.secretKeys())));
        } else if (entry instanceof RollbackStarted) {
            rollbackInProgress = true;
        } else if (entry instanceof RollbackStep e) {
            applyRollbackStep(e);
        } else if (entry instanceof RollbackFinished) {
            rollbackInProgress = false;
        } else if (entry instanceof RunFinished e) {
            finished = Optional.of(RunStatus.valueOf(e.status()));
        } else if (entry instanceof Note e) {
            notes.add(e.message());
        } else if (entry instanceof JournalEntry.Reviewed e) {
            notes.add("run as reviewed in " + e.reviewFile() + " (" + shortDigest(e.reviewDigest()) + "), by " + e.user()
                    + " on " + e.host() + " at " + at);
        } else if (entry instanceof JournalEntry.Confirmed e) {
            notes.add("step '" + e.step() + "' " + ("yes".equals(e.answer()) ? "confirmed" : "not confirmed") + " by "
                    + e.by() + " at " + at);
        }
    }

    private void applyRollbackStep(RollbackStep e) {
        rollback.put(e.step(), e.status());
        switch (e.status()) {
            case RollbackStep.ROLLED_BACK -> update(e.step(), s -> s.withStatus(StepStatus.ROLLED_BACK, Optional.empty()));
            case RollbackStep.FAILED -> update(e.step(), s -> s.withStatus(StepStatus.ROLLBACK_FAILED,
                    Optional.ofNullable(e.error())));
            case RollbackStep.NEEDS_PERSON -> update(e.step(), s -> s.withStatus(StepStatus.NEEDS_PERSON,
                    Optional.ofNullable(e.message())));
            default -> { }
        }
    }

    private void update(String step, java.util.function.UnaryOperator<StepState> change) {
        steps.put(step, change.apply(steps.getOrDefault(step, StepState.PENDING)));
    }

    /** A resource entry names its step and pid; the latest matching resource changes. */
    private void replaceResource(String step, long pid, java.util.function.UnaryOperator<ResourceState> change) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            ResourceState r = resources.get(i);
            if (r.step().equals(step) && r.pid() == pid) {
                resources.set(i, change.apply(r));
                return;
            }
        }
    }

    private static String shortDigest(String digest) {
        return digest == null ? "?" : digest.length() > 19 ? digest.substring(0, 19) : digest;
    }

    private static Duration millis(Long ms) {
        return Duration.ofMillis(ms == null ? 0 : ms);
    }

    synchronized Header header() {
        return header;
    }

    String runId() {
        return header().runId();
    }

    synchronized StepState step(String id) {
        return steps.getOrDefault(id, StepState.PENDING);
    }

    StepStatus status(String id) {
        return step(id).status();
    }

    /** The ids the journal knows, in the order they first appeared. */
    synchronized List<String> stepIds() {
        return List.copyOf(steps.keySet());
    }

    synchronized List<ResourceState> resources() {
        return List.copyOf(resources);
    }

    synchronized List<ResourceState> resourcesOf(String step) {
        return resources.stream().filter(r -> r.step().equals(step)).toList();
    }

    /** The rollback status journaled for a step (rolled_back, nothing_to_undo, failed, needs_person). */
    synchronized Optional<String> rollbackOf(String step) {
        return Optional.ofNullable(rollback.get(step));
    }

    synchronized Map<String, String> rollbackProgress() {
        return Map.copyOf(rollback);
    }

    synchronized boolean rollbackInProgress() {
        return rollbackInProgress;
    }

    synchronized List<Decision> decisions() {
        return List.copyOf(decisions);
    }

    synchronized List<String> notes() {
        return List.copyOf(notes);
    }

    synchronized Optional<RunStatus> finished() {
        return finished;
    }

    /** The oldest format version among the journal's lines (1 for a journal an earlier stepwise wrote). */
    synchronized int formatVersion() {
        return formatVersion;
    }

    synchronized int entries() {
        return entries;
    }
}
