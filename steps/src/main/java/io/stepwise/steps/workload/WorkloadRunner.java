package io.stepwise.steps.workload;

import static io.stepwise.steps.jdbc.SqlLiterals.ident;

import io.stepwise.engine.spi.ProbeOutcome;
import io.stepwise.engine.spi.SqlText;
import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.spi.action.SqlAction;
import io.stepwise.steps.jdbc.MysqlJdbc;
import io.stepwise.steps.workload.WorkloadConfig.Mode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/** Carries out one {@code workload} step: the doing half of {@link WorkloadStep}. */
final class WorkloadRunner {
    private final WorkloadConfig config;
    private final StepContext context;
    private final OltpWorkload oltp;
    private final BankWorkload bank;
    private final long seed;

    WorkloadRunner(WorkloadConfig config, StepContext context) {
        this.config = config;
        this.context = context;
        this.oltp = new OltpWorkload(config);
        this.bank = new BankWorkload(config);
        this.seed = config.seed().orElseGet(System::nanoTime);
    }

    static String createDatabase(WorkloadConfig config) {
        return "CREATE DATABASE IF NOT EXISTS " + ident(config.database());
    }

    static String describeRun(WorkloadConfig config, boolean background) {
        String what = config.mode() == Mode.BANK ? "bank transfers between " + config.accounts() + " accounts"
                : "oltp_write_only on " + config.tables() + " sbtest table(s)";
        return what + " with " + config.threads() + " thread(s), " + (config.rate() > 0
                ? String.format(Locale.ROOT, "at most %.1f tps", config.rate()) : "no rate cap") + ", "
                + config.duration().map(d -> "for " + d.toSeconds() + "s").orElse("until stopped")
                + (background ? ", in the background" : "");
    }

    private boolean isBank() {
        return config.mode() == Mode.BANK;
    }

    private Connection open() {
        try {
            return MysqlJdbc.open(config.connection(), null, new Properties());
        } catch (SQLException e) {
            throw MysqlJdbc.connectFailure(config.connection(), e);
        }
    }

    Map<String, Object> prepare() {
        context.actions().sql(new SqlAction(MysqlJdbc.withoutDatabase(config.connection()),
                SqlText.of(createDatabase(config))));
        long started = System.nanoTime();
        AtomicLong rows = new AtomicLong();
        long expected = isBank() ? config.accounts() : config.tables() * config.tableSize();
        int workers = isBank() ? 1 : Math.min(config.threads(), config.tables());
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> tasks = new ArrayList<>();
            if (isBank()) {
                deleteLedger();
                tasks.add(pool.submit(() -> withConnection(c -> bank.prepare(c, rows))));
            } else {
                for (int i = 1; i <= config.tables(); i++) {
                    int table = i;
                    Random random = new Random(seed + i);
                    tasks.add(pool.submit(() -> withConnection(c -> oltp.prepareTable(c, table, random, rows))));
                }
            }
            for (Future<?> task : tasks) {
                while (!task.isDone()) {
                    context.progress("prepare: " + rows.get() + " of " + expected + " rows");
                    context.pause(Duration.ofMillis(500));
                }
                task.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw prepareFailure(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepFailedException("prepare interrupted", null, e);
        } finally {
            pool.shutdownNow();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tables", isBank() ? 2 : config.tables());
        out.put("rows", rows.get());
        out.put("duration_ms", (System.nanoTime() - started) / 1_000_000);
        return out;
    }

    private StepFailedException prepareFailure(Throwable cause) {
        String message = cause.getMessage();
        if (cause instanceof SQLException sql && sql.getErrorCode() == 1050) {
            return new StepFailedException("cannot prepare the " + config.mode().name().toLowerCase(Locale.ROOT)
                    + " tables in " + config.database() + ": " + message,
                    "run the step with action: cleanup first, or use another database", cause);
        }
        return cause instanceof StepFailedException s ? s
                : new StepFailedException("prepare failed on " + config.connection().describe() + ": " + message,
                        null, cause);
    }

    /** Work on one connection. */
    private interface SqlWork {
        void run(Connection c) throws SQLException;
    }

    private Void withConnection(SqlWork work) throws SQLException {
        try (Connection c = open()) {
            work.run(c);
        }
        return null;
    }

    private void deleteLedger() {
        try {
            Files.deleteIfExists(config.ledgerPath(context.runDir()));
        } catch (IOException e) {
            throw new StepFailedException("cannot empty the ledger " + config.ledgerPath(context.runDir()) + ": "
                    + e.getMessage(), null, e);
        }
    }

    Map<String, Object> run() {
        return run(false);
    }

    /**
     * Starts a load again after its runner died (see {@link WorkloadStep#restartable}), as it would
     * have gone on: the bank load appends to its ledger, and a server that is down is what the load
     * saw before (the disaster), so its sessions keep trying and count the errors rather than the
     * restart failing. The first transfer id is read on the first session that connects.
     */
    Map<String, Object> restart() {
        return run(true);
    }

    private Map<String, Object> run(boolean restart) {
        Path log = context.runDir().resolve(context.stepId() + "-workload.log");
        Map<String, Object> out = new LinkedHashMap<>();
        Ledger ledger = null;
        LoadGenerator generator;
        if (isBank()) {
            AtomicLong nextId = new AtomicLong(restart ? UNKNOWN_ID : firstTransferId());
            Ledger bankLedger = new Ledger(config.ledgerPath(context.runDir()));
            generator = newGenerator(c -> {
                knowFirstId(c, nextId);
                return bank.open(c, nextId, bankLedger);
            }, log, bankLedger::flush, bankLedger::close);
            out.put("ledger", bankLedger.file().toString());
            ledger = bankLedger;
        } else {
            generator = newGenerator(oltp::open, log, () -> { }, () -> { });
        }
        out.put("log", log.toString());
        generator.start();
        if (context.background()) {
            context.registerBackground(generator, false);
            return out;
        }
        try {
            while (generator.isAlive()) {
                context.progress("load: " + generator.statusLine());
                context.pause(Duration.ofSeconds(1));
            }
        } finally {
            generator.stop();
        }
        out.putAll(generator.summary());
        if (ledger != null) {
            out.put("acknowledged", ledger.entries());
        }
        return out;
    }

    private LoadGenerator newGenerator(LoadGenerator.SessionFactory sessions, Path log, Runnable onTick,
            Runnable onStop) {
        return new LoadGenerator("workload-" + context.stepId(), config.connection(), sessions,
                config.threads(), config.rate(), config.duration(), config.reportInterval(), log, seed, onTick, onStop);
    }

    private static final long UNKNOWN_ID = -1;

    private void knowFirstId(Connection c, AtomicLong nextId) throws SQLException {
        synchronized (nextId) {
            if (nextId.get() == UNKNOWN_ID) {
                nextId.set(bank.firstTransferId(c));
            }
        }
    }

    private long firstTransferId() {
        try (Connection c = open()) {
            return bank.firstTransferId(c);
        } catch (SQLException e) {
            throw new StepFailedException("cannot start the bank load on " + config.connection().describe() + ": "
                    + e.getMessage(), "prepare it first with action: prepare, mode: bank", e);
        }
    }

    Map<String, Object> cleanup() {
        List<SqlAction> drops = (isBank() ? bank.cleanup() : oltp.cleanup()).stream()
                .map(s -> new SqlAction(MysqlJdbc.withoutDatabase(config.connection()), SqlText.of(s))).toList();
        context.actions().sqlBatch(drops);
        return Map.of("tables", drops.size());
    }

    Map<String, Object> check() {
        try (Connection c = open()) {
            Map<String, Object> out = isBank() ? checkBank(c) : checkOltp(c);
            if (config.failOnMismatch() && !Boolean.TRUE.equals(out.get("pass"))) {
                throw isBank() ? bankCheckFailure(out)
                        : new StepFailedException("workload check failed on " + config.connection().describe() + ": "
                                + out, "a table does not hold table_size rows");
            }
            return out;
        } catch (SQLException e) {
            throw new StepFailedException("workload check failed on " + config.connection().describe() + ": "
                    + e.getMessage(), "prepare the tables first (action: prepare)", e);
        }
    }

    private Map<String, Object> checkBank(Connection c) throws SQLException {
        Path ledger = config.ledgerPath(context.runDir());
        if (!Files.exists(ledger)) {
            throw new StepFailedException("no bank ledger at " + ledger,
                    "run the bank load first (action: run, mode: bank) or point 'ledger' at its file");
        }
        context.progress("checking " + ledger + " against " + config.connection().describe());
        try {
            return bank.check(c, ledger);
        } catch (IOException e) {
            throw new StepFailedException("cannot read the ledger " + ledger + ": " + e.getMessage(), null, e);
        }
    }

    /** Says what the bank check found wrong, the worst first: lost transfers, a changed total, nothing to check. */
    private StepFailedException bankCheckFailure(Map<String, Object> out) {
        String where = " on " + config.connection().describe();
        long missing = (Long) out.get("missing");
        long acknowledged = (Long) out.get("acknowledged");
        if (missing > 0) {
            return new StepFailedException("bank check failed" + where + ": " + missing + " of " + acknowledged
                    + " acknowledged transfers are missing (the first: " + String.join(", ",
                            ((List<?>) out.get("missing_sample")).stream().map(String::valueOf).toList()) + ")",
                    "writes the source acknowledged did not reach this server: data was lost");
        }
        if (!Boolean.TRUE.equals(out.get("total_ok"))) {
            return new StepFailedException("bank check failed" + where + ": the accounts hold a total of "
                    + out.get("total") + ", not " + out.get("expected_total") + " (" + out.get("accounts") + " of "
                    + config.accounts() + " accounts found)", "a transfer was applied in part: data was lost or torn");
        }
        return new StepFailedException("bank check failed" + where + ": the ledger "
                + config.ledgerPath(context.runDir()) + " holds no acknowledged transfer, so the check proves nothing",
                "the bank load (action: run, mode: bank) must run on the source, and acknowledge transfers, before"
                        + " this check; 'stepwise status RUN' shows whether it ran");
    }

    private Map<String, Object> checkOltp(Connection c) throws SQLException {
        List<Long> counts = oltp.rowCounts(c);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tables", counts.size());
        out.put("rows", counts.stream().mapToLong(Long::longValue).sum());
        out.put("row_counts", counts);
        out.put("pass", counts.stream().allMatch(n -> n == config.tableSize()));
        return out;
    }

    /**
     * After a crash in the middle of prepare (the only time the engine probes): complete tables are
     * done; anything less is what the interrupted attempt left of the workload's own tables (prepare
     * refuses to start where they already exist), so they are dropped and prepare runs again.
     */
    ProbeOutcome probePrepare() {
        try (Connection c = open()) {
            Map<String, Object> counts = isBank() ? Map.of("rows", bankAccounts(c)) : checkOltp(c);
            boolean complete = isBank() ? ((Long) counts.get("rows")) == config.accounts()
                    : Boolean.TRUE.equals(counts.get("pass"));
            if (complete) {
                return ProbeOutcome.done(new StepResult(counts), "the tables are there and complete");
            }
        } catch (SQLException e) {
            if (e.getErrorCode() == 1049) {
                return ProbeOutcome.notDone("the database does not exist");
            }
            if (e.getErrorCode() != 1146) {
                return ProbeOutcome.UNSUPPORTED;
            }
        } catch (StepFailedException e) {
            return ProbeOutcome.UNSUPPORTED;
        }
        cleanup();
        return ProbeOutcome.notDone("the interrupted prepare left its tables incomplete; dropped them to prepare again");
    }

    private long bankAccounts(Connection c) throws SQLException {
        try (var s = c.createStatement(); var rs = s.executeQuery("SELECT COUNT(*) FROM " + bank.accounts())) {
            rs.next();
            return rs.getLong(1);
        }
    }

}
