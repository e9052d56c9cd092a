package io.stepwise.steps.tidb;

import io.stepwise.engine.spi.ConnectionInfo;
import java.util.Objects;

/** {@code tidb.gc}: which cluster, and whether GC ends up enabled. */
public record GcConfig(ConnectionInfo connection, boolean enable) {
    public GcConfig {
        Objects.requireNonNull(connection, "connection");
    }
}
