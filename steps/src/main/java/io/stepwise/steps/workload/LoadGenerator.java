package io.stepwise.steps.workload;

import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.action.BackgroundProcess;
import io.stepwise.steps.jdbc.MysqlJdbc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.random.RandomGenerator;

/**
 * An in-JVM load generator: {@code threads} connections running transactions, paced to {@code rate}
 * transactions a second (0: as fast as they go), for a duration or until stopped. Deadlocks and
 * lock-wait timeouts are retried as sysbench does; lost connections are reopened with a back-off, so the
 * load survives a failover and counts the errors. Writes a sysbench-like report line to its log every
 * report interval and a summary at the end. {@code onTick} runs about every 100 ms while the load runs
 * (the bank flushes its ledger there), {@code onStop} once when it ends.
 */
final class LoadGenerator implements BackgroundProcess {
    /** One connection's transactions. */
    interface Session {
        void transaction(RandomGenerator random) throws SQLException;
    }

    /** Prepares a session on a fresh connection. */
    interface SessionFactory {
        Session open(Connection connection) throws SQLException;
    }

    private static final long MAX_BACKLOG_NANOS = 1_000_000_000L;

    private final String name;
    private final ConnectionInfo connection;
    private final SessionFactory sessions;
    private final int threads;
    private final long intervalNanos;
    private final Optional<Duration> duration;
    private final Duration reportInterval;
    private final Path logFile;
    private final Runnable onTick;
    private final Runnable onStop;
    private final long seed;
    private final LatencyHistogram latency = new LatencyHistogram();
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong nextSlot = new AtomicLong();
    private final List<Thread> workers = new ArrayList<>();
    private volatile String lastError = "";
    private volatile boolean stopping;
    private volatile long startNanos;
    private volatile long endNanos;
    private Thread reporter;

    LoadGenerator(String name, ConnectionInfo connection, SessionFactory sessions, int threads,
            double rate, Optional<Duration> duration, Duration reportInterval, Path logFile, long seed,
            Runnable onTick, Runnable onStop) {
        this.name = name;
        this.connection = connection;
        this.sessions = sessions;
        this.threads = threads;
        this.intervalNanos = rate > 0 ? (long) (1e9 / rate) : 0;
        this.duration = duration;
        this.reportInterval = reportInterval;
        this.logFile = logFile;
        this.seed = seed;
        this.onTick = onTick;
        this.onStop = onStop;
    }

    synchronized void start() {
        startNanos = System.nanoTime();
        nextSlot.set(startNanos);
        log("starting " + threads + " threads on " + connection.describe() + (intervalNanos > 0
                ? String.format(Locale.ROOT, ", rate %.1f tps", 1e9 / intervalNanos) : ", no rate cap")
                + duration.map(d -> ", for " + d.toSeconds() + "s").orElse(", until stopped"));
        SplittableRandom seeds = new SplittableRandom(seed);
        for (int i = 0; i < threads; i++) {
            SplittableRandom random = seeds.split();
            Thread worker = new Thread(() -> work(random), name + "-" + (i + 1));
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        reporter = new Thread(this::report, name + "-report");
        reporter.setDaemon(true);
        reporter.start();
    }

    private boolean expired() {
        return stopping || duration.map(d -> System.nanoTime() - startNanos >= d.toNanos()).orElse(false);
    }

    private void work(RandomGenerator random) {
        Connection c = null;
        Session session = null;
        long backoff = 100;
        while (!expired()) {
            try {
                if (c == null) {
                    c = MysqlJdbc.open(connection, null, jdbcProperties());
                    session = sessions.open(c);
                    backoff = 100;
                }
                if (!pace()) {
                    break;
                }
                long t0 = System.nanoTime();
                session.transaction(random);
                latency.record((System.nanoTime() - t0) / 1000);
                transactions.incrementAndGet();
            } catch (SQLException e) {
                if (c != null && isRetryable(e)) {
                    retries.incrementAndGet();
                    rollbackQuietly(c);
                    continue;
                }
                errors.incrementAndGet();
                lastError = e.getMessage();
                closeQuietly(c);
                c = null;
                sleepMillis(backoff);
                backoff = Math.min(1000, backoff * 2);
            } catch (RuntimeException e) {
                errors.incrementAndGet();
                lastError = String.valueOf(e);
                closeQuietly(c);
                c = null;
                sleepMillis(backoff);
            }
        }
        closeQuietly(c);
    }

    private static Properties jdbcProperties() {
        Properties props = new Properties();
        props.setProperty("connectTimeout", "3000");
        props.setProperty("socketTimeout", "60000");
        return props;
    }

    /** Waits for this thread's slot; false when stopped while waiting. */
    private boolean pace() {
        if (intervalNanos == 0) {
            return true;
        }
        long now = System.nanoTime();
        long floor = now - MAX_BACKLOG_NANOS;
        long previous = nextSlot.getAndUpdate(n -> Math.max(n, floor) + intervalNanos);
        long slot = Math.max(previous, floor);
        while (System.nanoTime() < slot) {
            if (expired()) {
                return false;
            }
            LockSupport.parkNanos(Math.min(slot - System.nanoTime(), 50_000_000L));
        }
        return !expired();
    }

    private static boolean isRetryable(SQLException e) {
        int code = e.getErrorCode();
        return code == 1213 || code == 1205 || code == 1020 || code == 1062;
    }

    private void report() {
        long lastCount = 0;
        long lastErrors = 0;
        long lastTime = startNanos;
        while (isAlive()) {
            LockSupport.parkNanos(Math.min(reportInterval.toNanos(), 100_000_000L));
            long now = System.nanoTime();
            onTick.run();
            if (now - lastTime >= reportInterval.toNanos()) {
                long count = transactions.get();
                long errs = errors.get();
                double seconds = (now - lastTime) / 1e9;
                log(String.format(Locale.ROOT, "[ %ds ] thds: %d tps: %.2f lat (ms,95%%): %.2f err/s: %.2f",
                        (now - startNanos) / 1_000_000_000L, threads, (count - lastCount) / seconds,
                        latency.percentileMillis(95), (errs - lastErrors) / seconds));
                lastCount = count;
                lastErrors = errs;
                lastTime = now;
            }
        }
    }

    /** A one-line status for progress messages. */
    String statusLine() {
        double seconds = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
        return String.format(Locale.ROOT, "%d transactions in %.0fs (%.1f tps), p95 %.2f ms, %d errors%s",
                transactions.get(), seconds, transactions.get() / seconds, latency.percentileMillis(95),
                errors.get(), lastError.isEmpty() ? "" : " (last: " + lastError + ")");
    }

    /** What the load did: transactions, tps, latency percentiles, errors. */
    Map<String, Object> summary() {
        long end = endNanos == 0 ? System.nanoTime() : endNanos;
        double seconds = Math.max(1e-9, (end - startNanos) / 1e9);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("transactions", transactions.get());
        out.put("tps", Math.round(transactions.get() / seconds * 100) / 100.0);
        out.put("p50_ms", round(latency.percentileMillis(50)));
        out.put("p95_ms", round(latency.percentileMillis(95)));
        out.put("p99_ms", round(latency.percentileMillis(99)));
        out.put("max_ms", round(latency.maxMillis()));
        out.put("errors", errors.get());
        out.put("retries", retries.get());
        out.put("last_error", lastError);
        out.put("duration_s", Math.round(seconds * 10) / 10.0);
        return out;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long pid() {
        return ProcessHandle.current().pid();
    }

    @Override
    public boolean isAlive() {
        return workers.stream().anyMatch(Thread::isAlive);
    }

    @Override
    public Path logFile() {
        return logFile;
    }

    @Override
    public String outputTail(int maxChars) {
        try {
            String text = Files.exists(logFile) ? Files.readString(logFile, StandardCharsets.UTF_8) : "";
            return text.length() <= maxChars ? text : text.substring(text.length() - maxChars);
        } catch (IOException e) {
            return "";
        }
    }

    /** Waits until the workers end by themselves (the duration passed). */
    void awaitEnd() throws InterruptedException {
        for (Thread worker : workers) {
            worker.join();
        }
        finish();
    }

    @Override
    public void stop() {
        stopping = true;
        for (Thread worker : workers) {
            try {
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        finish();
    }

    private synchronized void finish() {
        if (endNanos != 0) {
            return;
        }
        endNanos = System.nanoTime();
        onStop.run();
        log("stopped: " + summary());
    }

    synchronized void log(String line) {
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            Files.writeString(logFile, line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + logFile, e);
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the next statement reports a broken connection
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing a dead connection
            }
        }
    }

    private static void sleepMillis(long millis) {
        LockSupport.parkNanos(millis * 1_000_000L);
    }
}
