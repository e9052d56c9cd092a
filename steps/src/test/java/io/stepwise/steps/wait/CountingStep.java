package io.stepwise.steps.wait;

import io.stepwise.engine.spi.Param;
import io.stepwise.engine.spi.Params;
import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.spi.action.Action;
import io.stepwise.engine.spi.action.NoteAction;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A test-only check: each run returns {@code n} one higher; the first {@code fail_first} runs fail. */
final class CountingStep implements StepType<CountingStep.Config> {
    static final Param<Long> FAIL_FIRST = Param.integer("fail_first").defaultValue(0L).min(0L)
            .description("How many runs fail before counting starts.");
    final AtomicInteger runs = new AtomicInteger();

    record Config(int failFirst) {
    }

    @Override
    public String name() {
        return "count";
    }

    @Override
    public String description() {
        return "Counts its runs.";
    }

    @Override
    public List<Param<?>> parameters() {
        return List.of(FAIL_FIRST);
    }

    @Override
    public Config bind(Params params) {
        return new Config(params.get(FAIL_FIRST).intValue());
    }

    @Override
    public List<Action> plan(Config config, StepContext context) {
        return List.of(new NoteAction("count"));
    }

    @Override
    public StepResult execute(Config config, StepContext context) {
        int run = runs.incrementAndGet();
        if (run <= config.failFirst()) {
            throw new StepFailedException("not up yet (run " + run + ")");
        }
        return StepResult.of("n", (long) (run - config.failFirst()));
    }
}
