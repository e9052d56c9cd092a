package io.stepwise.steps.mysql.replication;

import static io.stepwise.steps.mysql.replication.ReplicationSql.on;

import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.StepInterruptedException;
import io.stepwise.engine.spi.action.SqlResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads a replica's state and waits on it, reporting progress and turning replica errors into step errors. */
final class ReplicaMonitor {
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration IO_ERROR_GRACE = Duration.ofSeconds(3);

    private final StepContext context;
    private final ConnectionInfo replica;

    ReplicaMonitor(StepContext context, ConnectionInfo replica) {
        this.context = context;
        this.replica = replica;
    }

    ReplicaStatus read() {
        List<SqlResult> results = context.actions().sqlBatch(
                List.of(on(replica, ReplicationSql.SLAVE_STATUS), on(replica, ReplicationSql.GTID_SLAVE_POS)));
        Optional<Map<String, Object>> row = results.get(0).rows().stream().findFirst();
        String slavePos = String.valueOf(results.get(1).rows().get(0).values().iterator().next());
        return ReplicaStatus.from(row, slavePos);
    }

    /** After START SLAVE: until both threads run; fails on a replica error or at the timeout. */
    ReplicaStatus awaitRunning(Duration timeout) {
        long start = System.nanoTime();
        while (true) {
            ReplicaStatus status = read();
            failOnSqlError(status);
            if (status.ioRunning() && status.sqlRunning()) {
                return status;
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            if (status.lastIoErrno() != 0 && elapsed.compareTo(IO_ERROR_GRACE) > 0 || elapsed.compareTo(timeout) > 0) {
                throw new StepFailedException("replica " + replica.describe() + " does not replicate from "
                        + status.sourceHost() + ":" + status.sourcePort() + " after " + elapsed.toSeconds() + "s: "
                        + (status.lastIoErrno() != 0 ? "Error " + status.lastIoErrno() + ": " + status.lastIoError()
                                : status.summary()),
                        "check source_host, source_port, source_user and source_password as the replica sees them"
                                + " (SHOW SLAVE STATUS on the replica shows the same)");
            }
            context.progress("starting replica: " + status.summary());
            context.pause(POLL);
        }
    }

    /** Until the replica has applied {@code target}; fails on a replica error or at the timeout. */
    ReplicaStatus awaitPosition(GtidPosition target, Duration timeout) {
        long start = System.nanoTime();
        while (true) {
            checkInterrupted();
            Duration left = timeout.minus(Duration.ofNanos(System.nanoTime() - start));
            if (gtidWait(target, left.compareTo(Duration.ofSeconds(1)) < 0 ? left : Duration.ofSeconds(1))) {
                return read();
            }
            ReplicaStatus status = read();
            failOnSqlError(status);
            if (!status.configured()) {
                throw new StepFailedException("replica " + replica.describe() + " is not replicating and has not"
                        + " reached " + target + " (gtid_slave_pos " + status.gtidSlavePos() + ")",
                        "start it with action: start");
            }
            long behind = GtidPosition.parse(status.gtidSlavePos()).behind(target);
            if (System.nanoTime() - start > timeout.toNanos()) {
                throw new StepFailedException("replica " + replica.describe() + " did not reach " + target
                        + " within " + timeout.toSeconds() + "s: " + behind + " transactions behind; "
                        + status.summary() + (status.lastError().isEmpty() ? "" : "; " + status.lastError()),
                        "raise 'timeout', or look at SHOW SLAVE STATUS on the replica");
            }
            context.progress("replica " + behind + " transactions behind " + target + ": " + status.summary());
        }
    }

    /** Applies every event already received; the source may be gone. */
    DrainResult drain(Duration timeout) {
        long start = System.nanoTime();
        ReplicaStatus first = read();
        if (!first.configured()) {
            throw new StepFailedException("cannot drain " + replica.describe() + ": it is not a replica"
                    + " (SHOW SLAVE STATUS is empty)", "drain a server that has been started with action: start");
        }
        GtidPosition received = GtidPosition.parse(first.gtidIoPos());
        String lastApplied = null;
        int stablePolls = 0;
        while (true) {
            checkInterrupted();
            if (!received.isEmpty() && gtidWait(received, Duration.ofMillis(500))) {
                return new DrainResult(read(), true);
            }
            ReplicaStatus status = read();
            failOnSqlError(status);
            if (!status.sqlRunning()) {
                throw new StepFailedException("cannot drain " + replica.describe() + ": its SQL thread is stopped ("
                        + status.summary() + ")", "run START SLAVE SQL_THREAD on the replica, then drain again");
            }
            GtidPosition applied = GtidPosition.parse(status.gtidSlavePos());
            if (applied.covers(received)) {
                return new DrainResult(status, true);
            }
            stablePolls = status.allRelayLogApplied() && status.gtidSlavePos().equals(lastApplied) ? stablePolls + 1 : 0;
            if (stablePolls >= 2) {
                // the last received group is incomplete (the source died while sending it): nothing more to apply
                return new DrainResult(status, false);
            }
            lastApplied = status.gtidSlavePos();
            if (System.nanoTime() - start > timeout.toNanos()) {
                throw new StepFailedException("replica " + replica.describe() + " did not apply all received events"
                        + " within " + timeout.toSeconds() + "s: " + applied.behind(received)
                        + " transactions left; " + status.summary(), "raise 'timeout'");
            }
            context.progress("draining: " + applied.behind(received) + " received transactions left to apply; "
                    + status.summary());
            if (received.isEmpty()) {
                context.pause(POLL);
            }
        }
    }

    /** What drain found: the final status and whether every received transaction was applied. */
    record DrainResult(ReplicaStatus status, boolean complete) {
    }

    private boolean gtidWait(GtidPosition target, Duration wait) {
        double seconds = Math.max(0.0, wait.toMillis() / 1000.0);
        SqlResult result = context.actions().sql(on(replica, ReplicationSql.GTID_WAIT, target.toString(), seconds));
        Object reached = result.rows().isEmpty() ? null : result.rows().get(0).values().iterator().next();
        return reached != null && Long.parseLong(String.valueOf(reached).trim()) == 0;
    }

    void failOnSqlError(ReplicaStatus status) {
        if (status.hasSqlError()) {
            throw new StepFailedException("replica " + replica.describe() + " stopped applying events: Error "
                    + status.lastSqlErrno() + ": " + status.lastSqlError(),
                    "fix the conflicting data on the replica and run START SLAVE there, or rebuild the replica from"
                            + " a fresh backup; SHOW SLAVE STATUS shows the failing event (Last_SQL_Error)");
        }
    }

    private void checkInterrupted() {
        if (context.isInterrupted()) {
            throw new StepInterruptedException("interrupted while waiting for replica " + replica.describe());
        }
    }
}
