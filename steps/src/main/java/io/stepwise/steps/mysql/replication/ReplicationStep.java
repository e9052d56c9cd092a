package io.stepwise.steps.mysql.replication;

import static io.stepwise.steps.mysql.replication.ReplicationSql.on;

import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.OutputDescriptor;
import io.stepwise.engine.spi.Param;
import io.stepwise.engine.spi.ParamType;
import io.stepwise.engine.spi.ParamValues;
import io.stepwise.engine.spi.Params;
import io.stepwise.engine.spi.ProbeOutcome;
import io.stepwise.engine.spi.Problems;
import io.stepwise.engine.spi.Reversibility;
import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.spi.action.Action;
import io.stepwise.engine.spi.action.NoteAction;
import io.stepwise.engine.spi.action.SqlResult;
import io.stepwise.steps.jdbc.MysqlJdbc;
import io.stepwise.steps.jdbc.SqlLiterals;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code mysql.replication}: MariaDB GTID replication of a replica from a source. {@code start} points
 * the replica at a captured GTID position, {@code wait} blocks until it has applied the source's current
 * position, {@code drain} applies everything already received (the source may be dead), {@code promote}
 * makes it a writable primary, {@code status} reports {@code SHOW SLAVE STATUS}.
 */
public final class ReplicationStep implements StepType<ReplicationConfig> {
    static final Param<String> ACTION = Param.string(Param.ACTION).required()
            .allowed("start", "wait", "drain", "promote", "status")
            .description("start: replicate from the source at a GTID position; wait: until the replica"
                    + " has applied the source's current position; drain: apply every event already"
                    + " received; promote: stop replicating and become writable; status: report")
            .example("start");
    static final Param<String> CONNECTION = Param.connection("connection").required().allowed("mysql")
            .description("the replica (a mysql connection)").example("secondary");
    static final Param<String> SOURCE = Param.connection("source").allowed("mysql").onlyFor("start", "wait")
            .description("the source as the runner reaches it: start takes its address and credentials"
                    + " unless source_* say otherwise; wait reads its @@gtid_binlog_pos")
            .example("primary");
    static final Param<String> GTID = Param.string("gtid").onlyFor("start", "wait")
            .check(GtidPosition::isValid, "must be a GTID position such as 0-1-42")
            .description("start: the position to replicate from (sets gtid_slave_pos; omit to keep the"
                    + " replica's); wait: the position to wait for instead of the source's current one")
            .example("${steps.backup.gtid_position}");
    static final Param<String> SOURCE_HOST = Param.string("source_host").onlyFor("start")
            .description("start: the source host as the replica reaches it (default: host of 'source')")
            .example("127.0.0.1");
    static final Param<Long> SOURCE_PORT = Param.integer("source_port").onlyFor("start").min(1L).max(65_535L)
            .description("start: the source port as the replica reaches it (default: port of 'source')")
            .example(3306L);
    static final Param<String> SOURCE_USER = Param.string("source_user").onlyFor("start")
            .description("start: the replication user (default: user of 'source')").example("repl");
    static final Param<String> SOURCE_PASSWORD = Param.string("source_password").onlyFor("start").secret()
            .description("start: the replication user's password (default: password of 'source')")
            .example("${inputs.repl_password}");
    static final Param<Duration> TIMEOUT = Param.duration("timeout").onlyFor("start", "wait", "drain")
            .defaultValue(Duration.ofMinutes(5)).min(Duration.ofMillis(1))
            .description("how long start, wait and drain wait before failing").example(Duration.ofMinutes(10));
    static final Param<Boolean> STOP_IO = Param.bool("stop_io").onlyFor("drain").defaultValue(true)
            .description("drain: stop the I/O thread first, so that 'received' is fixed (failover)")
            .example(false);
    static final Param<Boolean> VERIFY_SOURCE_CERT = Param.bool("verify_source_cert").onlyFor("start")
            .defaultValue(false)
            .description("start: MASTER_SSL_VERIFY_SERVER_CERT (MariaDB 11.4 turns it on by default,"
                    + " which fails against self-signed local servers)").example(true);
    /** MariaDB takes MASTER_CONNECT_RETRY from 1 second to a year. */
    static final Param<Long> CONNECT_RETRY = Param.integer("connect_retry").onlyFor("start").defaultValue(1L)
            .min(1L).max(31_536_000L)
            .description("start: MASTER_CONNECT_RETRY, seconds between reconnect attempts").example(5L);
    static final Param<Boolean> SEMI_SYNC = Param.bool("semi_sync").onlyFor("start").defaultValue(false)
            .description("start: turn on semi-synchronous replication (rpl_semi_sync_master_enabled on"
                    + " the source, rpl_semi_sync_slave_enabled on the replica), so a commit the source"
                    + " acknowledges has reached the replica (until rpl_semi_sync_master_timeout)")
            .example(true);

    @Override
    public String name() {
        return "mysql.replication";
    }

    @Override
    public String description() {
        return "Starts, waits for, drains, promotes or inspects a MariaDB GTID replica.";
    }

    @Override
    public List<Param<?>> parameters() {
        return List.of(ACTION, CONNECTION, SOURCE, GTID, SOURCE_HOST, SOURCE_PORT, SOURCE_USER, SOURCE_PASSWORD,
                TIMEOUT, STOP_IO, VERIFY_SOURCE_CERT, CONNECT_RETRY, SEMI_SYNC);
    }

    @Override
    public List<OutputDescriptor> outputs() {
        return List.of(
                OutputDescriptor.of("state", ParamType.STRING,
                        "none, running, connecting, error, stopped or partial (one thread running)"),
                OutputDescriptor.of("io_running", ParamType.BOOLEAN, "Slave_IO_Running is Yes"),
                OutputDescriptor.of("sql_running", ParamType.BOOLEAN, "Slave_SQL_Running is Yes"),
                OutputDescriptor.of("io_state", ParamType.STRING, "Slave_IO_Running as reported (Yes, No, Connecting)"),
                OutputDescriptor.of("seconds_behind", ParamType.INTEGER,
                        "Seconds_Behind_Master (null when the SQL thread is stopped)"),
                OutputDescriptor.of("gtid_io_pos", ParamType.STRING, "Gtid_IO_Pos: the last GTID received"),
                OutputDescriptor.of("gtid_slave_pos", ParamType.STRING, "@@gtid_slave_pos: the last GTID applied"),
                OutputDescriptor.of("last_error", ParamType.STRING, "Last_SQL_Error, else Last_IO_Error, with its number"),
                OutputDescriptor.of("last_io_error", ParamType.STRING, "Last_IO_Error"),
                OutputDescriptor.of("last_sql_error", ParamType.STRING, "Last_SQL_Error"),
                OutputDescriptor.of("sql_running_state", ParamType.STRING, "Slave_SQL_Running_State"),
                OutputDescriptor.of("source_host", ParamType.STRING, "Master_Host"),
                OutputDescriptor.of("source_port", ParamType.INTEGER, "Master_Port"),
                OutputDescriptor.of("target_gtid", ParamType.STRING, "wait: the position waited for"),
                OutputDescriptor.of("waited_ms", ParamType.INTEGER, "wait, drain: how long it took"),
                OutputDescriptor.of("complete", ParamType.BOOLEAN,
                        "drain: every received transaction was applied (false: the last one arrived incomplete)"),
                OutputDescriptor.of("gtid_binlog_pos", ParamType.STRING, "promote: the new primary's @@gtid_binlog_pos"),
                OutputDescriptor.of("read_only", ParamType.BOOLEAN, "promote: @@read_only after promotion"));
    }

    /** What needs another parameter: the source to replicate from, a position to wait for. */
    @Override
    public void validate(ParamValues params, Problems problems) {
        Optional<String> action = params.literal(ACTION);
        if (action.isEmpty()) {
            return;
        }
        if (action.get().equals("start") && !params.has(SOURCE) && !params.has(SOURCE_HOST)) {
            problems.add(SOURCE.name(), "action start needs the source to replicate from", "set 'source' or 'source_host'");
        }
        if (params.literal(SEMI_SYNC).orElse(false) && !params.has(SOURCE)) {
            problems.add(SEMI_SYNC.name(), "semi_sync needs 'source' to enable it there", null);
        }
        if (action.get().equals("wait") && !params.has(SOURCE) && !params.has(GTID)) {
            problems.add(SOURCE.name(), "action wait needs a position to wait for",
                    "set 'source' (its current @@gtid_binlog_pos) or 'gtid'");
        }
    }

    @Override
    public ReplicationConfig bind(Params params) {
        ConnectionInfo replica = params.connection(CONNECTION);
        Optional<ConnectionInfo> source = params.find(SOURCE)
                .map(name -> params.connection(SOURCE));
        return new ReplicationConfig(ReplicationConfig.Action.parse(params.get(ACTION)), replica, source,
                params.find(GTID),
                params.find(SOURCE_HOST).or(() -> source.map(MysqlJdbc::host)),
                params.find(SOURCE_PORT).map(Long::intValue).orElseGet(() -> source.map(MysqlJdbc::port).orElse(3306)),
                params.find(SOURCE_USER).orElseGet(() -> source.map(MysqlJdbc::user).orElse("root")),
                params.find(SOURCE_PASSWORD).orElseGet(() -> source.map(MysqlJdbc::password).orElse("")),
                params.get(TIMEOUT), params.get(STOP_IO), params.get(VERIFY_SOURCE_CERT), params.get(CONNECT_RETRY),
                params.get(SEMI_SYNC));
    }

    @Override
    public List<Action> plan(ReplicationConfig config, StepContext context) {
        markSecrets(config, context);
        ConnectionInfo replica = config.replica();
        List<Action> actions = new ArrayList<>();
        switch (config.action()) {
            case START -> {
                if (config.semiSync()) {
                    actions.add(ReplicationSql.semiSyncSource(config));
                }
                actions.addAll(ReplicationSql.start(config));
                actions.add(new NoteAction("wait up to " + config.timeout().toSeconds() + "s until both replica"
                        + " threads run (" + ReplicationSql.SLAVE_STATUS + " on " + replica.describe() + ")"));
            }
            case WAIT -> {
                if (config.gtid().isPresent()) {
                    actions.add(on(replica, ReplicationSql.GTID_WAIT, config.gtid().get(), 1));
                } else {
                    ConnectionInfo source = config.source().orElseThrow();
                    actions.add(on(source, ReplicationSql.SOURCE_POSITION));
                    actions.add(ReplicationSql.gtidWaitFor(replica, "@@gtid_binlog_pos of " + source.name(), 1));
                }
                actions.add(new NoteAction("repeat MASTER_GTID_WAIT and " + ReplicationSql.SLAVE_STATUS
                        + " until reached, a replica error, or " + config.timeout().toSeconds() + "s"));
            }
            case DRAIN -> {
                if (config.stopIo()) {
                    actions.add(on(replica, "STOP SLAVE IO_THREAD"));
                }
                actions.add(on(replica, ReplicationSql.SLAVE_STATUS));
                actions.add(ReplicationSql.gtidWaitFor(replica, "Gtid_IO_Pos", 0.5));
                actions.add(new NoteAction("repeat until every received transaction is applied (gtid_slave_pos covers"
                        + " Gtid_IO_Pos, or the SQL thread has read all relay log), a replica error, or "
                        + config.timeout().toSeconds() + "s"));
            }
            case PROMOTE -> {
                actions.addAll(ReplicationSql.promote(replica));
                actions.add(on(replica, ReplicationSql.POSITIONS));
            }
            case STATUS -> {
                actions.add(on(replica, ReplicationSql.SLAVE_STATUS));
                actions.add(on(replica, ReplicationSql.GTID_SLAVE_POS));
            }
        }
        return actions;
    }

    @Override
    public StepResult execute(ReplicationConfig config, StepContext context) {
        markSecrets(config, context);
        ReplicaMonitor monitor = new ReplicaMonitor(context, config.replica());
        long started = System.nanoTime();
        Map<String, Object> out = new LinkedHashMap<>();
        switch (config.action()) {
            case START -> {
                if (config.semiSync()) {
                    context.actions().sql(ReplicationSql.semiSyncSource(config));
                }
                context.actions().sqlBatch(ReplicationSql.start(config));
                out.putAll(monitor.awaitRunning(config.timeout()).toOutputs());
            }
            case WAIT -> {
                GtidPosition target = GtidPosition.parse(config.gtid()
                        .orElseGet(() -> sourcePosition(config, context)));
                out.putAll(monitor.awaitPosition(target, config.timeout()).toOutputs());
                out.put("target_gtid", target.toString());
            }
            case DRAIN -> {
                if (config.stopIo()) {
                    context.actions().sql(on(config.replica(), "STOP SLAVE IO_THREAD"));
                }
                ReplicaMonitor.DrainResult drained = monitor.drain(config.timeout());
                out.putAll(drained.status().toOutputs());
                out.put("complete", drained.complete());
            }
            case PROMOTE -> {
                context.actions().sqlBatch(ReplicationSql.promote(config.replica()));
                out.putAll(monitor.read().toOutputs());
                Map<String, Object> positions = context.actions().sql(on(config.replica(), ReplicationSql.POSITIONS))
                        .rows().get(0);
                out.put("gtid_binlog_pos", String.valueOf(positions.get("gtid_binlog_pos")));
                out.put("read_only", !"0".equals(String.valueOf(positions.get("read_only"))));
            }
            case STATUS -> out.putAll(monitor.read().toOutputs());
        }
        if (config.action() == ReplicationConfig.Action.WAIT || config.action() == ReplicationConfig.Action.DRAIN) {
            out.put("waited_ms", (System.nanoTime() - started) / 1_000_000);
        }
        return new StepResult(out);
    }

    private static String sourcePosition(ReplicationConfig config, StepContext context) {
        SqlResult result = context.actions().sql(on(config.source().orElseThrow(), ReplicationSql.SOURCE_POSITION));
        return String.valueOf(result.rows().get(0).get("gtid_binlog_pos"));
    }

    /** The password as given and as escaped inside CHANGE MASTER, so that both renderings are masked. */
    private static void markSecrets(ReplicationConfig config, StepContext context) {
        String password = config.sourcePassword();
        if (!password.isEmpty()) {
            context.markSecret(password);
            String literal = SqlLiterals.string(password);
            context.markSecret(literal.substring(1, literal.length() - 1));
        }
    }

    @Override
    public Reversibility reversibility(ReplicationConfig config) {
        return switch (config.action()) {
            case START -> Reversibility.SELF;
            case PROMOTE -> Reversibility.NEEDS_PERSON;
            default -> Reversibility.NOTHING_TO_UNDO;
        };
    }

    @Override
    public List<Action> planRollback(ReplicationConfig config, StepResult result, StepContext context) {
        return config.action() == ReplicationConfig.Action.START
                ? List.copyOf(ReplicationSql.rollbackStart(config.replica())) : List.of();
    }

    @Override
    public void rollback(ReplicationConfig config, StepResult result, StepContext context) {
        context.actions().sqlBatch(ReplicationSql.rollbackStart(config.replica()));
    }

    @Override
    public boolean idempotent(ReplicationConfig config) {
        return config.action() != ReplicationConfig.Action.START;
    }

    @Override
    public ProbeOutcome probe(ReplicationConfig config, StepContext context) {
        if (config.action() != ReplicationConfig.Action.START) {
            return ProbeOutcome.UNSUPPORTED;
        }
        ReplicaStatus status = new ReplicaMonitor(context, config.replica()).read();
        boolean sameSource = status.configured()
                && status.sourceHost().equals(config.sourceHost().orElse(""))
                && String.valueOf(status.sourcePort()).equals(String.valueOf(config.sourcePort()));
        if (sameSource && status.ioRunning() && status.sqlRunning()) {
            return ProbeOutcome.done(new StepResult(status.toOutputs()), "the replica already replicates from "
                    + status.sourceHost() + ":" + status.sourcePort());
        }
        return ProbeOutcome.notDone(sameSource ? "replication is configured but not running: " + status.summary()
                : "the replica does not replicate from the configured source");
    }
}
