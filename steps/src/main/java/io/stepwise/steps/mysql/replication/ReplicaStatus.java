package io.stepwise.steps.mysql.replication;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One reading of {@code SHOW SLAVE STATUS} (columns read by name, as their order changes between
 * versions) plus {@code @@gtid_slave_pos}.
 */
public record ReplicaStatus(boolean configured, String ioState, String sqlState, Long secondsBehind,
        String gtidIoPos, String gtidSlavePos, long lastIoErrno, String lastIoError, long lastSqlErrno,
        String lastSqlError, String sqlRunningState, String sourceHost, Long sourcePort) {

    /** The text of {@code Slave_SQL_Running_State} once every relay log event is applied. */
    public static final String ALL_RELAY_LOG_READ = "Slave has read all relay log";

    public static ReplicaStatus notConfigured(String gtidSlavePos) {
        return new ReplicaStatus(false, "No", "No", null, "", gtidSlavePos, 0, "", 0, "", "", "", null);
    }

    /** Builds a status from a {@code SHOW SLAVE STATUS} row (or none) and the replica's gtid_slave_pos. */
    public static ReplicaStatus from(Optional<Map<String, Object>> row, String gtidSlavePos) {
        if (row.isEmpty()) {
            return notConfigured(gtidSlavePos);
        }
        Map<String, Object> byName = new LinkedHashMap<>();
        row.get().forEach((k, v) -> byName.put(k.toLowerCase(Locale.ROOT), v));
        return new ReplicaStatus(true, text(byName, "slave_io_running"), text(byName, "slave_sql_running"),
                number(byName, "seconds_behind_master"), text(byName, "gtid_io_pos"), gtidSlavePos,
                orZero(number(byName, "last_io_errno")), text(byName, "last_io_error"),
                orZero(number(byName, "last_sql_errno")), text(byName, "last_sql_error"),
                text(byName, "slave_sql_running_state"), text(byName, "master_host"),
                number(byName, "master_port"));
    }

    private static String text(Map<String, Object> row, String column) {
        Object value = row.get(column);
        return value == null ? "" : String.valueOf(value);
    }

    private static Long number(Map<String, Object> row, String column) {
        Object value = row.get(column);
        if (value == null || String.valueOf(value).isBlank()) {
            return null;
        }
        return value instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(value).trim());
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    public boolean ioRunning() {
        return "Yes".equalsIgnoreCase(ioState);
    }

    public boolean sqlRunning() {
        return "Yes".equalsIgnoreCase(sqlState);
    }

    public boolean hasSqlError() {
        return lastSqlErrno != 0;
    }

    public boolean allRelayLogApplied() {
        return sqlRunningState.startsWith(ALL_RELAY_LOG_READ);
    }

    /** none, running, connecting, error, stopped or partial (one thread running). */
    public String state() {
        if (!configured) {
            return "none";
        }
        if (hasSqlError() || (lastIoErrno != 0 && !ioRunning())) {
            return "error";
        }
        if (ioRunning() && sqlRunning()) {
            return "running";
        }
        if ("Connecting".equalsIgnoreCase(ioState) && sqlRunning()) {
            return "connecting";
        }
        if (!sqlRunning() && "No".equalsIgnoreCase(ioState)) {
            return "stopped";
        }
        return "partial";
    }

    /** The most relevant error: the SQL thread's, else the I/O thread's, else empty. */
    public String lastError() {
        if (hasSqlError()) {
            return "Error " + lastSqlErrno + ": " + lastSqlError;
        }
        return lastIoErrno != 0 ? "Error " + lastIoErrno + ": " + lastIoError : "";
    }

    /** A one-line summary for progress and messages. */
    public String summary() {
        if (!configured) {
            return "not a replica (SHOW SLAVE STATUS is empty), gtid_slave_pos " + gtidSlavePos;
        }
        return "I/O " + ioState + ", SQL " + sqlState + ", applied " + gtidSlavePos + ", received " + gtidIoPos
                + (secondsBehind == null ? "" : ", " + secondsBehind + "s behind")
                + (sqlRunningState.isEmpty() ? "" : " (" + sqlRunningState + ")");
    }

    public Map<String, Object> toOutputs() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("state", state());
        out.put("io_running", ioRunning());
        out.put("sql_running", sqlRunning());
        out.put("io_state", ioState);
        out.put("seconds_behind", secondsBehind);
        out.put("gtid_io_pos", gtidIoPos);
        out.put("gtid_slave_pos", gtidSlavePos);
        out.put("last_error", lastError());
        out.put("last_io_error", lastIoError);
        out.put("last_sql_error", lastSqlError);
        out.put("sql_running_state", sqlRunningState);
        out.put("source_host", sourceHost);
        out.put("source_port", sourcePort);
        return out;
    }
}
