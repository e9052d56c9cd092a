package io.stepwise.steps.br;

import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.SqlText;
import io.stepwise.engine.spi.StepContext;
import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.StepInterruptedException;
import io.stepwise.engine.spi.action.SqlAction;
import io.stepwise.engine.spi.action.SqlResult;
import io.stepwise.steps.tidb.support.Rows;
import io.stepwise.steps.jdbc.SqlLiterals;
import io.stepwise.steps.tidb.support.Tso;
import io.stepwise.steps.tidb.support.Uris;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * BACKUP and RESTORE through SQL (tidb-tooling.md 4.1): the statement text with every documented
 * option, and running it while SHOW BACKUPS / SHOW RESTORES is read on a second connection.
 */
final class BrSql {
    private BrSql() {
    }

    /** {@code DATABASE *}, {@code DATABASE `a`, `b`} or {@code TABLE `db`.`t`}. */
    static String targets(BrOptions options) {
        if (!options.tables().isEmpty()) {
            return "TABLE " + SqlLiterals.identList(options.tables());
        }
        if (!options.databases().isEmpty()) {
            return "DATABASE " + SqlLiterals.identList(options.databases());
        }
        return "DATABASE *";
    }

    /** The options both statements take, each on its own line. */
    static List<String> commonOptions(BrOptions options) {
        List<String> list = new ArrayList<>();
        options.rateLimit().ifPresent(v -> list.add("RATE_LIMIT = " + v + " MB/SECOND"));
        options.concurrency().ifPresent(v -> list.add("CONCURRENCY = " + v));
        options.checksum().ifPresent(v -> list.add("CHECKSUM = " + bool(v)));
        options.checksumConcurrency().ifPresent(v -> list.add("CHECKSUM_CONCURRENCY = " + v));
        options.sendCredentialsToTikv().ifPresent(v -> list.add("SEND_CREDENTIALS_TO_TIKV = " + bool(v)));
        return list;
    }

    static String bool(boolean value) {
        return value ? "TRUE" : "FALSE";
    }

    private static final String AGO = "(?i)\\d+\\s+(MICROSECOND|SECOND|MINUTE|HOUR|DAY|WEEK)\\s+AGO";
    private static final String DATETIME = "\\d{4}-\\d{2}-\\d{2}([ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?)?"
            + "(\\s*([+-]\\d{2}:?\\d{2}|Z|UTC))?";

    /** What SNAPSHOT and LAST_BACKUP take: a TSO, {@code N <unit> AGO} or a datetime (tidb-tooling.md 4.1). */
    static boolean isTimeValue(String value) {
        String text = value.trim();
        return Tso.looksLikeTso(text) || text.matches(AGO) || text.matches(DATETIME);
    }

    /** A SNAPSHOT / LAST_BACKUP value: a TSO bare, {@code N <unit> AGO} bare, a datetime quoted. */
    static String timeValue(String value) {
        String text = value.trim();
        if (Tso.looksLikeTso(text)) {
            return text;
        }
        if (text.matches(AGO)) {
            return text.toUpperCase(Locale.ROOT);
        }
        return SqlLiterals.string(text);
    }

    static String statement(String head, List<String> options) {
        StringBuilder sql = new StringBuilder(head);
        options.forEach(o -> sql.append("\n  ").append(o));
        return sql.toString();
    }

    static SqlAction action(BrOptions options, String sql) {
        return new SqlAction(statementConnection(options), SqlText.of(sql));
    }

    /**
     * The statement's own session ({@code <name>.br}): the plan's connection with no socket timeout
     * ({@code socketTimeout=0}), since BACKUP and RESTORE block for the whole copy and a client timeout
     * would break the connection while BR goes on (tidb-tooling.md 9, item 4). What ends a statement
     * early is the step's own {@code timeout} (none by default) or Ctrl-C, both followed by
     * {@code KILL TIDB QUERY} on the progress session.
     */
    static ConnectionInfo statementConnection(BrOptions options) {
        ConnectionInfo main = options.sqlConnection();
        Map<String, Object> settings = new java.util.LinkedHashMap<>(main.settings());
        Map<String, Object> driver = new java.util.LinkedHashMap<>();
        if (main.settings().get("options") instanceof Map<?, ?> given) {
            given.forEach((k, v) -> driver.put(String.valueOf(k), v));
        }
        driver.put("socketTimeout", "0");
        settings.put("options", driver);
        return new ConnectionInfo(main.name() + ".br", main.type(), settings);
    }

    static SqlAction show(BrOptions options, String kind) {
        return new SqlAction(progressConnection(options), SqlText.of("SHOW " + kind));
    }

    /**
     * Runs the blocking statement on its own thread and, every interval, reads {@code SHOW <kind>}
     * on a second session (the connection under the name {@code <name>.progress}, so a runner keeping
     * one session per name does not queue it behind the statement), reporting the state and progress
     * of this destination's task. On interruption it sends {@code KILL TIDB QUERY <Connection>} when
     * the progress row told it, through that second session.
     */
    static SqlResult runWithProgress(BrOptions options, String sql, String kind, StepContext context) {
        String destination = Uris.stripQuery(options.storage());
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "stepwise-" + context.stepId() + "-br");
            thread.setDaemon(true);
            return thread;
        });
        AtomicReference<Object> connectionId = new AtomicReference<>();
        Future<?> poll = null;
        try {
            Future<SqlResult> statement = executor.submit(() -> context.actions().sql(action(options, sql)));
            long next = System.nanoTime() + options.progressInterval().toNanos();
            while (true) {
                try {
                    return statement.get(Math.min(500, Math.max(1, options.progressInterval().toMillis())),
                            TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (context.isInterrupted()) {
                        statement.cancel(true);
                        throw interrupted(options, kind, poll, connectionId, context);
                    }
                    if (System.nanoTime() >= next && (poll == null || poll.isDone())) {
                        poll = executor.submit(() -> poll(options, kind, destination, context)
                                .ifPresent(connectionId::set));
                        next = System.nanoTime() + options.progressInterval().toNanos();
                    }
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof StepInterruptedException || context.isInterrupted()) {
                // the statement's own runner saw the stop first and cancelled its statement; the BR task
                // behind it goes on unless its connection is killed too
                throw interrupted(options, kind, poll, connectionId, context);
            }
            if (cause instanceof StepFailedException failed) {
                throw new StepFailedException(failed.getMessage(), failed.hint()
                        .or(() -> BrHints.forMessage(failed.getMessage())).orElse(null), failed);
            }
            if (cause instanceof RuntimeException runtime && !(cause instanceof IllegalStateException)) {
                throw runtime;
            }
            String message = context.mask(String.valueOf(cause.getMessage()));
            throw new StepFailedException(kind + " failed: " + message, BrHints.forMessage(message).orElse(null), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepInterruptedException("interrupted while waiting for " + kind);
        } finally {
            executor.shutdownNow();
        }
    }

    /**
     * Sends {@code KILL TIDB QUERY} for the task's connection when a progress row named it (waiting
     * for a poll in flight, which may be about to), and returns the exception that says what was done.
     */
    private static StepInterruptedException interrupted(BrOptions options, String kind, Future<?> poll,
            AtomicReference<Object> connectionId, StepContext context) {
        awaitPoll(poll);
        Optional<Object> connection = Optional.ofNullable(connectionId.get());
        kill(options, connection, context);
        return new StepInterruptedException(kind + " interrupted"
                + connection.map(c -> "; sent KILL TIDB QUERY " + c).orElse(""));
    }

    private static void awaitPoll(Future<?> poll) {
        if (poll == null) {
            return;
        }
        try {
            poll.get(2, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | java.util.concurrent.CancellationException e) {
            // no connection id from it: the kill is skipped and the statement cancelled
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The same server under another name: a second session for SHOW and KILL. */
    static ConnectionInfo progressConnection(BrOptions options) {
        ConnectionInfo main = options.sqlConnection();
        return new ConnectionInfo(main.name() + ".progress", main.type(), main.settings());
    }

    /** Reads the progress row; returns the task's connection id when known. */
    private static Optional<Object> poll(BrOptions options, String kind, String destination, StepContext context) {
        try {
            SqlResult result = context.actions().sql(show(options, kind));
            Map<String, Object> mine = null;
            for (Map<String, Object> row : result.rows()) {
                Object dest = Rows.column(row, "Destination").orElse(null);
                if (dest != null && sameDestination(String.valueOf(dest), destination)) {
                    mine = row;
                }
            }
            if (mine == null) {
                context.progress(kind + ": waiting for the task to appear");
                return Optional.empty();
            }
            Object state = Rows.column(mine, "State").orElse("?");
            Object progress = Rows.column(mine, "Progress").orElse("?");
            context.progress(kind + ": " + state + " " + progress + "%");
            return Rows.column(mine, "Connection");
        } catch (RuntimeException e) {
            context.progress(kind + ": progress unavailable (" + context.mask(String.valueOf(e.getMessage())) + ")");
            return Optional.empty();
        }
    }

    static boolean sameDestination(String shown, String expected) {
        return strip(shown).equals(strip(expected));
    }

    private static String strip(String uri) {
        String text = Uris.stripQuery(uri.trim());
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    private static void kill(BrOptions options, Optional<Object> connectionId, StepContext context) {
        connectionId.ifPresent(id -> {
            try {
                long conn = Rows.number(id, "Connection");
                context.actions().sql(new SqlAction(progressConnection(options), SqlText.of("KILL TIDB QUERY " + conn)));
            } catch (RuntimeException e) {
                context.say("could not cancel the BR task on connection " + id + ": "
                        + context.mask(String.valueOf(e.getMessage())));
            }
        });
    }

}
