package io.stepwise.steps.cdc;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Where a changefeed's redo log is: the storage URI (with its secret), the changefeed, and the cdc program. */
public record RedoSource(String storage, String changefeedId, Optional<String> namespace, Optional<String> tmpDir,
        List<String> command) {
    public RedoSource {
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(changefeedId, "changefeedId");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(tmpDir, "tmpDir");
        command = List.copyOf(command);
    }
}
