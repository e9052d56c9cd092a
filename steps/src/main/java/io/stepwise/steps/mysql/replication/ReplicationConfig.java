package io.stepwise.steps.mysql.replication;

import io.stepwise.engine.spi.ConnectionInfo;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The bound parameters of a {@code mysql.replication} step. Source address values stay as resolved
 * (String, Long or, in dry-run, a {@link io.stepwise.engine.spi.Deferred}) because they are rendered
 * into {@code CHANGE MASTER TO}.
 */
public record ReplicationConfig(Action action, ConnectionInfo replica, Optional<ConnectionInfo> source,
        Optional<Object> gtid, Optional<Object> sourceHost, Optional<Object> sourcePort, Optional<Object> sourceUser,
        Optional<Object> sourcePassword, Duration timeout, boolean stopIo, boolean verifySourceCert,
        long connectRetry, boolean semiSync) {

    /** What the step does. */
    public enum Action {
        START, WAIT, DRAIN, PROMOTE, STATUS;

        public static Action parse(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        }

        public String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ReplicationConfig {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(replica, "replica");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(gtid, "gtid");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("parameter 'timeout' must be positive");
        }
        if (connectRetry < 1) {
            throw new IllegalArgumentException("parameter 'connect_retry' must be at least 1 second");
        }
        if (action == Action.START && sourceHost.isEmpty()) {
            throw new IllegalArgumentException("action start needs the source: set 'source' or 'source_host'");
        }
        if (action == Action.WAIT && source.isEmpty() && gtid.isEmpty()) {
            throw new IllegalArgumentException("action wait needs 'source' (to read its @@gtid_binlog_pos) or 'gtid'");
        }
        if (semiSync && source.isEmpty()) {
            throw new IllegalArgumentException("semi_sync needs 'source' to enable semi-synchronous replication there");
        }
        gtid.filter(String.class::isInstance).map(String.class::cast).ifPresent(text -> {
            if (!GtidPosition.isValid(text)) {
                throw new IllegalArgumentException(
                        "parameter 'gtid': '" + text + "' is not a GTID position such as 0-1-42");
            }
        });
    }
}
