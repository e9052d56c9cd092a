package io.stepwise.steps.sleep;

import java.time.Duration;
import java.util.Objects;

/** A bound {@code sleep} step. */
public record SleepConfig(Duration duration) {
    public SleepConfig {
        Objects.requireNonNull(duration, "duration");
    }
}
