package io.stepwise.engine.spi;

import io.stepwise.engine.spi.action.Action;
import java.util.List;

/**
 * A kind of step, found through {@link java.util.ServiceLoader}. It describes itself (parameters,
 * outputs), binds its typed config, says what it intends ({@link #plan}, no side effects) and does
 * it ({@link #execute}). The engine wraps every step in one template that owns status, timing,
 * journal and events.
 *
 * @param <C> the immutable config record this type binds its parameters into
 */
public interface StepType<C> {
    /** The name plans use in {@code type:}, such as {@code sql} or {@code cdc.changefeed}. */
    String name();

    /** One sentence for {@code stepwise steps}. */
    String description();

    /** The parameters, declared once with their rules; see {@link Param}. */
    List<Param<?>> parameters();

    default List<OutputDescriptor> outputs() {
        return List.of();
    }

    /**
     * Outputs whose names the parameters choose (such as the names of exec's {@code extract}), read
     * like declared outputs as {@code ${steps.<id>.<name>}}. Only literal parameters can name them.
     */
    default java.util.Set<String> namedOutputs(ParamValues params) {
        return java.util.Set.of();
    }

    /**
     * Groups of parameters of which a step gives exactly one (exec: command or script): the engine
     * refuses a step with none or several, and the JSON Schema says so ({@code oneOf}).
     */
    default List<List<String>> exactlyOneOf() {
        return List.of();
    }

    /**
     * Checks across parameters that declarations cannot say. The engine calls it twice with the same
     * rules: before the run on literal values, and before the step binds on resolved ones, so
     * {@link #bind} never has to refuse what this could. Single values are checked from the declarations.
     */
    default void validate(ParamValues params, Problems problems) {
    }

    /** Builds the typed config from resolved parameters. Throws {@link IllegalArgumentException} on bad values. */
    C bind(Params params);

    /** What the step would do, with no side effects: dry-run renders this. */
    List<Action> plan(C config, StepContext context);

    /** Does it. Throws {@link StepFailedException} with a hint when it fails in a way a person can fix. */
    StepResult execute(C config, StepContext context);

    default Reversibility reversibility(C config) {
        return Reversibility.NEEDS_PERSON;
    }

    /** What {@link #rollback} would do, for dry-run and the rollback report. */
    default List<Action> planRollback(C config, StepResult result, StepContext context) {
        return List.of();
    }

    /** Undoes a completed step; called only when {@link #reversibility} is {@link Reversibility#SELF}. */
    default void rollback(C config, StepResult result, StepContext context) {
        throw new UnsupportedOperationException(name() + " cannot roll back");
    }

    /**
     * True when the type can run with {@code background: true}: {@link #execute} starts something
     * long-running, registers it with {@link StepContext#registerBackground} and returns once it is ready.
     */
    default boolean supportsBackground() {
        return false;
    }

    /** True when running the step twice has the same effect as once, so resume may rerun it after a crash. */
    default boolean idempotent(C config) {
        return false;
    }

    /**
     * The ids of earlier steps whose background resources this step acts on by name ({@code stop}:
     * the steps it stops). Such a resource is part of the world until this step runs: a resume starts
     * it again (where its type is {@link #restartable}) when steps still to run come before this one.
     */
    default List<String> stepsActedOn(C config) {
        return List.of();
    }

    /**
     * True when {@link #restart} can start this step's background resource again faithfully: on the
     * same data, so that what later steps see is what they would have seen had it never stopped
     * (a server on its data dir, an S3 server on its files). A resume restarts such a resource when
     * its runner is gone and steps still to run need it; a rollback, when an undo needs it.
     */
    default boolean restartable(C config) {
        return false;
    }

    /**
     * Starts again the background resource of a completed step (see {@link #restartable}); it
     * registers it with {@link StepContext#registerBackground} as {@link #execute} does and returns
     * the step's values that changed (a new pid, say). The step does not complete again.
     */
    default StepResult restart(C config, StepResult previous, StepContext context) {
        throw new UnsupportedOperationException(name() + " cannot restart what it started");
    }

    /**
     * After a crash in the middle of this step, tells whether its effect is in place, so resume can
     * go on without asking the operator.
     */
    default ProbeOutcome probe(C config, StepContext context) {
        return ProbeOutcome.UNSUPPORTED;
    }
}
