package io.stepwise.steps.mysql.replication;

import io.stepwise.engine.spi.ConnectionInfo;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The bound parameters of a {@code mysql.replication} step. The source address is what the replica
 * is told in {@code CHANGE MASTER TO}: the {@code source_*} parameters, else the source connection's
 * settings. Values are checked by the declarations and {@link ReplicationStep#validate}, not here.
 *
 * @param action what the step does
 * @param replica the replica
 * @param source the source connection, when given
 * @param gtid start: the position to replicate from; wait: the position to wait for
 * @param sourceHost start: the source host as the replica reaches it; empty without a source
 * @param sourcePort the source port as the replica reaches it
 * @param sourceUser the replication user
 * @param sourcePassword the replication user's password (secret)
 * @param timeout how long start, wait and drain wait
 * @param stopIo drain: stop the I/O thread first
 * @param verifySourceCert start: MASTER_SSL_VERIFY_SERVER_CERT
 * @param connectRetry start: MASTER_CONNECT_RETRY in seconds
 * @param semiSync start: turn on semi-synchronous replication on both sides
 */
public record ReplicationConfig(Action action, ConnectionInfo replica, Optional<ConnectionInfo> source,
        Optional<String> gtid, Optional<String> sourceHost, int sourcePort, String sourceUser, String sourcePassword,
        Duration timeout, boolean stopIo, boolean verifySourceCert, long connectRetry, boolean semiSync) {

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
        Objects.requireNonNull(sourceHost, "sourceHost");
        Objects.requireNonNull(sourceUser, "sourceUser");
        Objects.requireNonNull(sourcePassword, "sourcePassword");
        Objects.requireNonNull(timeout, "timeout");
    }
}
