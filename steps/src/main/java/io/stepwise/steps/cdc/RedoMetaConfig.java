package io.stepwise.steps.cdc;

import java.util.Objects;

/** {@code cdc.redo-meta}: the redo log to read the checkpoint and resolved TS of. */
public record RedoMetaConfig(RedoSource source) {
    public RedoMetaConfig {
        Objects.requireNonNull(source, "source");
    }
}
