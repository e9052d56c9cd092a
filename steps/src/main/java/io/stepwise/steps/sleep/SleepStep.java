package io.stepwise.steps.sleep;

import io.stepwise.engine.spi.Param;
import io.stepwise.engine.spi.Params;
import io.stepwise.engine.spi.Reversibility;
import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.spi.action.Action;
import io.stepwise.engine.spi.action.NoteAction;
import io.stepwise.steps.support.Texts;
import java.time.Duration;
import java.util.List;

/** {@code sleep}: pauses for a duration; an interruption ends it early. */
public final class SleepStep implements StepType<SleepConfig> {
    static final Param<Duration> DURATION = Param.duration("duration").required().min(Duration.ZERO)
            .description("How long to pause: 500ms, 3s, 2m, 1h.").example(Duration.ofSeconds(3));

    @Override
    public String name() {
        return "sleep";
    }

    @Override
    public String description() {
        return "Pauses the run for a duration.";
    }

    @Override
    public List<Param<?>> parameters() {
        return List.of(DURATION);
    }

    @Override
    public SleepConfig bind(Params params) {
        return new SleepConfig(params.get(DURATION));
    }

    @Override
    public List<Action> plan(SleepConfig config, StepContext context) {
        return List.of(new NoteAction("sleep " + Texts.duration(config.duration())));
    }

    @Override
    public StepResult execute(SleepConfig config, StepContext context) {
        context.progress("sleeping " + Texts.duration(config.duration()));
        context.pause(config.duration());
        return StepResult.EMPTY;
    }

    @Override
    public Reversibility reversibility(SleepConfig config) {
        return Reversibility.NOTHING_TO_UNDO;
    }

    @Override
    public boolean idempotent(SleepConfig config) {
        return true;
    }
}
