package io.stepwise.steps.cdc;

import java.util.Objects;
import java.util.Optional;

/** {@code cdc.redo-apply}: the redo log, the downstream it is applied to, and the checks before. */
public record RedoApplyConfig(RedoSource source, String sinkUri, Optional<Long> memoryLimit, boolean readMeta,
        Optional<String> ticdcUrl) {
    public RedoApplyConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sinkUri, "sinkUri");
        Objects.requireNonNull(ticdcUrl, "ticdcUrl");
    }
}
