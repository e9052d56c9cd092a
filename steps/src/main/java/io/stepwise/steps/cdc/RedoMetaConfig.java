package io.stepwise.steps.cdc;

import java.util.Objects;

/** {@code cdc.redo-meta}: the redo log to read the checkpoint and resolved TS of, and the RPO bound. */
public record RedoMetaConfig(RedoSource source, java.util.Optional<String> lastCommitTs,
        java.util.Optional<java.time.Duration> maxRpo) {
    public RedoMetaConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(lastCommitTs, "lastCommitTs");
        Objects.requireNonNull(maxRpo, "maxRpo");
    }
}
