package io.stepwise.engine.internal.actions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.JdbcConnections;
import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.StepInterruptedException;
import io.stepwise.engine.spi.action.SqlAction;
import io.stepwise.engine.spi.action.SqlResult;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQL over JDBC: one session per connection name for the runner's life, statements with bound
 * parameters, rows as plain maps, cancellation when the run is interrupted.
 */
final class SqlRunner implements AutoCloseable {
    /** More rows than this fail the step: a result is kept in the journal and shown to people. */
    static final int MAX_ROWS = 100_000;
    /** ... and so do rows whose values add up to more than this many characters (bytes for binary values). */
    static final long MAX_RESULT_CHARS = 32L * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(SqlRunner.class);
    private static final long ABORT_AFTER_MILLIS = 3_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Masking masking;
    private final Watchdog watchdog;
    private final Map<String, Session> sessions = new LinkedHashMap<>();
    /** One lock per connection name: a session runs one statement at a time, other sessions go on. */
    private final Map<String, Object> sessionLocks = new java.util.concurrent.ConcurrentHashMap<>();

    SqlRunner(Masking masking, Watchdog watchdog) {
        this.masking = masking;
        this.watchdog = watchdog;
    }

    private record Session(ConnectionInfo info, Connection connection) {
    }

    List<SqlResult> run(List<SqlAction> actions) {
        List<SqlResult> results = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            SqlAction action = actions.get(i);
            if (watchdog.interrupted()) {
                throw new StepInterruptedException(masking.apply("interrupted before " + ordinal(i, actions.size())
                        + " on " + action.connection().describe()));
            }
            synchronized (sessionLocks.computeIfAbsent(action.connection().name(), k -> new Object())) {
                Connection connection = connection(action.connection());
                results.add(execute(connection, action, i, actions.size()));
            }
        }
        return results;
    }

    private Connection connection(ConnectionInfo info) {
        synchronized (sessions) {
            return sessionConnection(info);
        }
    }

    private Connection sessionConnection(ConnectionInfo info) {
        Session session = sessions.get(info.name());
        if (session != null && !session.info().equals(info)) {
            closeQuietly(sessions.remove(info.name()));
            session = null;
        }
        if (session != null) {
            if (usable(session.connection())) {
                return session.connection();
            }
            LOG.warn("connection {} was closed; reconnecting (session variables are reset)", info.name());
            closeQuietly(sessions.remove(info.name()));
        }
        Connection connection = open(info);
        sessions.put(info.name(), new Session(info, connection));
        return connection;
    }

    private Connection open(ConnectionInfo info) {
        java.util.Properties properties;
        try {
            properties = JdbcConnections.properties(info);
        } catch (IllegalArgumentException e) {
            throw new StepFailedException(masking.apply(e.getMessage()), "write options: {name: value, ...}");
        }
        try {
            LOG.debug("connecting to {}", info.describe());
            return DriverManager.getConnection(JdbcConnections.url(info), properties);
        } catch (SQLException e) {
            throw SqlErrors.connectFailed(info, e, masking);
        }
    }

    private static boolean usable(Connection connection) {
        try {
            return !connection.isClosed() && connection.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    private SqlResult execute(Connection connection, SqlAction action, int index, int count) {
        ConnectionInfo info = action.connection();
        String sql = action.statement().sql();
        List<Object> parameters = action.statement().parameters();
        Watchdog.Guard guard = null;
        try (Statement statement = parameters.isEmpty() ? connection.createStatement()
                : connection.prepareStatement(sql)) {
            // rows stream from the server one by one (MySQL Connector/J): memory holds only what is kept
            statement.setFetchSize(Integer.MIN_VALUE);
            bind(statement, parameters);
            guard = watchdog.watch(Thread.currentThread(), () -> cancel(statement),
                    ABORT_AFTER_MILLIS, () -> abort(connection));
            boolean hasRows = parameters.isEmpty() ? statement.execute(sql) : ((PreparedStatement) statement).execute();
            SqlResult result = collect(statement, hasRows, info, sql);
            if (guard.fired()) {
                throw interrupted(info, index, count);
            }
            return result;
        } catch (SQLException e) {
            if (guard != null && guard.fired()) {
                throw interrupted(info, index, count);
            }
            throw SqlErrors.statementFailed(info, e, sql, index, count, masking);
        } finally {
            if (guard != null) {
                guard.close();
            }
        }
    }

    private static void bind(Statement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            Object value = parameters.get(i);
            PreparedStatement prepared = (PreparedStatement) statement;
            if (value == null) {
                prepared.setNull(i + 1, Types.NULL);
            } else if (value instanceof Map || value instanceof List) {
                prepared.setString(i + 1, json(value));
            } else {
                prepared.setObject(i + 1, value);
            }
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot bind a parameter as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private SqlResult collect(Statement statement, boolean hasRows, ConnectionInfo info, String sql)
            throws SQLException {
        SqlResult result;
        if (hasRows) {
            try (ResultSet rs = statement.getResultSet()) {
                result = rows(rs, info, sql);
            }
        } else {
            result = new SqlResult(List.of(), List.of(), Math.max(0, statement.getLargeUpdateCount()));
        }
        for (int more = 0; more < 1_000 && (statement.getMoreResults() || statement.getUpdateCount() != -1); more++) {
            LOG.debug("ignoring a further result of a statement on {}", info.name());
        }
        return result;
    }

    private SqlResult rows(ResultSet rs, ConnectionInfo info, String sql) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        List<String> labels = JdbcValues.labels(meta);
        int[] types = new int[labels.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = meta.getColumnType(i + 1);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        long chars = 0;
        while (rs.next()) {
            if (rows.size() == MAX_ROWS) {
                throw stopReading(rs, SqlErrors.tooManyRows(info, MAX_ROWS + " rows", sql, masking));
            }
            Map<String, Object> row = JdbcValues.row(rs, labels, types);
            chars += size(row);
            if (chars > MAX_RESULT_CHARS) {
                throw stopReading(rs, SqlErrors.tooManyRows(info, MAX_RESULT_CHARS / (1024 * 1024)
                        + " Mi characters in its first " + (rows.size() + 1) + " rows", sql, masking));
            }
            rows.add(row);
        }
        return new SqlResult(labels, rows, -1);
    }

    /**
     * A streamed result cannot be left half read: closing it reads the rest (minutes for a big table,
     * forever for an endless one), and a KILL QUERY could reach the session's next statement if this
     * one had already ended. So the session's connection is closed at once; the server stops the query
     * when it can no longer send, and the next statement on this connection name opens a new session.
     */
    private static StepFailedException stopReading(ResultSet rs, StepFailedException failure) {
        try {
            Connection connection = rs.getStatement().getConnection();
            LOG.debug("closing the session to stop a result past what a step keeps");
            connection.abort(Runnable::run);
        } catch (SQLException | RuntimeException e) {
            LOG.debug("closing a session failed: {}", e.toString());
        }
        return failure;
    }

    private static long size(Map<String, Object> row) {
        long size = 0;
        for (Object value : row.values()) {
            size += value == null ? 0 : value instanceof byte[] bytes ? bytes.length : String.valueOf(value).length();
        }
        return size;
    }

    private static void cancel(Statement statement) {
        try {
            statement.cancel();
        } catch (SQLException | RuntimeException e) {
            LOG.debug("cancelling a statement failed: {}", e.toString());
        }
    }

    private static void abort(Connection connection) {
        try {
            LOG.warn("statement did not stop after cancel; closing its connection");
            connection.abort(Runnable::run);
        } catch (SQLException | RuntimeException e) {
            LOG.debug("aborting a connection failed: {}", e.toString());
        }
    }

    private StepInterruptedException interrupted(ConnectionInfo info, int index, int count) {
        return new StepInterruptedException(masking.apply("interrupted; cancelled " + ordinal(index, count) + " on "
                + info.describe()));
    }

    private static String ordinal(int index, int count) {
        return count > 1 ? "statement " + (index + 1) + " of " + count : "the statement";
    }

    private static void closeQuietly(Session session) {
        if (session == null) {
            return;
        }
        try {
            session.connection().close();
        } catch (SQLException | RuntimeException e) {
            LOG.debug("closing connection {} failed: {}", session.info().name(), e.toString());
        }
    }

    @Override
    public void close() {
        synchronized (sessions) {
            closeAll();
        }
    }

    private void closeAll() {
        sessions.values().forEach(SqlRunner::closeQuietly);
        sessions.clear();
    }
}
