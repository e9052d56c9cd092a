package io.stepwise.steps.stop;

import io.stepwise.engine.spi.OutputDescriptor;
import io.stepwise.engine.spi.Param;
import io.stepwise.engine.spi.ParamDescriptor;
import io.stepwise.engine.spi.ParamType;
import io.stepwise.engine.spi.ParamValues;
import io.stepwise.engine.spi.Params;
import io.stepwise.engine.spi.Problems;
import io.stepwise.engine.spi.Reversibility;
import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.spi.action.Action;
import io.stepwise.engine.spi.action.NoteAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stops what earlier background steps started (a load to pause before a check, a server to take
 * down), the way the run does at its end. Already stopped is fine: the step is idempotent.
 */
public final class StopStep implements StepType<StopConfig> {
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
        return List.of(
                ParamDescriptor.of("step", ParamType.STRING).description("The id of the background step to stop.")
                        .example("load").build(),
                ParamDescriptor.of("steps", ParamType.STRING_LIST)
                        .description("Several background steps to stop, newest first.").example("[load, bank_load]")
                        .build());
    }

    @Override
    public List<OutputDescriptor> outputs() {
        return List.of(OutputDescriptor.of("stopped", ParamType.INTEGER, "How many processes were still running and were stopped."));
    }

    @Override
    public void validate(ParamValues params, Problems problems) {
        if (params.has("step") == params.has("steps")) {
            problems.add(null, "give 'step' or 'steps'", "step: load");
        }
    }

    @Override
    public StopConfig bind(Params params) {
        List<String> steps = new ArrayList<>();
        params.optionalString("step").ifPresent(steps::add);
        if (params.has("steps")) {
            steps.addAll(params.stringList("steps"));
        }
        return new StopConfig(steps);
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
