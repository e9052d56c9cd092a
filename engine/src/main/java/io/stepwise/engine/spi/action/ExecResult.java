package io.stepwise.engine.spi.action;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a process ended, with what it printed: {@code stdout} and {@code stderr} are whole up to a
 * bound, beyond it their head and tail around a line saying how much is left out and where the log
 * file holding all of it is; {@code stdoutOmitted} counts the characters of stdout left out.
 * {@code extracted} holds group 1 of the first match in the whole stdout of each
 * {@link ExecAction#extract} regex that matched.
 */
public record ExecResult(int exitCode, String stdout, String stderr, Duration duration, Map<String, String> extracted,
        long stdoutOmitted, Optional<Path> logFile) {
    public ExecResult {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(duration, "duration");
        extracted = Map.copyOf(extracted);
        if (stdoutOmitted < 0) {
            throw new IllegalArgumentException("stdoutOmitted must not be negative");
        }
        Objects.requireNonNull(logFile, "logFile");
    }

    /** A result kept whole, with nothing extracted while streaming. */
    public ExecResult(int exitCode, String stdout, String stderr, Duration duration) {
        this(exitCode, stdout, stderr, duration, Map.of(), 0, Optional.empty());
    }
}
