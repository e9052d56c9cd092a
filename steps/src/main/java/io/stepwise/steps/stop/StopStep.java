package io.stepwise.steps.stop;

import io.stepwise.engine.spi.OutputDescriptor;
import io.stepwise.engine.spi.Param;
import io.stepwise.engine.spi.ParamType;
import io.stepwise.engine.spi.Params;
import io.stepwise.engine.spi.Reversibility;
import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.spi.action.Action;
import io.stepwise.engine.spi.action.NoteAction;
import java.util.List;
import java.util.Map;

/**
 * Stops what earlier background steps started (a load to pause before a check, a server to take
 * down), the way the run does at its end. Already stopped is fine: the step is idempotent.
 */
public final class StopStep implements StepType<StopConfig> {
    static final Param<String> STEP = Param.string("step").description("The id of the background step to stop.")
            .example("load");
    static final Param<List<String>> STEPS = Param.stringList("steps")
            .description("Several background steps to stop, newest first.").example(List.of("load", "bank_load"))
            .check(steps -> !steps.isEmpty(), "must name at least one step");
    @Override
    public String name() {
        return "stop";
    }

    @Override
    public String description() {
        return "Stops the background processes that earlier steps of the run started (to pause a load, say).";
    }

    @Override
    public List<Param<?>> parameters() {
        return List.of(STEP, STEPS);
    }

    @Override
    public List<OutputDescriptor> outputs() {
        return List.of(OutputDescriptor.of("stopped", ParamType.INTEGER, "How many processes were still running and were stopped."));
    }

    @Override
    public List<List<String>> exactlyOneOf() {
        return List.of(List.of(STEP.name(), STEPS.name()));
    }

    @Override
    public StopConfig bind(Params params) {
        return new StopConfig(params.find(STEP).map(List::of).orElseGet(() -> params.get(STEPS)));
    }

    @Override
    public List<String> stepsActedOn(StopConfig config) {
        return config.steps();
    }

    @Override
    public List<Action> plan(StopConfig config, StepContext context) {
        return config.steps().stream()
                .map(s -> (Action) new NoteAction("stop the background processes of step '" + s + "'")).toList();
    }

    @Override
    public StepResult execute(StopConfig config, StepContext context) {
        int stopped = 0;
        for (String step : config.steps()) {
            int count = context.stopBackground(step);
            context.say(count == 0 ? "step '" + step + "' had nothing running in the background"
                    : "stopped " + (count == 1 ? "the background process" : count + " background processes")
                    + " of step '" + step + "'");
            stopped += count;
        }
        return new StepResult(Map.of("stopped", (long) stopped));
    }

    @Override
    public Reversibility reversibility(StopConfig config) {
        return Reversibility.NOTHING_TO_UNDO;
    }

    @Override
    public boolean idempotent(StopConfig config) {
        return true;
    }
}
