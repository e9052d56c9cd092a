package io.stepwise.steps.log;

import io.stepwise.engine.spi.Param;
import io.stepwise.engine.spi.Params;
import io.stepwise.engine.spi.Reversibility;
import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.spi.action.Action;
import io.stepwise.engine.spi.action.NoteAction;
import java.util.List;

/** {@code log}: says a message to the person running the plan. */
public final class LogStep implements StepType<LogConfig> {
    static final Param<String> MESSAGE = Param.text("message").required()
            .description("The text; ${...} values are filled in and secrets masked.")
            .example("backup taken at ${steps.backup.backup_ts}");
    static final Param<String> LEVEL = Param.string("level").defaultValue("info").allowed("info", "warn")
            .description("info, or warn to mark the line as a warning.").example("warn");

    @Override
    public String name() {
        return "log";
    }

    @Override
    public String description() {
        return "Prints a message for the person running the plan.";
    }

    @Override
    public List<Param<?>> parameters() {
        return List.of(MESSAGE, LEVEL);
    }

    @Override
    public LogConfig bind(Params params) {
        return new LogConfig(params.get(MESSAGE), params.get(LEVEL).equals("warn"));
    }

    @Override
    public List<Action> plan(LogConfig config, StepContext context) {
        return List.of(new NoteAction("log: " + config.line()));
    }

    @Override
    public StepResult execute(LogConfig config, StepContext context) {
        context.say(context.mask(config.line()));
        return StepResult.EMPTY;
    }

    @Override
    public Reversibility reversibility(LogConfig config) {
        return Reversibility.NOTHING_TO_UNDO;
    }

    @Override
    public boolean idempotent(LogConfig config) {
        return true;
    }
}
