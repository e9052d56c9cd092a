package io.stepwise.steps.workload;

import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.OutputDescriptor;
import io.stepwise.engine.spi.Param;
import io.stepwise.engine.spi.ParamDescriptor;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code workload}: sysbench's oltp tables and write-only load, or a bank whose total never changes,
 * generated inside the runner on a MySQL-protocol connection. {@code run} goes in the background when
 * the step says {@code background: true}.
 */
public final class WorkloadStep implements StepType<WorkloadConfig> {
    private static final Map<String, Set<String>> ACTIONS_USING = Map.of(
            "threads", Set.of("prepare", "run"),
            "rate", Set.of("run"),
            "duration", Set.of("run"),
            "report_interval", Set.of("run"),
            "seed", Set.of("prepare", "run"),
            "batch_size", Set.of("prepare"),
            "fail_on_mismatch", Set.of("check"));
    private static final Map<String, String> MODE_USING = Map.of(
            "tables", "oltp", "table_size", "oltp",
            "accounts", "bank", "initial_balance", "bank", "ledger", "bank");

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
        return List.of(
                ParamDescriptor.of("action", ParamType.STRING).required().allowed("prepare", "run", "cleanup", "check")
                        .description("prepare: create and fill the tables; run: generate load; cleanup: drop the"
                                + " tables; check: verify them (bank: total invariant and acknowledged transfers)")
                        .example("run").build(),
                ParamDescriptor.of("connection", ParamType.CONNECTION).required()
                        .description("the server (a mysql connection); check reads the server to verify")
                        .example("primary").build(),
                ParamDescriptor.of("mode", ParamType.STRING).defaultValue("oltp").allowed("oltp", "bank")
                        .description("oltp: sysbench's sbtest tables and oltp_write_only transactions; bank:"
                                + " transfers between accounts with a fixed total").example("bank").build(),
                ParamDescriptor.of("database", ParamType.STRING)
                        .description("the schema of the tables (default: the connection's database, else sbtest);"
                                + " prepare creates it if missing").example("test").build(),
                ParamDescriptor.of("tables", ParamType.INTEGER).defaultValue(1L)
                        .description("oltp: number of sbtest tables").example("10").build(),
                ParamDescriptor.of("table_size", ParamType.INTEGER).defaultValue(10_000L)
                        .description("oltp: rows per table").example("10000").build(),
                ParamDescriptor.of("threads", ParamType.INTEGER).defaultValue(1L)
                        .description("connections generating load (run) or filling tables in parallel (prepare)")
                        .example("10").build(),
                ParamDescriptor.of("rate", ParamType.NUMBER).defaultValue(0L)
                        .description("run: cap in transactions a second over all threads; 0 means no cap")
                        .example("100").build(),
                ParamDescriptor.of("duration", ParamType.DURATION)
                        .description("run: how long; without it the load runs until stopped (background only)")
                        .example("60s").build(),
                ParamDescriptor.of("report_interval", ParamType.DURATION).defaultValue("10s")
                        .description("run: how often a tps/latency line goes to the load's log").example("1s").build(),
                ParamDescriptor.of("batch_size", ParamType.INTEGER).defaultValue(1000L)
                        .description("prepare: rows per INSERT statement").example("5000").build(),
                ParamDescriptor.of("accounts", ParamType.INTEGER).defaultValue(100L)
                        .description("bank: number of accounts").example("1000").build(),
                ParamDescriptor.of("initial_balance", ParamType.INTEGER).defaultValue(1000L)
                        .description("bank: starting balance of each account (total = accounts x this)")
                        .example("1000").build(),
                ParamDescriptor.of("ledger", ParamType.STRING)
                        .description("bank: file of acknowledged transfer ids, relative to the run dir (default"
                                + " workload-bank-<database>.ledger; run appends, prepare empties it)")
                        .example("bank.ledger").build(),
                ParamDescriptor.of("seed", ParamType.INTEGER)
                        .description("random seed, for repeatable data and load (default: random)").example("42").build(),
                ParamDescriptor.of("fail_on_mismatch", ParamType.BOOLEAN).defaultValue(true)
                        .description("check: fail the step when the check does not pass (else only pass=false)")
                        .example("false").build());
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
                OutputDescriptor.of("pass", ParamType.BOOLEAN, "check: everything as expected"));
    }

    @Override
    public void validate(ParamValues params, Problems problems) {
        Optional<String> action = params.literal("action").map(String::valueOf);
        String mode = params.literal("mode").map(String::valueOf).orElse(params.has("mode") ? null : "oltp");
        action.ifPresent(a -> ACTIONS_USING.forEach((param, actions) -> {
            if (params.has(param) && !actions.contains(a)) {
                problems.add(param, "parameter '" + param + "' has no effect with action " + a,
                        "used by action " + String.join(", ", actions.stream().sorted().toList()));
            }
        }));
        if (mode != null) {
            MODE_USING.forEach((param, m) -> {
                if (params.has(param) && !m.equals(mode)) {
                    problems.add(param, "parameter '" + param + "' has no effect in mode " + mode, "used by mode " + m);
                }
            });
        }
    }

    @Override
    public WorkloadConfig bind(Params params) {
        ConnectionInfo connection = MysqlJdbc.requireMysql(params.connection("connection"), "connection");
        String database = params.optionalString("database")
                .orElseGet(() -> connection.setting("database").map(String::valueOf).orElse("sbtest"));
        return new WorkloadConfig(WorkloadConfig.Action.parse(params.string("action")),
                Mode.parse(params.string("mode")), connection, database, (int) params.integer("tables"),
                params.integer("table_size"), (int) params.integer("threads"), params.number("rate"),
                params.optionalDuration("duration"), (int) params.integer("batch_size"),
                (int) params.integer("accounts"), params.integer("initial_balance"), params.optionalString("ledger"),
                params.duration("report_interval"), params.optionalInteger("seed"), params.bool("fail_on_mismatch"));
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

    @Override
    public ProbeOutcome probe(WorkloadConfig config, StepContext context) {
        return config.action() == WorkloadConfig.Action.PREPARE ? new WorkloadRunner(config, context).probePrepare()
                : ProbeOutcome.UNSUPPORTED;
    }
}
