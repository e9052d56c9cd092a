package io.stepwise.steps.mariadb.local;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The bound parameters of a {@code mariadb.local} step.
 *
 * @param action start, stop or kill
 * @param name the server's name (start: given or the step id; stop/kill: empty when not given)
 * @param host the address to listen on
 * @param port the port (start)
 * @param serverId the replication server id
 * @param binlog write a binary log (ROW format)
 * @param gtidStrictMode {@code --gtid-strict-mode=1}
 * @param readOnly {@code --read-only=1}
 * @param logSlaveUpdates {@code --log-slave-updates=1}
 * @param ssl TLS with the certificate the server generates at start (off: {@code --skip-ssl}, which starts seconds faster)
 * @param innodbLogFileSize the redo log size ({@code --innodb-log-file-size}), small for a demo unless asked
 * @param options more mariadbd options, verbatim
 * @param dataDir the data dir as given (relative to the run dir), empty for the default
 * @param pid stop/kill: the pid as given
 * @param keep leave the server running when the run ends
 * @param startupTimeout how long start waits for the server to accept connections
 * @param shutdownTimeout how long a clean stop waits for the server to exit
 */
public record MariaDbLocalConfig(String action, Optional<String> name, String host, int port, long serverId,
        boolean binlog, boolean gtidStrictMode, boolean readOnly, boolean logSlaveUpdates, boolean ssl, String innodbLogFileSize, List<String> options,
        Optional<String> dataDir, Optional<Long> pid, boolean keep, Duration startupTimeout,
        Duration shutdownTimeout) {
    public MariaDbLocalConfig {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(innodbLogFileSize, "innodbLogFileSize");
        options = List.copyOf(options);
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(startupTimeout, "startupTimeout");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        if (action.equals("start") && name.isEmpty()) {
            throw new IllegalStateException("start has a name: the one given, else the step id");
        }
    }

    public boolean isStart() {
        return action.equals("start");
    }
}
