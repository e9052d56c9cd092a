package io.stepwise.steps.mysql.dump;

import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.steps.s3.StorageUri;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The bound parameters of a {@code mysql.dump} step.
 *
 * @param stepId the step's id, naming its files in the run dir
 * @param connection the server to dump
 * @param databases the databases; empty for every user database
 * @param to where the dump goes (an object, or a prefix that gets {@code <step id>.sql})
 * @param capturePosition {@code --master-data=2 --gtid}: record the binlog and GTID position
 * @param singleTransaction {@code --single-transaction}: a consistent InnoDB snapshot without locking
 * @param options more mariadb-dump options
 * @param binary the dump tool; empty for the bundled mariadb-dump
 */
public record MysqlDumpConfig(String stepId, ConnectionInfo connection, List<String> databases, StorageUri to, boolean capturePosition,
        boolean singleTransaction, List<String> options, Optional<String> binary) {
    public MysqlDumpConfig {
        Objects.requireNonNull(stepId, "stepId");
        Objects.requireNonNull(connection, "connection");
        databases = List.copyOf(databases);
        Objects.requireNonNull(to, "to");
        options = List.copyOf(options);
        Objects.requireNonNull(binary, "binary");
    }
}
