package io.stepwise.steps.mysql.replication;

import static io.stepwise.steps.mysql.replication.ReplicationSql.on;

import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.Deferred;
import io.stepwise.engine.spi.OutputDescriptor;
import io.stepwise.engine.spi.Param;
import io.stepwise.engine.spi.ParamDescriptor;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code mysql.replication}: MariaDB GTID replication of a replica from a source. {@code start} points
 * the replica at a captured GTID position, {@code wait} blocks until it has applied the source's current
 * position, {@code drain} applies everything already received (the source may be dead), {@code promote}
 * makes it a writable primary, {@code status} reports {@code SHOW SLAVE STATUS}.
 */
public final class ReplicationStep implements StepType<ReplicationConfig> {
    private static final Map<String, Set<String>> USED_BY = Map.of(
            "source", Set.of("start", "wait"),
            "gtid", Set.of("start", "wait"),
            "source_host", Set.of("start"),
            "source_port", Set.of("start"),
            "source_user", Set.of("start"),
            "source_password", Set.of("start"),
            "stop_io", Set.of("drain"),
            "verify_source_cert", Set.of("start"),
            "connect_retry", Set.of("start"),
            "semi_sync", Set.of("start"));

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
        return List.of(
                ParamDescriptor.of("action", ParamType.STRING).required()
                        .allowed("start", "wait", "drain", "promote", "status")
                        .description("start: replicate from the source at a GTID position; wait: until the replica"
                                + " has applied the source's current position; drain: apply every event already"
                                + " received; promote: stop replicating and become writable; status: report")
                        .example("start").build(),
                ParamDescriptor.of("connection", ParamType.CONNECTION).required()
                        .description("the replica (a mysql connection)").example("secondary").build(),
                ParamDescriptor.of("source", ParamType.CONNECTION)
                        .description("the source as the runner reaches it: start takes its address and credentials"
                                + " unless source_* say otherwise; wait reads its @@gtid_binlog_pos")
                        .example("primary").build(),
                ParamDescriptor.of("gtid", ParamType.STRING)
                        .description("start: the position to replicate from (sets gtid_slave_pos; omit to keep the"
                                + " replica's); wait: the position to wait for instead of the source's current one")
                        .example("${steps.backup.gtid}").build(),
                ParamDescriptor.of("source_host", ParamType.STRING)
                        .description("start: the source host as the replica reaches it (default: host of 'source')")
                        .example("127.0.0.1").build(),
                ParamDescriptor.of("source_port", ParamType.INTEGER)
                        .description("start: the source port as the replica reaches it (default: port of 'source')")
                        .example("3306").build(),
                ParamDescriptor.of("source_user", ParamType.STRING)
                        .description("start: the replication user (default: user of 'source')").example("repl").build(),
                ParamDescriptor.of("source_password", ParamType.STRING).secret()
                        .description("start: the replication user's password (default: password of 'source')")
                        .example("${inputs.repl_password}").build(),
                ParamDescriptor.of("timeout", ParamType.DURATION).defaultValue("5m")
                        .description("how long start, wait and drain wait before failing").example("10m").build(),
                ParamDescriptor.of("stop_io", ParamType.BOOLEAN).defaultValue(true)
                        .description("drain: stop the I/O thread first, so that 'received' is fixed (failover)")
                        .example("false").build(),
                ParamDescriptor.of("verify_source_cert", ParamType.BOOLEAN).defaultValue(false)
                        .description("start: MASTER_SSL_VERIFY_SERVER_CERT (MariaDB 11.4 turns it on by default,"
                                + " which fails against self-signed local servers)").example("true").build(),
                ParamDescriptor.of("connect_retry", ParamType.INTEGER).defaultValue(1L)
                        .description("start: MASTER_CONNECT_RETRY, seconds between reconnect attempts")
                        .example("5").build(),
                ParamDescriptor.of("semi_sync", ParamType.BOOLEAN).defaultValue(false)
                        .description("start: turn on semi-synchronous replication (rpl_semi_sync_master_enabled on"
                                + " the source, rpl_semi_sync_slave_enabled on the replica), so a commit the source"
                                + " acknowledges has reached the replica (until rpl_semi_sync_master_timeout)")
                        .example("true").build());
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

    @Override
    public void validate(ParamValues params, Problems problems) {
        Optional<String> action = params.literal("action").map(String::valueOf);
        if (action.isEmpty()) {
            return;
        }
        String a = action.get();
        USED_BY.forEach((param, actions) -> {
            if (params.has(param) && !actions.contains(a)) {
                problems.add(param, "parameter '" + param + "' has no effect with action " + a,
                        "used by action " + String.join(", ", actions.stream().sorted().toList()));
            }
        });
        if (a.equals("start") && !params.has("source") && !params.has("source_host")) {
            problems.add("source", "action start needs the source to replicate from", "set 'source' or 'source_host'");
        }
        if (params.literal("semi_sync").filter(Boolean.TRUE::equals).isPresent() && !params.has("source")) {
            problems.add("semi_sync", "semi_sync needs 'source' to enable it there", null);
        }
        if (a.equals("wait") && !params.has("source") && !params.has("gtid")) {
            problems.add("source", "action wait needs a position to wait for",
                    "set 'source' (its current @@gtid_binlog_pos) or 'gtid'");
        }
        params.literal("gtid").map(String::valueOf).filter(g -> !GtidPosition.isValid(g))
                .ifPresent(g -> problems.add("gtid", "'" + g + "' is not a GTID position", "write such as 0-1-42"));
    }

    @Override
    public ReplicationConfig bind(Params params) {
        ReplicationConfig.Action action = ReplicationConfig.Action.parse(params.string("action"));
        ConnectionInfo replica = MysqlJdbc.requireMysql(params.connection("connection"), "connection");
        Optional<ConnectionInfo> source = params.has("source")
                ? Optional.of(MysqlJdbc.requireMysql(params.connection("source"), "source")) : Optional.empty();
        Optional<Object> port = Optional.ofNullable(params.raw("source_port"))
                .or(() -> source.map(s -> s.setting("port").orElse(3306L)));
        port.filter(p -> !(p instanceof Deferred)).ifPresent(p -> {
            if (!String.valueOf(p).trim().matches("\\d{1,5}")) {
                throw new IllegalArgumentException("source port '" + p + "' is not a TCP port");
            }
        });
        return new ReplicationConfig(action, replica, source, textOrDeferred(params.raw("gtid")),
                sourceSetting(params, "source_host", source, "host", "127.0.0.1"),
                port.map(p -> p instanceof Deferred ? p : Long.valueOf(String.valueOf(p).trim())),
                sourceSetting(params, "source_user", source, "user", "root"),
                sourceSetting(params, "source_password", source, "password", ""),
                params.duration("timeout"), params.bool("stop_io"), params.bool("verify_source_cert"),
                params.integer("connect_retry"), params.bool("semi_sync"));
    }

    private static Optional<Object> textOrDeferred(Object value) {
        return Optional.ofNullable(value).map(v -> v instanceof Deferred ? v : String.valueOf(v));
    }

    private static Optional<Object> sourceSetting(Params params, String param, Optional<ConnectionInfo> source,
            String key, String fallback) {
        return textOrDeferred(params.raw(param))
                .or(() -> source.map(s -> textOrDeferred(s.setting(key).orElse(fallback)).orElseThrow()));
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
                Object target = config.gtid().orElse(null);
                if (target == null) {
                    actions.add(on(config.source().orElseThrow(), ReplicationSql.SOURCE_POSITION));
                    target = new Deferred("@@gtid_binlog_pos of " + config.source().orElseThrow().name());
                }
                actions.add(on(replica, ReplicationSql.GTID_WAIT, target, 1));
                actions.add(new NoteAction("repeat MASTER_GTID_WAIT and " + ReplicationSql.SLAVE_STATUS
                        + " until reached, a replica error, or " + config.timeout().toSeconds() + "s"));
            }
            case DRAIN -> {
                if (config.stopIo()) {
                    actions.add(on(replica, "STOP SLAVE IO_THREAD"));
                }
                actions.add(on(replica, ReplicationSql.SLAVE_STATUS));
                actions.add(on(replica, ReplicationSql.GTID_WAIT, new Deferred("Gtid_IO_Pos"), 0.5));
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
                GtidPosition target = GtidPosition.parse(config.gtid().map(String::valueOf)
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
        config.sourcePassword().filter(String.class::isInstance).map(String.class::cast)
                .filter(p -> !p.isEmpty()).ifPresent(p -> {
                    context.markSecret(p);
                    String literal = SqlLiterals.string(p);
                    context.markSecret(literal.substring(1, literal.length() - 1));
                });
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
                && status.sourceHost().equals(String.valueOf(config.sourceHost().orElse("")))
                && String.valueOf(status.sourcePort()).equals(String.valueOf(config.sourcePort().orElse(3306L)));
        if (sameSource && status.ioRunning() && status.sqlRunning()) {
            return ProbeOutcome.done(new StepResult(status.toOutputs()), "the replica already replicates from "
                    + status.sourceHost() + ":" + status.sourcePort());
        }
        return ProbeOutcome.notDone(sameSource ? "replication is configured but not running: " + status.summary()
                : "the replica does not replicate from the configured source");
    }
}
