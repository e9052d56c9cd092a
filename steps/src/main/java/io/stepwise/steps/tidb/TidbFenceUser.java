package io.stepwise.steps.tidb;

import io.stepwise.engine.spi.OutputDescriptor;
import io.stepwise.engine.spi.Param;
import io.stepwise.engine.spi.ParamType;
import io.stepwise.engine.spi.Params;
import io.stepwise.engine.spi.Reversibility;
import io.stepwise.engine.spi.SqlText;
import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.spi.action.Action;
import io.stepwise.engine.spi.action.NoteAction;
import io.stepwise.engine.spi.action.SqlAction;
import io.stepwise.engine.spi.action.SqlResult;
import io.stepwise.steps.tidb.support.Rows;
import io.stepwise.steps.jdbc.SqlLiterals;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fences a writer out of a cluster before a failover writes to it (tidb-tooling.md 9, what a DBA asks):
 * {@code ALTER USER .. ACCOUNT LOCK} on the changefeed's sink account, so a TiCDC that comes back
 * (a partition looks like a lost primary) cannot log in again, then {@code KILL} of every session
 * that account still holds (CLUSTER_PROCESSLIST: every TiDB server; KILL reaches any of them with
 * global kill, TiDB >= 6.1), and a read-back that the account is locked and has no session left.
 * The rollback unlocks it.
 */
public final class TidbFenceUser implements StepType<FenceConfig> {
    static final String SESSIONS = "SELECT ID FROM information_schema.CLUSTER_PROCESSLIST WHERE USER = ?";
    static final String LOCKED = "SELECT Account_locked FROM mysql.user WHERE User = ? AND Host = ?";

    @Override
    public String name() {
        return "tidb.fence-user";
    }

    @Override
    public String description() {
        return "Locks an account on a TiDB cluster and kills its sessions (fences the changefeed's sink before"
                + " redo apply).";
    }

    static final Param<String> CONNECTION = Param.connection("connection").required()
            .description("The cluster to fence (the secondary), as an account other than the fenced one.")
            .example("secondary");
    static final Param<String> USER = Param.string("user").required()
            .check(user -> !user.isBlank(), "must name an account")
            .description("The account to lock: the changefeed's sink user.").example("cdc_sink");
    static final Param<String> HOST = Param.string("host").defaultValue("%")
            .check(host -> !host.isBlank(), "must be a host part such as % or 10.0.1.%")
            .description("The account's host part.");

    @Override
    public List<Param<?>> parameters() {
        return List.of(CONNECTION, USER, HOST);
    }

    @Override
    public List<OutputDescriptor> outputs() {
        return List.of(
                OutputDescriptor.of("user", ParamType.STRING, "The locked account, as 'user'@'host'."),
                OutputDescriptor.of("killed", ParamType.INTEGER, "Sessions of it that were killed."),
                OutputDescriptor.of("locked", ParamType.BOOLEAN, "True once the account reads back as locked."));
    }

    @Override
    public FenceConfig bind(Params params) {
        FenceConfig config = new FenceConfig(params.connection(CONNECTION), params.get(USER), params.get(HOST));
        // the connection's login is a setting of the plan's connection, not a parameter: validate cannot see it
        if (config.user().equals(config.connection().string("user", "root"))) {
            throw new IllegalArgumentException("the connection logs in as '" + config.user() + "', the account to"
                    + " fence: connect as another account (the one that applies the redo log)");
        }
        return config;
    }

    String account(FenceConfig config) {
        return SqlLiterals.string(config.user()) + "@" + SqlLiterals.string(config.host());
    }

    private SqlAction lock(FenceConfig config, boolean lock) {
        return new SqlAction(config.connection(), SqlText.of("ALTER USER " + account(config)
                + (lock ? " ACCOUNT LOCK" : " ACCOUNT UNLOCK")));
    }

    private static SqlAction sessions(FenceConfig config) {
        return new SqlAction(config.connection(), new SqlText(SESSIONS, List.of(config.user())));
    }

    private static SqlAction locked(FenceConfig config) {
        return new SqlAction(config.connection(), new SqlText(LOCKED, List.of(config.user(), config.host())));
    }

    @Override
    public List<Action> plan(FenceConfig config, StepContext context) {
        return List.of(lock(config, true), sessions(config),
                new NoteAction("KILL <ID> for each session listed, then read the list again: it must be empty"),
                locked(config));
    }

    @Override
    public StepResult execute(FenceConfig config, StepContext context) {
        context.actions().sql(lock(config, true));
        int killed = 0;
        for (Object id : ids(context.actions().sql(sessions(config)))) {
            try {
                context.actions().sql(new SqlAction(config.connection(), SqlText.of("KILL " + Rows.number(id, "ID"))));
                killed++;
            } catch (StepFailedException e) {
                context.progress("session " + id + " was gone before KILL (" + context.mask(e.getMessage()) + ")");
            }
        }
        List<Object> left = ids(context.actions().sql(sessions(config)));
        if (!left.isEmpty()) {
            throw new StepFailedException("account " + account(config) + " still has session(s) " + left
                    + " after KILL", "kill them by hand (KILL <id> on their TiDB server) before applying the redo log");
        }
        SqlResult lockedRead = context.actions().sql(locked(config));
        boolean isLocked = !lockedRead.rows().isEmpty() && "Y".equalsIgnoreCase(String.valueOf(
                Rows.required(lockedRead, lockedRead.rows().get(0), "Account_locked", LOCKED)));
        if (!isLocked) {
            throw new StepFailedException("account " + account(config) + " does not read back as locked",
                    "check that the account exists on this cluster and that the connection may ALTER USER");
        }
        context.say("fenced " + account(config) + ": locked, " + killed + " session(s) killed");
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("user", config.user() + "@" + config.host());
        values.put("killed", killed);
        values.put("locked", true);
        return new StepResult(values);
    }

    private static List<Object> ids(SqlResult result) {
        List<Object> ids = new ArrayList<>();
        result.rows().forEach(row -> Rows.column(row, "ID").ifPresent(ids::add));
        return ids;
    }

    @Override
    public Reversibility reversibility(FenceConfig config) {
        return Reversibility.SELF;
    }

    @Override
    public List<Action> planRollback(FenceConfig config, StepResult result, StepContext context) {
        return List.of(lock(config, false));
    }

    @Override
    public void rollback(FenceConfig config, StepResult result, StepContext context) {
        context.actions().sql(lock(config, false));
    }

    @Override
    public boolean idempotent(FenceConfig config) {
        return true;
    }
}
