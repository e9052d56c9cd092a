package io.stepwise.steps.mysql.replication;

import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.SqlText;
import io.stepwise.engine.spi.action.SqlAction;
import io.stepwise.steps.jdbc.SqlLiterals;
import java.util.ArrayList;
import java.util.List;

/**
 * The statements {@code mysql.replication} sends, built in one place so that dry-run shows exactly
 * what a run sends. {@code CHANGE MASTER TO} takes no {@code ?} parameters: its values are rendered as
 * escaped literals, and the password is masked by the run like every secret.
 */
final class ReplicationSql {
    static final String SLAVE_STATUS = "SHOW SLAVE STATUS";
    static final String GTID_SLAVE_POS = "SELECT @@GLOBAL.gtid_slave_pos AS gtid_slave_pos";
    static final String SOURCE_POSITION = "SELECT @@GLOBAL.gtid_binlog_pos AS gtid_binlog_pos";
    static final String GTID_WAIT = "SELECT MASTER_GTID_WAIT(?, ?) AS reached";
    static final String POSITIONS = "SELECT @@GLOBAL.gtid_binlog_pos AS gtid_binlog_pos,"
            + " @@GLOBAL.gtid_current_pos AS gtid_current_pos, @@GLOBAL.gtid_slave_pos AS gtid_slave_pos,"
            + " @@GLOBAL.read_only AS read_only";

    private ReplicationSql() {
    }

    static SqlAction on(ConnectionInfo connection, String sql, Object... parameters) {
        return new SqlAction(connection, SqlText.of(sql, parameters));
    }

    /** STOP SLAVE; SET GLOBAL gtid_slave_pos; CHANGE MASTER TO ...; START SLAVE (one session). */
    static List<SqlAction> start(ReplicationConfig config) {
        ConnectionInfo replica = config.replica();
        List<SqlAction> actions = new ArrayList<>();
        if (needsBackslashEscapes(config)) {
            actions.add(on(replica, SqlLiterals.allowBackslashEscapes()));
        }
        actions.add(on(replica, "STOP SLAVE"));
        if (config.semiSync()) {
            actions.add(on(replica, "SET GLOBAL rpl_semi_sync_slave_enabled = ON"));
        }
        config.gtid().ifPresent(gtid -> actions.add(on(replica, "SET GLOBAL gtid_slave_pos = ?", gtid)));
        actions.add(on(replica, changeMaster(config)));
        actions.add(on(replica, "START SLAVE"));
        return actions;
    }

    /** With semi_sync, on the source before the replica starts: commits wait until the replica has them. */
    static SqlAction semiSyncSource(ReplicationConfig config) {
        return on(config.source().orElseThrow(), "SET GLOBAL rpl_semi_sync_master_enabled = ON");
    }

    static String changeMaster(ReplicationConfig config) {
        return "CHANGE MASTER TO MASTER_HOST=" + literal(config.sourceHost().orElseThrow())
                + ", MASTER_PORT=" + config.sourcePort().map(String::valueOf).orElse("3306")
                + ", MASTER_USER=" + literal(config.sourceUser().orElse("root"))
                + ", MASTER_PASSWORD=" + literal(config.sourcePassword().orElse(""))
                + ", MASTER_USE_GTID=slave_pos"
                + ", MASTER_CONNECT_RETRY=" + config.connectRetry()
                + ", MASTER_SSL_VERIFY_SERVER_CERT=" + (config.verifySourceCert() ? 1 : 0);
    }

    private static String literal(Object value) {
        return SqlLiterals.value(value instanceof Number ? String.valueOf(value) : value);
    }

    private static boolean needsBackslashEscapes(ReplicationConfig config) {
        return java.util.stream.Stream.of(config.sourceHost(), config.sourceUser(), config.sourcePassword())
                .flatMap(java.util.Optional::stream)
                .anyMatch(v -> v instanceof String s && SqlLiterals.needsBackslashEscapes(s));
    }

    static List<SqlAction> promote(ConnectionInfo replica) {
        return List.of(on(replica, "STOP SLAVE"), on(replica, "RESET SLAVE ALL"),
                on(replica, "SET GLOBAL read_only = 0"));
    }

    static List<SqlAction> rollbackStart(ConnectionInfo replica) {
        return List.of(on(replica, "STOP SLAVE"), on(replica, "RESET SLAVE ALL"));
    }
}
