package io.stepwise.engine.spi.action;

import java.time.Duration;
import java.util.Objects;

/** How a process ended, with what it printed. */
public record ExecResult(int exitCode, String stdout, String stderr, Duration duration) {
    public ExecResult {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(duration, "duration");
    }
}
