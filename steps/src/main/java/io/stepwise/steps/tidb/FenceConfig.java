package io.stepwise.steps.tidb;

import io.stepwise.engine.spi.ConnectionInfo;
import java.util.Objects;

/** {@code tidb.fence-user}: the cluster, and the account ({@code 'user'@'host'}) that must stop writing to it. */
public record FenceConfig(ConnectionInfo connection, String user, String host) {
    public FenceConfig {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(host, "host");
    }
}
