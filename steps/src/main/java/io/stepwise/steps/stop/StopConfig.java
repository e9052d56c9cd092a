package io.stepwise.steps.stop;

import java.util.List;

/** The steps whose background processes to stop. */
public record StopConfig(List<String> steps) {
    public StopConfig {
        steps = List.copyOf(steps);
    }
}
