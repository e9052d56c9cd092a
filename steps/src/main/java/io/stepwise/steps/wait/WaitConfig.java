package io.stepwise.steps.wait;

import io.stepwise.engine.spi.NestedStep;
import java.time.Duration;
import java.util.Objects;

/**
 * A bound {@code wait} step.
 *
 * @param until an expression over {@code result} (the check's values), evaluated after each try
 * @param tolerateFailures a failing check counts as "not yet" rather than failing the wait
 */
public record WaitConfig(NestedStep check, String until, Duration interval, Duration timeout, boolean tolerateFailures) {
    public WaitConfig {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
    }
}
