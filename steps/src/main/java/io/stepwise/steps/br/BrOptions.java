package io.stepwise.steps.br;

import io.stepwise.engine.spi.ConnectionInfo;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code br.backup} and {@code br.restore} share: how BR is driven (SQL statement or the
 * {@code br} command line), what is copied, where, and the options both directions accept.
 */
public record BrOptions(
        Mode mode,
        Optional<ConnectionInfo> connection,
        Optional<String> pd,
        List<String> command,
        List<String> databases,
        List<String> tables,
        String storage,
        Optional<Long> rateLimit,
        Optional<Long> concurrency,
        Optional<Boolean> checksum,
        Optional<Long> checksumConcurrency,
        Optional<Boolean> sendCredentialsToTikv,
        List<String> extraArgs,
        Duration progressInterval) {

    /** SQL runs BACKUP/RESTORE on a TiDB server; CLI runs {@code br}. */
    public enum Mode { SQL, CLI }

    public BrOptions {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(pd, "pd");
        command = List.copyOf(command);
        databases = List.copyOf(databases);
        tables = List.copyOf(tables);
        Objects.requireNonNull(storage, "storage");
        extraArgs = List.copyOf(extraArgs);
        Objects.requireNonNull(progressInterval, "progressInterval");
    }

    /** The connection, present in SQL mode (the binder checks it). */
    public ConnectionInfo sqlConnection() {
        return connection.orElseThrow(() -> new IllegalStateException("SQL mode without a connection"));
    }
}
