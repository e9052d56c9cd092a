package io.stepwise.engine.api;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * How to run or resume: input values ({@code --set}), where state lives, who answers confirmations,
 * and, for resume, the operator's decisions about steps left in flight.
 */
public record RunOptions(Map<String, String> inputs, Optional<Path> stateDir, Confirmer confirmer,
        RunListener listener, boolean durableJournal, Set<String> rerun, Set<String> skip,
        boolean acceptPlanChange, BooleanSupplier stopRequested) {

    public RunOptions {
        inputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(confirmer, "confirmer");
        Objects.requireNonNull(listener, "listener");
        rerun = Set.copyOf(rerun);
        skip = Set.copyOf(skip);
        Objects.requireNonNull(stopRequested, "stopRequested");
    }

    public RunOptions(Map<String, String> inputs, Optional<Path> stateDir, Confirmer confirmer, RunListener listener,
            boolean durableJournal, Set<String> rerun, Set<String> skip, boolean acceptPlanChange) {
        this(inputs, stateDir, confirmer, listener, durableJournal, rerun, skip, acceptPlanChange, () -> false);
    }

    /**
     * Tells the engine that a stop was asked (Ctrl-C, SIGTERM), besides interrupting the thread that
     * runs the plan: a library that swallows the thread's interrupt cannot turn a stop into a failure.
     */
    public RunOptions withStopRequested(BooleanSupplier value) {
        return new RunOptions(inputs, stateDir, confirmer, listener, durableJournal, rerun, skip, acceptPlanChange, value);
    }

    public static RunOptions defaults() {
        return new RunOptions(Map.of(), Optional.empty(), Confirmer.ALWAYS, RunListener.NONE, true, Set.of(),
                Set.of(), false);
    }

    public RunOptions withInputs(Map<String, String> values) {
        return new RunOptions(values, stateDir, confirmer, listener, durableJournal, rerun, skip, acceptPlanChange, stopRequested);
    }

    public RunOptions withStateDir(Path dir) {
        return new RunOptions(inputs, Optional.ofNullable(dir), confirmer, listener, durableJournal, rerun, skip,
                acceptPlanChange, stopRequested);
    }

    public RunOptions withConfirmer(Confirmer value) {
        return new RunOptions(inputs, stateDir, value, listener, durableJournal, rerun, skip, acceptPlanChange, stopRequested);
    }

    public RunOptions withListener(RunListener value) {
        return new RunOptions(inputs, stateDir, confirmer, value, durableJournal, rerun, skip, acceptPlanChange, stopRequested);
    }

    public RunOptions withDurableJournal(boolean value) {
        return new RunOptions(inputs, stateDir, confirmer, listener, value, rerun, skip, acceptPlanChange, stopRequested);
    }

    public RunOptions withResumeDecisions(Set<String> rerunSteps, Set<String> skipSteps, boolean accept) {
        return new RunOptions(inputs, stateDir, confirmer, listener, durableJournal, rerunSteps, skipSteps, accept, stopRequested);
    }
}
