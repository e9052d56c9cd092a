package io.stepwise.steps.assertion;

import io.stepwise.engine.spi.Deferred;
import io.stepwise.engine.spi.Param;
import io.stepwise.engine.spi.ParamDescriptor;
import io.stepwise.engine.spi.ParamType;
import io.stepwise.engine.spi.Params;
import io.stepwise.engine.spi.Reversibility;
import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.spi.action.Action;
import io.stepwise.engine.spi.action.NoteAction;
import java.util.List;
import java.util.Optional;

/** {@code assert}: fails the step with {@code message} when the resolved condition {@code that} is false. */
public final class AssertStep implements StepType<AssertConfig> {
    private static final List<Param<?>> PARAMETERS = List.of(
            ParamDescriptor.of("that", ParamType.BOOLEAN).required()
                    .description("The condition, usually an expression over earlier steps' values; the step fails when it is false.")
                    .example("${steps.count_replica.row.n == steps.count_primary.row.n}").build(),
            ParamDescriptor.of("message", ParamType.STRING).defaultValue("assertion failed")
                    .description("What the failure says; ${...} values may be used.")
                    .example("the replica is missing rows").build());

    @Override
    public String name() {
        return "assert";
    }

    @Override
    public String description() {
        return "Fails with a message when a condition over the run's values is false.";
    }

    @Override
    public List<Param<?>> parameters() {
        return PARAMETERS;
    }

    @Override
    public AssertConfig bind(Params params) {
        String message = params.string("message");
        if (params.raw("that") instanceof Deferred deferred) {
            return new AssertConfig(Optional.empty(), deferred.toString(), message);
        }
        boolean that = params.bool("that");
        return new AssertConfig(Optional.of(that), String.valueOf(that), message);
    }

    @Override
    public List<Action> plan(AssertConfig config, StepContext context) {
        return List.of(new NoteAction("check that " + config.shown() + " is true, else fail: " + config.message()));
    }

    @Override
    public StepResult execute(AssertConfig config, StepContext context) {
        boolean that = config.that().orElseThrow(() -> new IllegalStateException("assert condition not resolved: "
                + config.shown()));
        if (!that) {
            throw new StepFailedException(context.mask(config.message()));
        }
        return StepResult.EMPTY;
    }

    @Override
    public Reversibility reversibility(AssertConfig config) {
        return Reversibility.NOTHING_TO_UNDO;
    }

    @Override
    public boolean idempotent(AssertConfig config) {
        return true;
    }
}
