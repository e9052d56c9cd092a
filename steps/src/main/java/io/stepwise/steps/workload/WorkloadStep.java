package io.stepwise.steps.workload;

import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.OutputDescriptor;
import io.stepwise.engine.spi.Param;
import io.stepwise.engine.spi.ParamType;
import io.stepwise.engine.spi.ParamValues;
import io.stepwise.engine.spi.Params;
import io.stepwise.engine.spi.ProbeOutcome;
import io.stepwise.engine.spi.Problems;
import io.stepwise.engine.spi.Reversibility;
import io.stepwise.engine.spi.SqlText;
import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.spi.action.Action;
import io.stepwise.engine.spi.action.NoteAction;
import io.stepwise.engine.spi.action.SqlAction;
import io.stepwise.steps.jdbc.MysqlJdbc;
import io.stepwise.steps.workload.WorkloadConfig.Mode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code workload}: sysbench's oltp tables and write-only load, or a bank whose total never changes,
 * generated inside the runner on a MySQL-protocol connection. {@code run} goes in the background when
 * the step says {@code background: true}.
 */
public final class WorkloadStep implements StepType<WorkloadConfig> {
    static final Param<String> ACTION = Param.string(Param.ACTION).required().allowed("prepare", "run", "cleanup", "check")
            .description("prepare: create and fill the tables; run: generate load; cleanup: drop the"
                    + " tables; check: verify them (bank: total invariant and acknowledged transfers)")
            .example("run");
    static final Param<String> CONNECTION = Param.connection("connection").required().allowed("mysql")
            .description("the server (a mysql connection); check reads the server to verify")
            .example("primary");
    static final Param<String> MODE = Param.string("mode").defaultValue("oltp").allowed("oltp", "bank")
            .description("oltp: sysbench's sbtest tables and oltp_write_only transactions; bank:"
                    + " transfers between accounts with a fixed total").example("bank");
    static final Param<String> DATABASE = Param.string("database")
            .check(d -> !d.isBlank(), "must not be empty")
            .description("the schema of the tables (default: the connection's database, else sbtest);"
                    + " prepare creates it if missing").example("test");
    static final Param<Long> TABLES = Param.integer("tables").defaultValue(1L).min(1L).max(1000L)
            .description("oltp: number of sbtest tables").example(10L);
    static final Param<Long> TABLE_SIZE = Param.integer("table_size").defaultValue(10_000L).min(1L)
            .description("oltp: rows per table").example(10_000L);
    static final Param<Long> THREADS = Param.integer("threads").onlyFor("prepare", "run").defaultValue(1L)
            .min(1L).max(1024L)
            .description("connections generating load (run) or filling tables in parallel (prepare)")
            .example(10L);
    static final Param<Double> RATE = Param.number("rate").onlyFor("run").defaultValue(0.0).min(0.0)
            .description("run: cap in transactions a second over all threads; 0 means no cap")
            .example(100.0);
    static final Param<Duration> DURATION = Param.duration("duration").onlyFor("run").min(Duration.ofMillis(1))
            .description("run: how long; without it the load runs until stopped (background only)")
            .example(Duration.ofSeconds(60));
    static final Param<Duration> REPORT_INTERVAL = Param.duration("report_interval").onlyFor("run")
            .defaultValue(Duration.ofSeconds(10)).min(Duration.ofMillis(1))
            .description("run: how often a tps/latency line goes to the load's log").example(Duration.ofSeconds(1));
    static final Param<Long> BATCH_SIZE = Param.integer("batch_size").onlyFor("prepare").defaultValue(1000L)
            .min(1L).max(100_000L)
            .description("prepare: rows per INSERT statement").example(5000L);
    /** Bounds of the bank's parameters are in {@link #validate}: they belong to mode bank only. */
    static final Param<Long> ACCOUNTS = Param.integer("accounts").defaultValue(100L)
            .description("bank: number of accounts (2 or more)").example(1000L);
    static final Param<Long> INITIAL_BALANCE = Param.integer("initial_balance").defaultValue(1000L)
            .description("bank: starting balance of each account (total = accounts x this)")
            .example(1000L);
    static final Param<String> LEDGER = Param.string("ledger")
            .description("bank: file of acknowledged transfer ids, relative to the run dir (default"
                    + " workload-bank-<database>.ledger; run appends, prepare empties it)")
            .example("bank.ledger");
    static final Param<Long> SEED = Param.integer("seed").onlyFor("prepare", "run")
            .description("random seed, for repeatable data and load (default: random)").example(42L);
    static final Param<Boolean> FAIL_ON_MISMATCH = Param.bool("fail_on_mismatch").onlyFor("check").defaultValue(true)
            .description("check: fail the step when the check does not pass (else only pass=false)")
            .example(false);

    /** The parameters that belong to one mode (action rules are in the declarations: {@link Param#onlyFor}). */
    private static final Map<Param<?>, String> MODE_USING = Map.of(
            TABLES, "oltp", TABLE_SIZE, "oltp", ACCOUNTS, "bank", INITIAL_BALANCE, "bank", LEDGER, "bank");

    @Override
    public String name() {
        return "workload";
    }

    @Override
    public String description() {
        return "Prepares, runs (in the background), checks and cleans up sysbench's oltp load or a bank load.";
    }

    @Override
    public List<Param<?>> parameters() {
        return List.of(ACTION, CONNECTION, MODE, DATABASE, TABLES, TABLE_SIZE, THREADS, RATE, DURATION, REPORT_INTERVAL,
                BATCH_SIZE, ACCOUNTS, INITIAL_BALANCE, LEDGER, SEED, FAIL_ON_MISMATCH);
    }

    @Override
    public List<OutputDescriptor> outputs() {
        return List.of(
                OutputDescriptor.of("tables", ParamType.INTEGER, "prepare: tables created"),
                OutputDescriptor.of("rows", ParamType.INTEGER, "prepare: rows inserted; check (oltp): rows found"),
                OutputDescriptor.of("duration_ms", ParamType.INTEGER, "prepare: how long it took"),
                OutputDescriptor.of("transactions", ParamType.INTEGER, "run: transactions committed"),
                OutputDescriptor.of("tps", ParamType.NUMBER, "run: committed transactions a second"),
                OutputDescriptor.of("p50_ms", ParamType.NUMBER, "run: median transaction latency"),
                OutputDescriptor.of("p95_ms", ParamType.NUMBER, "run: 95th percentile latency"),
                OutputDescriptor.of("p99_ms", ParamType.NUMBER, "run: 99th percentile latency"),
                OutputDescriptor.of("errors", ParamType.INTEGER, "run: failed transactions and lost connections"),
                OutputDescriptor.of("log", ParamType.STRING, "run: the load's log file (report lines, summary)"),
                OutputDescriptor.of("ledger", ParamType.STRING, "bank: the ledger file"),
                OutputDescriptor.of("total_ok", ParamType.BOOLEAN, "check (bank): the accounts hold the expected total"),
                OutputDescriptor.of("total", ParamType.INTEGER, "check (bank): the sum of balances found"),
                OutputDescriptor.of("acknowledged", ParamType.INTEGER,
                        "check (bank): transfers in the ledger; run (bank, foreground): transfers acknowledged"),
                OutputDescriptor.of("missing", ParamType.INTEGER, "check (bank): acknowledged transfers not on the server"),
                OutputDescriptor.of("pass", ParamType.BOOLEAN, "check: everything as expected (bank: the total holds,"
                        + " and the ledger holds acknowledged transfers, none of them missing)"));
    }

    @Override
    public void validate(ParamValues params, Problems problems) {
        params.literal(ACTION).ifPresent(action -> {
            if (params.background() && !action.equals("run")) {
                problems.add(ACTION.name(), "only action run can go in the background", "remove 'background: true' from this step");
            }
            if (!params.background() && action.equals("run") && !params.has(DURATION)) {
                problems.add(null, "action run without a duration would never end",
                        "set 'duration', or 'background: true' on the step and let the run stop it");
            }
        });
        if (params.has(MODE) && params.literal(MODE).isEmpty()) {
            return;
        }
        String mode = params.literal(MODE).orElseThrow();
        MODE_USING.forEach((param, m) -> {
            if (params.has(param) && !m.equals(mode)) {
                problems.add(param.name(), "parameter '" + param.name() + "' has no effect in mode " + mode,
                        "used by mode " + m);
            }
        });
        if (mode.equals("bank")) {
            params.literal(ACCOUNTS).filter(a -> a < 2 || a > Integer.MAX_VALUE).ifPresent(a -> problems.add(
                    ACCOUNTS.name(), "accounts must be at least 2 (a transfer needs two) and at most "
                            + Integer.MAX_VALUE + ", not " + a));
            params.literal(INITIAL_BALANCE).filter(b -> b < 0).ifPresent(b -> problems.add(INITIAL_BALANCE.name(),
                    "initial_balance must not be negative, not " + b));
        }
    }

    @Override
    public WorkloadConfig bind(Params params) {
        ConnectionInfo connection = params.connection(CONNECTION);
        String database = params.find(DATABASE)
                .orElseGet(() -> connection.setting("database").map(String::valueOf).orElse("sbtest"));
        return new WorkloadConfig(WorkloadConfig.Action.parse(params.get(ACTION)), Mode.parse(params.get(MODE)),
                connection, database, params.get(TABLES).intValue(), params.get(TABLE_SIZE),
                params.get(THREADS).intValue(), params.get(RATE), params.find(DURATION),
                params.get(BATCH_SIZE).intValue(), params.get(ACCOUNTS).intValue(), params.get(INITIAL_BALANCE),
                params.find(LEDGER), params.get(REPORT_INTERVAL), params.find(SEED), params.get(FAIL_ON_MISMATCH));
    }

    @Override
    public List<Action> plan(WorkloadConfig config, StepContext context) {
        List<Action> actions = new ArrayList<>();
        ConnectionInfo c = MysqlJdbc.withoutDatabase(config.connection());
        OltpWorkload oltp = new OltpWorkload(config);
        BankWorkload bank = new BankWorkload(config);
        boolean isBank = config.mode() == Mode.BANK;
        switch (config.action()) {
            case PREPARE -> {
                actions.add(sql(c, WorkloadRunner.createDatabase(config)));
                if (isBank) {
                    bank.createTables().forEach(s -> actions.add(sql(c, s)));
                    actions.add(new NoteAction(bank.insertTemplate()));
                    actions.add(new NoteAction("empty the ledger " + config.ledgerPath(context.runDir())));
                } else {
                    for (int i = 1; i <= config.tables(); i++) {
                        actions.add(sql(c, oltp.createTable(i)));
                        actions.add(new NoteAction(oltp.insertTemplate(i)));
                        actions.add(sql(c, oltp.createIndex(i)));
                    }
                }
            }
            case RUN -> {
                actions.add(new NoteAction(WorkloadRunner.describeRun(config, context.background())));
                List<String> txn = isBank ? bank.transactionTemplate() : oltp.transactionTemplate();
                actions.add(sql(c, String.join(";\n", txn)));
                if (isBank) {
                    actions.add(new NoteAction("append acknowledged transfer ids to "
                            + config.ledgerPath(context.runDir())));
                }
            }
            case CLEANUP -> (isBank ? bank.cleanup() : oltp.cleanup()).forEach(s -> actions.add(sql(c, s)));
            case CHECK -> {
                if (isBank) {
                    actions.add(sql(c, "SELECT COUNT(*), COALESCE(SUM(balance), 0) FROM " + bank.accounts()));
                    actions.add(sql(c, "SELECT id FROM " + bank.transfers() + " WHERE id IN (?, ...)"));
                    actions.add(new NoteAction("look up every transfer id of " + config.ledgerPath(context.runDir())
                            + " (1000 a query); pass when the total is " + config.expectedTotal()
                            + " and none is missing"));
                } else {
                    for (int i = 1; i <= config.tables(); i++) {
                        actions.add(sql(c, "SELECT COUNT(*) FROM " + oltp.table(i)));
                    }
                }
            }
        }
        return actions;
    }

    private static SqlAction sql(ConnectionInfo connection, String text) {
        return new SqlAction(connection, SqlText.of(text));
    }

    @Override
    public StepResult execute(WorkloadConfig config, StepContext context) {
        WorkloadRunner runner = new WorkloadRunner(config, context);
        return new StepResult(switch (config.action()) {
            case PREPARE -> runner.prepare();
            case RUN -> runner.run();
            case CLEANUP -> runner.cleanup();
            case CHECK -> runner.check();
        });
    }

    @Override
    public boolean supportsBackground() {
        return true;
    }

    @Override
    public Reversibility reversibility(WorkloadConfig config) {
        return switch (config.action()) {
            case PREPARE -> Reversibility.SELF;
            // the load only writes the workload's own tables, which prepare's rollback drops
            case RUN, CHECK -> Reversibility.NOTHING_TO_UNDO;
            case CLEANUP -> Reversibility.NEEDS_PERSON;
        };
    }

    @Override
    public List<Action> planRollback(WorkloadConfig config, StepResult result, StepContext context) {
        List<String> drops = config.mode() == Mode.BANK ? new BankWorkload(config).cleanup()
                : new OltpWorkload(config).cleanup();
        return drops.stream().<Action>map(s -> sql(MysqlJdbc.withoutDatabase(config.connection()), s)).toList();
    }

    @Override
    public void rollback(WorkloadConfig config, StepResult result, StepContext context) {
        new WorkloadRunner(config, context).cleanup();
    }

    @Override
    public boolean idempotent(WorkloadConfig config) {
        // a load writes only the workload's own tables, at random: running it again is what a load does
        return config.action() != WorkloadConfig.Action.PREPARE;
    }

    /**
     * A load that runs until a step stops it: after its runner died, resume starts it again (the bank
     * load appending to its ledger), so the steps up to that stop see the load the plan describes,
     * running, and a failover check has transfers to check. A load with a duration is not: how much of
     * it was left is not known.
     */
    @Override
    public boolean restartable(WorkloadConfig config) {
        return config.action() == WorkloadConfig.Action.RUN && config.duration().isEmpty();
    }

    @Override
    public StepResult restart(WorkloadConfig config, StepResult previous, StepContext context) {
        if (!restartable(config)) {
            throw new UnsupportedOperationException("a load with a duration is not started again: how much of it"
                    + " was left is not known");
        }
        return new StepResult(new WorkloadRunner(config, context).restart());
    }

    @Override
    public ProbeOutcome probe(WorkloadConfig config, StepContext context) {
        return config.action() == WorkloadConfig.Action.PREPARE ? new WorkloadRunner(config, context).probePrepare()
                : ProbeOutcome.UNSUPPORTED;
    }
}
