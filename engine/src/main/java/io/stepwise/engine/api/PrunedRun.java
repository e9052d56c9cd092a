package io.stepwise.engine.api;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@code prune} did to one run: its data removed (or, in a rehearsal, what would be), its journal and plan copy
 * kept, so {@code status} still tells the run.
 *
 * @param runId the run
 * @param runDir where it lives
 * @param status how it ended
 * @param bytesFreed the size of what was (or would be) removed
 */
public record PrunedRun(String runId, Path runDir, RunStatus status, long bytesFreed) {
    public PrunedRun {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(runDir, "runDir");
        Objects.requireNonNull(status, "status");
        if (bytesFreed < 0) {
            throw new IllegalArgumentException("bytesFreed < 0");
        }
    }
}
