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
        return "CHANGE MASTER TO MASTER_HOST=" + SqlLiterals.string(config.sourceHost().orElseThrow())
                + ", MASTER_PORT=" + config.sourcePort()
                + ", MASTER_USER=" + SqlLiterals.string(config.sourceUser())
                + ", MASTER_PASSWORD=" + SqlLiterals.string(config.sourcePassword())
                + ", MASTER_USE_GTID=slave_pos"
                + ", MASTER_CONNECT_RETRY=" + config.connectRetry()
                + ", MASTER_SSL_VERIFY_SERVER_CERT=" + (config.verifySourceCert() ? 1 : 0);
    }

    private static boolean needsBackslashEscapes(ReplicationConfig config) {
        return java.util.stream.Stream.concat(config.sourceHost().stream(),
                java.util.stream.Stream.of(config.sourceUser(), config.sourcePassword()))
                .anyMatch(SqlLiterals::needsBackslashEscapes);
    }

    /**
     * MASTER_GTID_WAIT for a position only the run reads (the source's current one, or the replica's
     * Gtid_IO_Pos), as plan shows it: the position is named in a comment, the statement sent is
     * {@link #GTID_WAIT} with the position read then.
     */
    static SqlAction gtidWaitFor(ConnectionInfo replica, String position, Object timeoutSeconds) {
        return new SqlAction(replica, SqlText.of(GTID_WAIT + "\n-- ?1 = <" + position + ">\n-- ?2 = " + timeoutSeconds));
    }

    static List<SqlAction> promote(ConnectionInfo replica) {
        return List.of(on(replica, "STOP SLAVE"), on(replica, "RESET SLAVE ALL"),
                on(replica, "SET GLOBAL read_only = 0"));
    }

    static List<SqlAction> rollbackStart(ConnectionInfo replica) {
        return List.of(on(replica, "STOP SLAVE"), on(replica, "RESET SLAVE ALL"));
    }
}
