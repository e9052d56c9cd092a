package io.stepwise.steps.assertion;

import io.stepwise.engine.spi.Param;
import io.stepwise.engine.spi.Params;
import io.stepwise.engine.spi.Reversibility;
import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.spi.action.Action;
import io.stepwise.engine.spi.action.NoteAction;
import java.util.List;

/** {@code assert}: fails the step with {@code message} when the resolved condition {@code that} is false. */
public final class AssertStep implements StepType<AssertConfig> {
    /**
     * The condition: {@code true} or {@code false} once resolved. Declared as any value so that a
     * dry-run, which cannot know it, shows the condition by its source ({@code <steps.a.n == steps.b.n>}).
     */
    static final Param<Object> THAT = Param.any("that").required()
            .check(Boolean.class::isInstance, "must be true or false (usually an expression over earlier steps' values)")
            .description("The condition, usually an expression over earlier steps' values; the step fails when it is false.")
            .example("${steps.count_replica.row.n == steps.count_primary.row.n}");
    static final Param<String> MESSAGE = Param.string("message").defaultValue("assertion failed")
            .description("What the failure says; ${...} values may be used.")
            .example("the replica is missing rows");

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
        return List.of(THAT, MESSAGE);
    }

    @Override
    public AssertConfig bind(Params params) {
        return new AssertConfig(params.get(THAT), params.get(MESSAGE));
    }

    @Override
    public List<Action> plan(AssertConfig config, StepContext context) {
        return List.of(new NoteAction("check that " + config.that() + " is true, else fail: " + config.message()));
    }

    @Override
    public StepResult execute(AssertConfig config, StepContext context) {
        if (!Boolean.TRUE.equals(config.that())) {
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
