package io.stepwise.engine.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** A run's state: at its end (the summary), or read back from the journal ({@code status}). */
public record RunReport(String runId, String planName, Path planFile, Path runDir, RunStatus status,
        List<StepReport> steps, List<String> notes) {
    public RunReport {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(status, "status");
        steps = List.copyOf(steps);
        notes = List.copyOf(notes);
    }
}
