package io.stepwise.steps.diff;

import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.StepInterruptedException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/** Carries out one {@code diff} step: finds the tables, fans chunks out to workers, reports. */
final class DiffRun {
    private final DiffConfig config;
    private final StepContext context;
    private final List<TableReport> reports = new ArrayList<>();
    private final List<CompletableFuture<Void>> tasks = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean firstPass;
    private volatile boolean rowsEstimated;

    DiffRun(DiffConfig config, StepContext context) {
        this.config = config;
        this.context = context;
    }

    Map<String, Object> run() {
        long started = System.nanoTime();
        Path fixPath = config.fixSqlPath(context.runDir());
        ExecutorService chunkPool = Executors.newFixedThreadPool(config.threads(), daemons("diff-chunk"));
        ExecutorService targetPool = Executors.newFixedThreadPool(config.threads(), daemons("diff-target"));
        try (Side source = new Side("source", config.source(), config.snapshotSource(), config.threads());
                Side target = new Side("target", config.target(), config.snapshotTarget(), config.threads());
                FixSqlWriter fix = new FixSqlWriter(fixPath, config.source().describe(), config.target().describe())) {
            schedule(source, target, chunkPool, targetPool, fix);
            await();
            return outputs(fix, started);
        } catch (SQLException e) {
            throw new StepFailedException("diff failed: " + e.getMessage(), null, e);
        } finally {
            chunkPool.shutdownNow();
            targetPool.shutdownNow();
        }
    }

    private void schedule(Side source, Side target, ExecutorService chunkPool, ExecutorService targetPool,
            FixSqlWriter fix) throws SQLException {
        Future<Metadata.Catalog> targetCatalog = targetPool.submit(() -> target.call(c -> Metadata.catalog(c, config)));
        target.openAhead(targetPool);
        source.openAhead(chunkPool);
        Metadata.Catalog sourceCatalog = source.call(c -> Metadata.catalog(c, config));
        Metadata.Catalog theirs = TableDiff.await(targetCatalog);
        firstPass = config.firstPassApplies() && WholeTable.comparable(sourceCatalog.version(), theirs.version());
        List<Metadata.Listed> sourceTables = sourceCatalog.tables();
        Map<String, Metadata.Listed> targetTables = new LinkedHashMap<>();
        theirs.tables().forEach(t -> targetTables.put(t.qualified(), t));
        if (sourceTables.isEmpty() && targetTables.isEmpty()) {
            throw new StepFailedException("no table matches " + config.tables() + (config.exclude().isEmpty() ? ""
                    : " without " + config.exclude()) + " on " + config.source().describe() + " or "
                    + config.target().describe(), "check 'tables' and 'exclude' (patterns are schema.table)");
        }
        for (Metadata.Listed listed : sourceTables) {
            TableReport report = new TableReport(listed.qualified());
            reports.add(report);
            boolean onTarget = targetTables.remove(report.table) != null;
            Optional<TableMeta> mine = sourceCatalog.meta(listed);
            Optional<TableMeta> other = theirs.meta(listed);
            boolean countOnSource = reports.size() % 2 == 1;
            submit(chunkPool, report, () -> prepareTable(listed, mine, onTarget, other, countOnSource, report, source,
                    target, chunkPool, targetPool, fix));
        }
        for (Metadata.Listed extra : targetTables.values()) {
            TableReport report = new TableReport(extra.qualified());
            report.set(TableReport.Status.EXTRA_TABLE, "only the target has this table");
            reports.add(report);
            fix.statement(extra.qualified() + " exists only on the target", "DROP TABLE IF EXISTS "
                    + io.stepwise.steps.jdbc.SqlLiterals.ident(extra.schema(), extra.table()));
        }
    }

    /**
     * In a worker: compares the two definitions (read with the catalogs), tries the first pass, else
     * splits the table and queues its chunks.
     */
    private void prepareTable(Metadata.Listed listed, Optional<TableMeta> meta, boolean onTarget,
            Optional<TableMeta> targetMeta, boolean countOnSource, TableReport report, Side source, Side target,
            ExecutorService chunkPool, ExecutorService targetPool, FixSqlWriter fix) throws SQLException {
        if (meta.isEmpty()) {
            return;
        }
        TableDiff diff = new TableDiff(meta.get(), source, target, targetPool, fix, report, config.checksum());
        if (!onTarget) {
            report.set(TableReport.Status.MISSING_TABLE, "the target has no such table");
            diff.copyMissing();
            return;
        }
        Optional<String> schemaDifference = schemaDifference(meta.get(), targetMeta);
        if (schemaDifference.isPresent()) {
            report.set(TableReport.Status.SCHEMA_DIFFERS, schemaDifference.get());
            return;
        }
        if (firstPass) {
            Optional<Side> counting = config.countRows() ? Optional.of(countOnSource ? source : target) : Optional.empty();
            Optional<WholeTable.Sum> equal = WholeTable.equal(meta.get(), source, target, targetPool, counting);
            if (equal.isPresent()) {
                OptionalLong counted = equal.get().count();
                long rows = counted.orElse(listed.estimatedRows());
                report.rowsSource.addAndGet(rows);
                report.rowsTarget.addAndGet(rows);
                if (counted.isPresent()) {
                    report.note("equal by CHECKSUM TABLE on both sides");
                } else {
                    rowsEstimated = true;
                    report.note("equal by CHECKSUM TABLE on both sides; about " + rows + " rows (the server's"
                            + " estimate; count_rows: true counts them)");
                }
                return;
            }
        }
        List<KeyRange> chunks = meta.get().hasKey() ? diff.split(config.chunkSize()) : List.of(KeyRange.ALL);
        report.chunks.set(chunks.size());
        for (KeyRange chunk : chunks) {
            submit(chunkPool, report, () -> diff.checkChunk(chunk));
        }
    }

    private static Optional<String> schemaDifference(TableMeta source, Optional<TableMeta> target) {
        if (target.isEmpty()) {
            return Optional.of("the target table has no comparable columns");
        }
        List<String> mine = source.columns().stream().map(TableMeta.Column::signature).toList();
        List<String> theirs = target.get().columns().stream().map(TableMeta.Column::signature).toList();
        if (!mine.equals(theirs)) {
            List<String> onlySource = new ArrayList<>(mine);
            onlySource.removeAll(theirs);
            List<String> onlyTarget = new ArrayList<>(theirs);
            onlyTarget.removeAll(mine);
            return Optional.of("columns differ: source has " + onlySource + ", target has " + onlyTarget);
        }
        if (!source.key().equals(target.get().key())) {
            return Optional.of("keys differ: source " + source.key().stream().map(TableMeta.Column::name).toList()
                    + ", target " + target.get().key().stream().map(TableMeta.Column::name).toList());
        }
        return Optional.empty();
    }

    /** A piece of work that may fail with SQL. */
    private interface SqlWork {
        void run() throws SQLException;
    }

    private void submit(ExecutorService pool, TableReport report, SqlWork work) {
        tasks.add(CompletableFuture.runAsync(() -> {
            try {
                work.run();
            } catch (SQLException e) {
                throw new CompletionException(new SQLException(report.table + ": " + e.getMessage(), e));
            }
        }, pool));
    }

    /** Until every task is done, including the chunk tasks that table tasks queue while running. */
    private void await() throws SQLException {
        int known = 0;
        while (known < tasks.size()) {
            List<CompletableFuture<Void>> snapshot = List.copyOf(tasks);
            known = snapshot.size();
            awaitAll(CompletableFuture.allOf(snapshot.toArray(CompletableFuture[]::new)));
        }
    }

    private void awaitAll(CompletableFuture<Void> all) throws SQLException {
        while (true) {
            if (context.isInterrupted()) {
                throw new StepInterruptedException("diff interrupted");
            }
            try {
                all.get(1, TimeUnit.SECONDS);
                return;
            } catch (TimeoutException e) {
                context.progress(progressLine());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StepInterruptedException("diff interrupted");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() instanceof CompletionException ce ? ce.getCause() : e.getCause();
                if (cause instanceof SQLException sql) {
                    throw sql;
                }
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new SQLException(cause);
            }
        }
    }

    private String progressLine() {
        long chunks = reports.stream().mapToLong(r -> r.chunks.get()).sum();
        long done = reports.stream().mapToLong(r -> r.chunksDone.get()).sum();
        long rows = reports.stream().mapToLong(r -> r.rowsSource.get()).sum();
        long differing = reports.stream().mapToLong(TableReport::differing).sum();
        return String.format(Locale.ROOT, "diff: %d tables, chunk %d of %d, %d rows checked, %d differing",
                reports.size(), done, chunks, rows, differing);
    }

    private Map<String, Object> outputs(FixSqlWriter fix, long started) {
        long elapsedMs = Math.max(1, (System.nanoTime() - started) / 1_000_000);
        long rows = reports.stream().mapToLong(r -> r.rowsSource.get()).sum();
        long differing = reports.stream().mapToLong(TableReport::differing).sum();
        List<TableReport> failing = reports.stream().filter(r -> !r.passes()).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tables", reports.size());
        out.put("tables_differing", failing.size());
        out.put("rows_checked", rows);
        out.put("rows_estimated", rowsEstimated);
        out.put("rows_differing", differing);
        out.put("pass", failing.isEmpty());
        out.put("fix_sql_file", fix.file().toString());
        out.put("fix_statements", fix.statements());
        out.put("duration_ms", elapsedMs);
        out.put("rows_per_second", rows * 1000 / elapsedMs);
        out.put("details", reports.stream().map(TableReport::toMap).toList());
        if (!failing.isEmpty() && config.failOnDifference()) {
            throw new StepFailedException("diff found " + differing + " differing rows in " + failing.size()
                    + " of " + reports.size() + " tables: " + String.join("; ",
                            failing.stream().limit(10).map(TableReport::summary).toList()),
                    "review " + fix.file() + " and apply it to the target, then diff again");
        }
        return out;
    }

    private static java.util.concurrent.ThreadFactory daemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
