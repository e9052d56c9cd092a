package io.stepwise.engine.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the command line and the shell call. Every method that takes a plan validates it first and
 * throws {@link InvalidPlanException} with all problems before anything runs.
 */
public interface Engine {
    /** Loads and validates a plan; inputs are checked when given (a missing required input is a problem). */
    Plan load(Path planFile, Map<String, String> inputs);

    /**
     * All problems, empty when the plan is valid; a required input with no value (given, from its environment
     * variable or a default) is one, as {@link #run} would find.
     */
    default List<Problem> validate(Path planFile, Map<String, String> inputs) {
        return validate(planFile, inputs, true);
    }

    /** All problems; with {@code requireInputs} false a required input without a value is not one. */
    List<Problem> validate(Path planFile, Map<String, String> inputs, boolean requireInputs);

    /** Renders what a run would do, opening no connection and starting no process. */
    String dryRun(Path planFile, Map<String, String> inputs, DryRunFormat format);

    /** Runs a plan from the start as a new run. */
    RunReport run(Path planFile, RunOptions options);

    /**
     * Runs a plan only if it is what a review file shows (its plan, inputs, environment and stepwise
     * versions); otherwise refuses with the differences, before any step runs.
     */
    RunReport runReviewed(Path planFile, RunOptions options, ReviewFile review);

    /** A review file for a plan: its markdown dry-run and the fingerprint {@link #runReviewed} checks. */
    String review(Path planFile, Map<String, String> inputs);

    /** Continues a run from its journal; the run is found by id or directory, or the latest one. */
    RunReport resume(Optional<String> run, Optional<Path> planFile, RunOptions options);

    /** Rolls back the completed steps of a run, newest first. */
    RunReport rollback(Optional<String> run, Optional<Path> planFile, RunOptions options);

    /** The state of a run as its journal tells it. */
    RunReport status(Optional<String> run, Optional<Path> planFile, Optional<Path> stateDir);

    /** The runs in the state directory given (by itself or by its plan), or in every known one; newest first. */
    List<RunReport> runs(Optional<Path> planFile, Optional<Path> stateDir);

    /**
     * Removes the data of runs that are over (succeeded or rolled back; a failed run stays resumable), keeping each
     * one's journal and plan copy: all of them but the newest {@code keep}, and only those that ended longer ago than
     * {@code olderThan}. With {@code rehearse} nothing is removed. Returns the runs it pruned (or would), newest first.
     */
    List<PrunedRun> prune(Optional<Path> planFile, Optional<Path> stateDir, Optional<Duration> olderThan, int keep,
            boolean rehearse);

    /** Opens a new run of a plan for stepping; no step runs until asked. */
    InteractiveRun open(Path planFile, RunOptions options);

    /** Attaches to an existing run (one a shell or {@code stepwise run} started) for stepping. */
    InteractiveRun attach(Optional<String> run, Optional<Path> planFile, RunOptions options);

    List<StepTypeInfo> stepTypes();

    /** The JSON Schema of a plan file with the registered step types' parameters. */
    String planSchema();
}
