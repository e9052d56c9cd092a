package io.stepwise.steps.syncdiff;

import io.stepwise.engine.spi.ConnectionInfo;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code sync-diff}: the two sides with their snapshots, what to compare, and what a difference means. */
public record SyncDiffConfig(List<String> command, ConnectionInfo source, ConnectionInfo target,
        Optional<String> sourceSnapshot, Optional<String> targetSnapshot, List<String> tables, long checkThreadCount,
        boolean exportFixSql, boolean checkStructOnly, Optional<String> splitterStrategy,
        Optional<String> syncpointChangefeed, Optional<String> outputDir, boolean failOnDifference,
        boolean skipIfMissing) {

    public SyncDiffConfig {
        command = List.copyOf(command);
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        tables = List.copyOf(tables);
    }
}
