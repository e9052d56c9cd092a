package io.stepwise.steps.sysbench;

import io.stepwise.engine.spi.ConnectionInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@code sysbench}: the action, the database, the workload's shape and the config-file options. */
public record SysbenchConfig(Action action, ConnectionInfo connection, List<String> command, String workload,
        Optional<Long> tables, Optional<Long> tableSize, long threads, long time, Optional<Long> rate,
        long reportInterval, Map<String, Object> options, boolean keep) {

    public enum Action { PREPARE, RUN, CLEANUP }

    public SysbenchConfig {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(connection, "connection");
        command = List.copyOf(command);
        Objects.requireNonNull(workload, "workload");
        options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }
}
