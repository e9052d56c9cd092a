package io.stepwise.engine.spi.action;

import java.nio.file.Path;

/** A process a step started to outlive it; its output goes to a log file in the run directory. */
public interface BackgroundProcess {
    String name();

    long pid();

    boolean isAlive();

    Path logFile();

    /** The output so far (tail), for readiness checks and error messages. */
    String outputTail(int maxChars);

    /** Stops it: SIGTERM, then SIGKILL after the grace period. */
    void stop();
}
