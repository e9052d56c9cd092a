package io.stepwise.steps.mysql.load;

import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.steps.s3.StorageUri;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The bound parameters of a {@code mysql.load} step.
 *
 * @param stepId the step's id, naming its files in the run dir
 * @param connection the server to load into
 * @param from the dump
 * @param database the default database for dumps that name none
 * @param writeBinlog write the loaded rows to the target's binary log (off: {@code sql_log_bin=0})
 * @param options more client options
 * @param binary the client; empty for the bundled mariadb
 */
public record MysqlLoadConfig(String stepId, ConnectionInfo connection, StorageUri from, Optional<String> database, boolean writeBinlog,
        List<String> options, Optional<String> binary) {
    public MysqlLoadConfig {
        Objects.requireNonNull(stepId, "stepId");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(database, "database");
        options = List.copyOf(options);
        Objects.requireNonNull(binary, "binary");
    }
}
