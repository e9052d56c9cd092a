package io.stepwise.steps.tidb;

import io.stepwise.engine.spi.ConnectionInfo;
import java.util.Objects;

/** {@code tidb.tso}: the cluster to read the current TSO from. */
public record TsoConfig(ConnectionInfo connection) {
    public TsoConfig {
        Objects.requireNonNull(connection, "connection");
    }
}
