package io.stepwise.steps.tidb;

import io.stepwise.engine.spi.ConnectionInfo;
import java.util.Objects;

/** {@code tidb.gc}: which cluster, whether GC ends up enabled, how long a rollback waits for a BACKUP. */
public record GcConfig(ConnectionInfo connection, boolean enable, java.time.Duration backupWait) {
    public GcConfig {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(backupWait, "backupWait");
    }
}
